import { describe, expect, it } from 'vitest';
import { BILLING_CODES } from './codes';
import { billingEligibility, mciJustification, type EligibilityQuestion } from './eligibility';

const patient = { palliative: true, age: 70, exoneratingAld: false, neurodegenerative: false, unableToTravel: false };
const ask = (over: Partial<EligibilityQuestion> & { profession: EligibilityQuestion['profession'] }, p = {}, act = {}): Record<string, ReturnType<typeof billingEligibility>[number]> =>
  Object.fromEntries(billingEligibility({ patient: { ...patient, ...p }, act: { homeVisit: true, ...act }, ...over }).map((a) => [a.code, a]));

describe('GP', () => {
  it('VSP for a palliative patient at home, by the treating GP; VL not for a 70-year-old without neurodegenerative disease', () => {
    const r = ask({ profession: 'medecin' }, {}, { treatingGp: true });
    expect(Object.keys(r).sort()).toEqual(['MD', 'VL', 'VSP']);
    expect(r.VSP.verdict).toBe('applicable');
    expect(r.VSP.sources[0]).toContain('Corpalif');
    expect(r.VL.verdict).toBe('non-applicable');
    expect(r.MD.verdict).toBe('a-verifier');
    expect(r.MD.unconfirmed[0]).toContain('Cumul');
  });
  it('no VSP when not the treating GP or not palliative or not at home', () => {
    expect(ask({ profession: 'medecin' }, {}, { treatingGp: false }).VSP.verdict).toBe('non-applicable');
    expect(ask({ profession: 'medecin' }, { palliative: false }, { treatingGp: true }).VSP.reasons[0]).toContain('L.1110-10');
    expect(ask({ profession: 'medecin' }, {}, { treatingGp: true, homeVisit: false }).VSP.verdict).toBe('non-applicable');
  });
  it('VL: 80 in exonerating ALD or neurodegenerative, up to 4 a year', () => {
    expect(ask({ profession: 'medecin' }, { age: 80, exoneratingAld: true }, { treatingGp: true }).VL.verdict).toBe('applicable');
    expect(ask({ profession: 'medecin' }, { age: 79, exoneratingAld: true }, { treatingGp: true }).VL.verdict).toBe('non-applicable');
    expect(ask({ profession: 'medecin' }, { neurodegenerative: true }, { treatingGp: true, vlThisYear: 3 }).VL.verdict).toBe('applicable');
    expect(ask({ profession: 'medecin' }, { neurodegenerative: true }, { treatingGp: true, vlThisYear: 4 }).VL.verdict).toBe('non-applicable');
  });
  it('VL first visit when becoming treating GP: over 80 or ALD, unable to travel; needs the declaration', () => {
    const r = ask({ profession: 'medecin' }, { age: 81, unableToTravel: true }, { becomingTreatingGp: true });
    expect(r.VL.verdict).toBe('applicable');
    expect(r.VL.supportingDocuments[0]).toContain('médecin traitant');
    expect(ask({ profession: 'medecin' }, { age: 80, unableToTravel: true }, { becomingTreatingGp: true }).VL.verdict).toBe('non-applicable');
    expect(ask({ profession: 'medecin' }, { age: 85, unableToTravel: false }, { becomingTreatingGp: true }).VL.verdict).toBe('non-applicable');
  });
});

describe('nurse', () => {
  it('MCI for title XVI care at home of a palliative patient, with both positions on the supporting document', () => {
    const r = ask({ profession: 'infirmier' }, {}, { ngapTitleXviCare: true });
    expect(r.MCI.verdict).toBe('applicable');
    expect(r.MCI.supportingDocuments[0]).toContain('PALLIA 10');
    expect(r.MCI.unconfirmed[0]).toContain('aucune prescription');
    expect(r.BSI.verdict).toBe('a-verifier');
  });
  it('no MCI outside title XVI or for a non-palliative patient', () => {
    expect(ask({ profession: 'infirmier' }, {}, { ngapTitleXviCare: false }).MCI.verdict).toBe('non-applicable');
    expect(ask({ profession: 'infirmier' }, { palliative: false }, { ngapTitleXviCare: true }).MCI.supportingDocuments).toEqual([]);
  });
  it('MCI justification text from a Pallia 10', () => {
    const text = mciJustification({ score: 5, thresholdReached: true, date: '22/11/2026' });
    expect(text).toContain('5 réponse(s) positive(s)');
    expect(text).toContain('attestation du médecin prescripteur');
    expect(text).toContain('À confirmer');
  });
});

describe('physiotherapist', () => {
  it('PLL needs the mention "soins palliatifs" on the prescription', () => {
    expect(ask({ profession: 'kinesitherapeute' }, {}, { prescriptionSaysPalliative: true }).PLL.verdict).toBe('applicable');
    expect(ask({ profession: 'kinesitherapeute' }, {}, { prescriptionSaysPalliative: false }).PLL.reasons[0]).toContain('soins palliatifs');
  });
});

it('every code cites a source', () => {
  for (const c of BILLING_CODES) expect(c.sources.length).toBeGreaterThan(0);
});
