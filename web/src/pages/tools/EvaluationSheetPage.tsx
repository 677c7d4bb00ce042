import { useState } from 'react';
import { Link } from 'react-router';
import { mciJustification, PPS_NOTE, scoreScale, type Commune, type EvaluationSheetInput, type ScaleAnswers, type ScaleId } from '@palliance/core';
import { downloadSheet } from '../../api/evaluation';
import { ApiError } from '../../api/http';
import { RadioGroup } from '../../ui/forms';
import { usePageTitle } from '../../ui/page-title';
import { PalliaTeams } from './PalliaTeams';
import { ScaleForm } from './ScaleForm';
import { useScaleDefinitions } from './scale-definitions-hook';
import './tools.css';
import { SaveEvaluationForPatient } from '../coordination/SaveEvaluationForPatient';

type SelfReport = 'oui' | 'non' | '';

/** Only the answers given: an emptied field is not sent. */
const given = (a: ScaleAnswers = {}): Record<string, boolean | number | string> =>
  Object.fromEntries(Object.entries(a).filter((e): e is [string, boolean | number | string] => e[1] !== undefined && e[1] !== null && e[1] !== ''));

/**
 * "Fiche d'évaluation standardisée" (Corpalif recommendation): pain (EN or EVA, or Algoplus when the
 * patient cannot self-report), PALLIA 10 and ESAS-r on one screen, scores live. Calculator mode: nothing
 * is stored; the PDF and the FHIR file are produced by the server from the answers and sent back.
 */
