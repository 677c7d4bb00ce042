import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { BILLING_CODES, BILLING_MEMO_VERSION, BILLING_PROFESSIONS, billingEligibility, type BillingCode, type BillingProfession, type EligibilityAnswer } from '@palliance/core';
import { getBillingMemo } from '../../api/evaluation';
import { usePageTitle } from '../../ui/page-title';
import { Unconfirmed } from './ScaleForm';
import './tools.css';

const VERDICTS = { applicable: 'Applicable', 'non-applicable': 'Non applicable', 'a-verifier': 'À vérifier' } as const;
const PROFESSIONS = Object.keys(BILLING_PROFESSIONS) as BillingProfession[];

/**
 * The billing memo per profession (printable) and the eligibility helper. The rules are the pure core
 * function the server also answers with (POST /api/v1/billing/eligibility).
 */
export function BillingMemoPage() {
  const [params, setParams] = useSearchParams();
  const profession = (PROFESSIONS as string[]).includes(params.get('profession') ?? '') ? (params.get('profession') as BillingProfession) : 'medecin';
  usePageTitle(`Mémo des cotations – ${BILLING_PROFESSIONS[profession]}`);
  // The version shipped with the code at once, the one in force on the server (editors publish new ones) when it answers.
  const [memo, setMemo] = useState<{ version: number | string; date: string; codes: BillingCode[] }>({ ...BILLING_MEMO_VERSION, codes: BILLING_CODES });
  useEffect(() => {
    getBillingMemo().then(setMemo, () => {});
  }, []);
  const codes = memo.codes.filter((c) => c.profession === profession);

  return (
    <div className="page">
      <p className="breadcrumb no-print">
        <Link to="/outils">Outils</Link> <span aria-hidden="true">›</span> Mémo des cotations
      </p>
      <h1>Mémo des cotations en soins palliatifs à domicile</h1>
      <p className="lead">
        {BILLING_PROFESSIONS[profession]} · version {memo.version} du {new Date(memo.date).toLocaleDateString('fr-FR')}. Vérifiez les
        montants et conditions en vigueur (NGAP, conventions) avant de coter.
      </p>
      <nav aria-label="Profession" className="actions no-print">
        {PROFESSIONS.map((p) => (
          <button key={p} type="button" className={`button${p === profession ? '' : ' button-secondary'}`} aria-pressed={p === profession} onClick={() => setParams({ profession: p })}>
            {BILLING_PROFESSIONS[p]}
          </button>
        ))}
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          Imprimer le mémo
        </button>
      </nav>

      {codes.map((c) => (
        <section key={c.code} className="card" aria-labelledby={`code-${c.code}`}>
          <h2 id={`code-${c.code}`}>
            {c.code} : {c.label} <span className="nowrap">({c.amount})</span>
          </h2>
          <p>
            <strong>Qui :</strong> {c.who}
          </p>
          <ul>
            {c.conditions.map((x) => (
              <li key={x}>{x}</li>
            ))}
            {c.combination.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
          {c.supportingDocuments.length > 0 && (
            <p>
              <strong>Justificatif :</strong> {c.supportingDocuments.join(' ')}
            </p>
          )}
          {c.unconfirmed.map((u) => (
            <p key={u} className="small">
              <Unconfirmed note={u} /> {u}
            </p>
          ))}
          <p className="small muted">Sources : {c.sources.join(' ; ')}</p>
        </section>
      ))}

      <EligibilityHelper profession={profession} codes={memo.codes} />
    </div>
  );
}

function EligibilityHelper({ profession, codes }: { profession: BillingProfession; codes: BillingCode[] }) {
  const [f, setF] = useState({
    palliative: true,
    age: '',
    exoneratingAld: false,
    neurodegenerative: false,
    unableToTravel: false,
    homeVisit: true,
    treatingGp: true,
    becomingTreatingGp: false,
    vlThisYear: '0',
    ngapTitleXviCare: true,
    prescriptionSaysPalliative: true,
  });
  const [answers, setAnswers] = useState<EligibilityAnswer[] | null>(null);
  const box = (key: keyof typeof f, label: string) => (
    <label className="checkbox">
      <input type="checkbox" checked={f[key] as boolean} onChange={(e) => setF({ ...f, [key]: e.target.checked })} /> {label}
    </label>
  );

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setAnswers(
      billingEligibility({
        profession,
        patient: { palliative: f.palliative, age: f.age === '' ? null : Number(f.age), exoneratingAld: f.exoneratingAld, neurodegenerative: f.neurodegenerative, unableToTravel: f.unableToTravel },
        act: {
          homeVisit: f.homeVisit,
          treatingGp: f.treatingGp,
          becomingTreatingGp: f.becomingTreatingGp,
          vlThisYear: Number(f.vlThisYear) || 0,
          ngapTitleXviCare: f.ngapTitleXviCare,
          prescriptionSaysPalliative: f.prescriptionSaysPalliative,
        },
      }, codes),
    );
  }

  return (
    <section className="card no-print" aria-labelledby="aide-titre">
      <h2 id="aide-titre">Quelle cotation pour ma situation ?</h2>
      <form onSubmit={onSubmit} aria-label="Aide à la cotation">
        <fieldset className="fieldset">
          <legend>Le patient</legend>
          {box('palliative', 'est en soins palliatifs (art. L.1110-10 du code de la santé publique)')}
          {profession === 'medecin' && (
            <>
              <div className="field">
                <label htmlFor="age">Âge</label>
                <input id="age" type="number" inputMode="numeric" min={0} max={130} value={f.age} onChange={(e) => setF({ ...f, age: e.target.value })} />
              </div>
              {box('exoneratingAld', 'est en ALD exonérante')}
              {box('neurodegenerative', 'est atteint d’une maladie neurodégénérative')}
              {box('unableToTravel', 'est dans l’incapacité médicale de se déplacer')}
            </>
          )}
        </fieldset>
        <fieldset className="fieldset">
          <legend>Ce que je fais</legend>
          {box('homeVisit', 'au domicile du patient')}
          {profession === 'medecin' && (
            <>
              {box('treatingGp', 'je suis son médecin traitant')}
              {box('becomingTreatingGp', 'première visite : je me déclare médecin traitant')}
              <div className="field">
                <label htmlFor="vl">VL déjà facturées cette année pour ce patient</label>
                <input id="vl" type="number" inputMode="numeric" min={0} value={f.vlThisYear} onChange={(e) => setF({ ...f, vlThisYear: e.target.value })} />
              </div>
            </>
          )}
          {profession === 'infirmier' && box('ngapTitleXviCare', 'un soin inscrit au titre XVI de la NGAP')}
          {profession === 'kinesitherapeute' && box('prescriptionSaysPalliative', 'l’ordonnance porte la mention « soins palliatifs »')}
        </fieldset>
        <p className="actions">
          <button type="submit" className="button">
            Voir les cotations
          </button>
        </p>
      </form>
      {answers && (
        <div aria-live="polite">
          {answers.map((a) => (
            <div key={a.code} className={`card verdict-${a.verdict}`} data-testid={`verdict-${a.code}`}>
              <h3>
                {a.code} ({a.amount}) : {VERDICTS[a.verdict]}
              </h3>
              <ul>
                {a.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              {a.supportingDocuments.length > 0 && <p>Justificatif : {a.supportingDocuments.join(' ')}</p>}
              {a.unconfirmed.map((u) => (
                <p key={u} className="small">
                  <Unconfirmed note={u} /> {u}
                </p>
              ))}
              <p className="small muted">Source : {a.sources.join(' ; ')}</p>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
