import { BILLING_CODES, billingCode, type BillingCode, type BillingProfession } from './codes';

/** "I am a …, the patient is …, I do …": the facts the rules of the memo need, nothing more. */
export interface EligibilityQuestion {
  profession: BillingProfession;
  patient: {
    /** In palliative care in the sense of art. L.1110-10 CSP. */
    palliative: boolean;
    age?: number | null;
    exoneratingAld: boolean;
    neurodegenerative: boolean;
    /** Medically unable to travel. */
    unableToTravel: boolean;
  };
  act: {
    homeVisit: boolean;
    /** GP: I am the patient's médecin traitant. */
    treatingGp?: boolean;
    /** GP: first home visit, and I declare myself médecin traitant at this visit. */
    becomingTreatingGp?: boolean;
    /** GP: VL already billed this year for this patient. */
    vlThisYear?: number;
    /** Nurse: care listed under NGAP title XVI. */
    ngapTitleXviCare?: boolean;
    /** Physiotherapist: the prescription says "soins palliatifs". */
    prescriptionSaysPalliative?: boolean;
  };
}

export type EligibilityVerdict = 'applicable' | 'non-applicable' | 'a-verifier';

export interface EligibilityAnswer {
  code: BillingCode['code'];
  label: string;
  amount: string;
  verdict: EligibilityVerdict;
  reasons: string[];
  supportingDocuments: string[];
  sources: string[];
  unconfirmed: string[];
}

/**
 * Which codes apply, and why. Pure: the same rules answer in the browser and on the server. Every
 * reason is taken from the memo's conditions; points the reference leaves open give "à vérifier".
 */
export function billingEligibility(q: EligibilityQuestion, codes: BillingCode[] = BILLING_CODES): EligibilityAnswer[] {
  return codes.filter((c) => c.profession === q.profession).map((c) => {
    const { verdict, reasons } = RULES[c.code](q);
    return {
      code: c.code,
      label: c.label,
      amount: c.amount,
      verdict,
      reasons,
      supportingDocuments: verdict === 'non-applicable' ? [] : documentsFor(c, q),
      sources: c.sources,
      unconfirmed: c.unconfirmed,
    };
  });
}

function documentsFor(c: BillingCode, q: EligibilityQuestion): string[] {
  if (c.code === 'VL' && !q.act.becomingTreatingGp) return [];
  return c.supportingDocuments;
}

type Rule = (q: EligibilityQuestion) => { verdict: EligibilityVerdict; reasons: string[] };

const no = (...reasons: string[]) => ({ verdict: 'non-applicable' as const, reasons });
const yes = (...reasons: string[]) => ({ verdict: 'applicable' as const, reasons });
const check = (...reasons: string[]) => ({ verdict: 'a-verifier' as const, reasons });

const RULES: Record<BillingCode['code'], Rule> = {
  VSP: (q) => {
    if (!q.act.homeVisit) return no('La VSP est une visite au domicile du patient.');
    if (!q.act.treatingGp) return no('La VSP est réservée au médecin traitant.');
    if (!q.patient.palliative) return no('Le patient doit être en soins palliatifs au sens de l’article L.1110-10 du code de la santé publique.');
    return yes(
      'Visite au domicile d’un patient en soins palliatifs par son médecin traitant.',
      'Nombre de visites non plafonné dans l’année depuis la convention médicale de fin 2023.',
    );
  },
  VL: (q) => {
    if (!q.act.homeVisit) return no('La VL est une visite au domicile du patient.');
    const age = q.patient.age ?? null;
    if (q.act.becomingTreatingGp) {
      if (!q.patient.unableToTravel) return no('Première visite : le patient doit être dans l’incapacité médicale de se déplacer.');
      if ((age !== null && age > 80) || q.patient.exoneratingAld)
        return yes('Première visite au domicile d’un patient de plus de 80 ans ou en ALD exonérante ne pouvant se déplacer, en vous déclarant médecin traitant : une seule fois.');
      return no('Première visite : le patient doit avoir plus de 80 ans ou être en ALD exonérante.');
    }
    if (!q.act.treatingGp) return no('La VL est réservée au médecin traitant (ou à la première visite où vous le devenez).');
    const eligible = (age !== null && age >= 80 && q.patient.exoneratingAld) || q.patient.neurodegenerative;
    if (!eligible) return no('Le patient doit avoir 80 ans ou plus et être en ALD exonérante, ou être atteint d’une maladie neurodégénérative.');
    if ((q.act.vlThisYear ?? 0) >= 4) return no('La VL est limitée à 4 fois par an et par patient ; 4 ont déjà été facturées cette année.');
    return yes(
      q.patient.neurodegenerative
        ? 'Visite au domicile d’un patient atteint d’une maladie neurodégénérative par son médecin traitant.'
        : 'Visite au domicile d’un patient de 80 ans ou plus en ALD exonérante par son médecin traitant.',
      `Jusqu’à 4 fois par an et par patient (${q.act.vlThisYear ?? 0} déjà facturée(s) cette année).`,
    );
  },
  MD: (q) => {
    if (!q.act.homeVisit) return no('La MD est un supplément de visite à domicile.');
    return check('Supplément de visite à domicile ; son cumul avec la VSP ou la VL n’est pas confirmé : à vérifier.');
  },
  MCI: (q) => {
    if (!q.act.homeVisit) return no('La MCI concerne des soins réalisés au domicile.');
    if (!q.patient.palliative) return no('Le patient doit être en soins palliatifs (ou recevoir des pansements lourds et complexes).');
    if (!q.act.ngapTitleXviCare) return no('Le soin doit être inscrit au titre XVI de la NGAP.');
    return yes('Soin du titre XVI de la NGAP au domicile d’un patient en soins palliatifs, quel que soit le soin.', 'Une seule fois par intervention.');
  },
  BSI: () => check('Forfait journalier de prise en charge de la dépendance : aucune règle propre aux soins palliatifs dans la référence.'),
  PLL: (q) => {
    if (!q.patient.palliative) return no('La PLL concerne la prise en charge palliative.');
    if (!q.act.prescriptionSaysPalliative) return no('L’ordonnance doit porter la mention « soins palliatifs ».');
    return yes('Prise en charge palliative prescrite avec la mention « soins palliatifs ».', 'Cotation journalière forfaitaire, quel que soit le nombre d’interventions.');
  },
};

/**
 * The text a nurse keeps to justify the MCI with a Pallia 10 evaluation, as the Corpalif memo allows
 * (the alternative justification, a prescriber attestation, and the unconfirmed status, are stated).
 */
export function mciJustification(
  input: { score: number; thresholdReached: boolean; date: string; evaluator?: string; patient?: string },
  codes: BillingCode[] = BILLING_CODES,
): string {
  const mci = codes.find((c) => c.code === 'MCI') ?? billingCode('MCI');
  return [
    `Évaluation PALLIA 10 réalisée le ${input.date}${input.evaluator ? ` par ${input.evaluator}` : ''}${input.patient ? ` pour ${input.patient}` : ''} : ${input.score} réponse(s) positive(s) sur 10${input.thresholdReached ? ' (au-delà de 3 : recours à une équipe spécialisée à envisager)' : ''}.`,
    'Elle justifie de manière formelle la notion de soin palliatif pour la majoration de coordination infirmière (MCI), conformément à la fiche mémo de la Corpalif (une attestation du médecin prescripteur précisant la situation palliative est l’autre justificatif admis).',
    `À confirmer : ${mci.unconfirmed.join(' ')}`,
    `Source : ${mci.sources[0]}`,
  ].join('\n');
}