export function EvaluationSheetPage() {
  usePageTitle('Fiche d’évaluation standardisée');
  const SCALES = useScaleDefinitions();
  const [selfReport, setSelfReport] = useState<SelfReport>('');
  const [painScale, setPainScale] = useState<'en' | 'eva'>('en');
  const [withEsas, setWithEsas] = useState(true);
  const [answers, setAnswers] = useState<Partial<Record<ScaleId, ScaleAnswers>>>({});
  const [pps, setPps] = useState('');
  const [patientLabel, setPatientLabel] = useState('');
  const [evaluator, setEvaluator] = useState('');
  const [commune, setCommune] = useState<Commune | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'pdf' | 'fhir' | null>(null);

  const included: ScaleId[] = [
    ...(selfReport === 'oui' ? [painScale] : selfReport === 'non' ? (['algoplus'] as ScaleId[]) : []),
    'pallia-10',
    ...(withEsas ? (['esas-r'] as ScaleId[]) : []),
  ];
  const set = (id: ScaleId) => (a: ScaleAnswers) => setAnswers((prev) => ({ ...prev, [id]: a }));
  const pallia = scoreScale(SCALES['pallia-10'], answers['pallia-10'] ?? {});
  const palliaDone = pallia.score !== null && (answers['pallia-10']?.q1 === true);

  const sheet = (): EvaluationSheetInput => ({
    scales: included.filter((id) => scoreScale(SCALES[id], answers[id] ?? {}).missing.length === 0 && Object.keys(answers[id] ?? {}).length > 0).map((id) => ({ scaleId: id, answers: given(answers[id]) })),
    pps: pps === '' ? null : Number(pps),
    patientLabel,
    evaluator,
    ...(commune ? { communeCode: commune.code } : {}),
  });
  const incomplete = included.filter((id) => scoreScale(SCALES[id], answers[id] ?? {}).missing.length > 0).map((id) => SCALES[id].shortTitle);

  async function download(kind: 'pdf' | 'fhir') {
    setError(null);
    const s = sheet();
    if (s.scales.length === 0) {
      setError('Remplissez au moins une échelle en entier avant de télécharger la fiche.');
      return;
    }
    setBusy(kind);
    try {
      await downloadSheet(kind, s);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Le document n’a pas pu être produit.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="page sheet-page">
      <p className="breadcrumb no-print">
        <Link to="/outils">Outils</Link> <span aria-hidden="true">›</span> Fiche d’évaluation
      </p>
      <h1>Fiche d’évaluation standardisée</h1>
      <p className="lead">
        Douleur, PALLIA 10 et symptômes (ESAS-r) sur un seul écran. Mode calculatrice : rien n’est enregistré, aucun compte n’est nécessaire.
      </p>

      <section className="card" aria-labelledby="douleur-titre">
        <h2 id="douleur-titre">Douleur</h2>
        <RadioGroup
          name="auto-evaluation"
          legend="Le patient peut-il évaluer lui-même sa douleur ?"
          options={[
            { value: 'oui', label: 'Oui : échelle numérique ou visuelle' },
            { value: 'non', label: 'Non (troubles de la communication) : Algoplus' },
          ]}
          value={selfReport}
          onChange={(v) => setSelfReport(v as SelfReport)}
        />
        {selfReport === 'oui' && (
          <RadioGroup
            name="echelle-douleur"
            legend="Échelle utilisée"
            options={[
              { value: 'en', label: 'EN (0 à 10)' },
              { value: 'eva', label: 'EVA (réglette 0 à 100 mm)' },
            ]}
            value={painScale}
            onChange={(v) => setPainScale(v as 'en' | 'eva')}
          />
        )}
      </section>
      {selfReport === 'oui' && <ScaleForm scale={SCALES[painScale]} answers={answers[painScale] ?? {}} onChange={set(painScale)} />}
      {selfReport === 'non' && <ScaleForm scale={SCALES.algoplus} answers={answers.algoplus ?? {}} onChange={set('algoplus')} />}

      <ScaleForm scale={SCALES['pallia-10']} answers={answers['pallia-10'] ?? {}} onChange={set('pallia-10')} />

      {pallia.thresholdReached && <PalliaTeams commune={commune} onCommune={setCommune} />}
      {palliaDone && (
        <section className="card" aria-labelledby="mci-titre">
          <h2 id="mci-titre">Justificatif pour la MCI (infirmier·e)</h2>
          <p className="hint">Selon la fiche mémo de la Corpalif, une évaluation PALLIA 10 peut justifier la majoration de coordination infirmière. À conserver dans le dossier.</p>
          <pre className="justification" data-testid="mci-justification">
            {mciJustification({
              score: pallia.score ?? 0,
              thresholdReached: pallia.thresholdReached,
              date: new Date().toLocaleDateString('fr-FR', { dateStyle: 'long' }),
              evaluator: evaluator || undefined,
              patient: patientLabel || undefined,
            })}
          </pre>
        </section>
      )}

      <section className="card" aria-labelledby="esas-choix">
        <h2 id="esas-choix">Symptômes (ESAS-r)</h2>
        <label className="checkbox">
          <input type="checkbox" checked={withEsas} onChange={(e) => setWithEsas(e.target.checked)} /> Remplir l’ESAS-r
        </label>
      </section>
      {withEsas && <ScaleForm scale={SCALES['esas-r']} answers={answers['esas-r'] ?? {}} onChange={set('esas-r')} headingLevel={3} />}

      <section className="card" aria-labelledby="pps-titre">
        <h2 id="pps-titre">Palliative Performance Scale (facultatif)</h2>
        <div className="field">
          <label htmlFor="pps">Valeur PPS évaluée (%)</label>
          <p className="hint" id="pps-hint">
            {PPS_NOTE}
          </p>
          <select id="pps" aria-describedby="pps-hint" value={pps} onChange={(e) => setPps(e.target.value)}>
            <option value="">Non renseignée</option>
            {Array.from({ length: 11 }, (_, k) => k * 10).map((v) => (
              <option key={v} value={v}>
                {v} %
              </option>
            ))}
          </select>
        </div>
      </section>

      <section className="card no-print" aria-labelledby="export-titre">
        <h2 id="export-titre">Imprimer ou exporter</h2>
        <div className="field">
          <label htmlFor="patient-label">Repère patient (initiales)</label>
          <p className="hint" id="patient-label-hint">
            Facultatif. Mode calculatrice : préférez des initiales, rien n’est enregistré.
          </p>
          <input id="patient-label" aria-describedby="patient-label-hint" maxLength={80} value={patientLabel} onChange={(e) => setPatientLabel(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="evaluator">Évaluateur</label>
          <input id="evaluator" maxLength={120} value={evaluator} onChange={(e) => setEvaluator(e.target.value)} />
        </div>
        {incomplete.length > 0 && <p className="hint">Incomplet, non inclus dans les documents : {incomplete.join(', ')}.</p>}
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        <p className="actions">
          <button type="button" className="button" disabled={busy !== null} onClick={() => download('pdf')}>
            {busy === 'pdf' ? 'Préparation…' : 'Télécharger la fiche (PDF)'}
          </button>
          <button type="button" className="button button-secondary" disabled={busy !== null} onClick={() => download('fhir')}>
            Export FHIR (QuestionnaireResponse)
          </button>
        </p>
        <SaveEvaluationForPatient sheet={sheet} />
      </section>
    </div>
  );
}
