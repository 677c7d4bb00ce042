import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { KIND_LABELS, SURVEY_MODES, type ImportRejected, type SurveyDetail } from '@palliance/core';
import { ApiError } from '../../api/http';
import { fetchQuestionnaire, getSurvey, importResponses, qrUrl, questionnaireUrl, replaceQuestionnaire, responsesCsvUrl, responsesFhirUrl, saveSettings } from '../../api/surveys';
import { formatNumber } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { isoToLocal, localToIso, randomKey, STATE_LABELS } from './survey-format';

type FhirItem = { linkId: string; text?: string; required?: boolean; item?: FhirItem[] };

/** One questionnaire: distribution settings, link and QR code, questions, responses import and exports. */
export function SurveyPage() {
  const { id = '' } = useParams();
  const [survey, setSurvey] = useState<SurveyDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(survey?.title ?? 'Questionnaire');

  useEffect(() => {
    const ctrl = new AbortController();
    getSurvey(id, ctrl.signal)
      .then(setSurvey)
      .catch((e) => e instanceof ApiError && setError(e.message));
    return () => ctrl.abort();
  }, [id]);

  if (error && !survey) return <div className="page"><div role="alert" className="alert alert-error">{error}</div></div>;
  if (!survey) return <Loading />;
  return (
    <div className="page">
      <p>
        <Link to="/mesurer">← Questionnaires</Link>
      </p>
      <h1>{survey.title}</h1>
      <p className="lead">
        {STATE_LABELS[survey.state]} · {formatNumber(survey.responseCount)} réponse(s) envoyée(s) · {formatNumber(survey.draftCount)} en cours ·{' '}
        {survey.questions.length} questions
      </p>
      <p>
        <Link className="button" to={`/mesurer/questionnaires/${survey.id}/rapport`}>
          Lire le rapport d’analyse
        </Link>
      </p>
      {!survey.isTemplate && <Distribution survey={survey} onSaved={setSurvey} />}
      {!survey.isTemplate && <ResponsesImport survey={survey} onImported={() => void getSurvey(id).then(setSurvey)} />}
      <Questions survey={survey} onSaved={setSurvey} />
    </div>
  );
}

function Distribution({ survey, onSaved }: { survey: SurveyDetail; onSaved: (s: SurveyDetail) => void }) {
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const s = await saveSettings(survey.id, {
        title: String(f.get('title')),
        mode: f.get('mode') === 'identified' ? 'identified' : 'anonymous',
        opensAt: localToIso(String(f.get('opensAt'))),
        closesAt: localToIso(String(f.get('closesAt'))),
      });
      onSaved(s);
      setMessage({ tone: 'ok', text: 'Réglages enregistrés.' });
    } catch (err) {
      setMessage({ tone: 'error', text: err instanceof ApiError ? err.message : 'Enregistrement impossible.' });
    }
  };
  return (
    <section aria-labelledby="diffusion">
      <h2 id="diffusion">Diffusion</h2>
      <div className="cards cards-2">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor="s-title">Titre</label>
            <input id="s-title" name="title" defaultValue={survey.title} required maxLength={200} />
          </div>
          <fieldset className="field">
            <legend>Réponses</legend>
            {(Object.keys(SURVEY_MODES) as (keyof typeof SURVEY_MODES)[]).map((m) => (
              <label key={m} className="radio">
                <input type="radio" name="mode" value={m} defaultChecked={survey.mode === m} /> <span>{SURVEY_MODES[m]}</span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="s-opens">Ouverture (facultatif)</label>
            <input id="s-opens" name="opensAt" type="datetime-local" defaultValue={isoToLocal(survey.opensAt)} />
          </div>
          <div className="field">
            <label htmlFor="s-closes">Clôture (facultatif)</label>
            <input id="s-closes" name="closesAt" type="datetime-local" defaultValue={isoToLocal(survey.closesAt)} />
          </div>
          <button type="submit" className="button">
            Enregistrer la diffusion
          </button>
          {message && (
            <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'alert alert-error' : 'alert alert-success'}>
              {message.text}
            </p>
          )}
        </form>
        <div>
          <p>
            Lien public à diffuser : <br />
            <a href={survey.publicUrl ?? '#'} data-testid="public-link">
              {survey.publicUrl}
            </a>
          </p>
          <img src={qrUrl(survey.id)} alt={`QR code du lien public : ${survey.publicUrl}`} width={160} height={160} />
        </div>
      </div>
    </section>
  );
}

function ResponsesImport({ survey, onImported }: { survey: SurveyDetail; onImported: () => void }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [rejected, setRejected] = useState<ImportRejected | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setDone(null);
    setRejected(null);
    setError(null);
    try {
      const r = await importResponses(survey.id, file, randomKey());
      if (r.ok) {
        setDone(`${formatNumber(r.imported)} réponse(s) importée(s) depuis « ${file.name} ».`);
        onImported();
      } else setRejected(r.rejected);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "L'import a échoué.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="reponses">
      <h2 id="reponses">Réponses</h2>
      <p>
        Fichier CSV : première ligne = identifiants des questions ; choix multiples séparés par « ; » ; oui/non en <code>true</code>/
        <code>false</code> ; cellule vide = sans réponse. Le fichier est importé en entier ou pas du tout.
      </p>
      <p>
        <label htmlFor="import-csv">Importer des réponses (CSV)</label>
        <br />
        <input
          id="import-csv"
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void upload(f);
            e.target.value = '';
          }}
        />
      </p>
      {busy && <Loading label="Import en cours…" />}
      {done && (
        <p role="status" className="alert alert-success">
          {done}
        </p>
      )}
      {error && (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      )}
      {rejected && (
        <div role="alert" className="alert alert-error">
          <p>{rejected.message}</p>
          <div className="table-wrap" role="region" aria-label="Problèmes du fichier" tabIndex={0}>
            <table className="table">
              <caption>Rapport de validation{rejected.problemCount > rejected.problems.length ? ` (${rejected.problems.length} premiers sur ${rejected.problemCount})` : ''}</caption>
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col">Colonne</th>
                  <th scope="col">Problème</th>
                </tr>
              </thead>
              <tbody>
                {rejected.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.line ?? ''}</td>
                    <td>{p.column}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <p>
        Exporter : <a href={responsesCsvUrl(survey.id)}>réponses en CSV</a> · <a href={responsesFhirUrl(survey.id)}>réponses FHIR (QuestionnaireResponse)</a> ·{' '}
        <a href={questionnaireUrl(survey.id)}>questionnaire FHIR</a>
      </p>
    </section>
  );
}

/** The questions, with their wording and "required" editable (the FHIR Questionnaire is updated in place). */
function Questions({ survey, onSaved }: { survey: SurveyDetail; onSaved: (s: SurveyDetail) => void }) {
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const fhir = await fetchQuestionnaire(survey.id);
      const walk = (items: FhirItem[] | undefined) => {
        for (const it of items ?? []) {
          const text = f.get(`text-${it.linkId}`);
          if (typeof text === 'string' && text.trim()) {
            it.text = text.trim();
            if (f.has(`required-${it.linkId}`)) it.required = true;
            else delete it.required;
          }
          walk(it.item);
        }
      };
      walk(fhir.item as FhirItem[]);
      onSaved(await replaceQuestionnaire(survey.id, fhir));
      setEditing(false);
      setMessage('Questions enregistrées.');
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'Enregistrement impossible.');
    }
  };
  let section: string | null = null;
  return (
    <section aria-labelledby="questions">
      <h2 id="questions">Questions</h2>
      {message && <p role="status">{message}</p>}
      {!survey.isTemplate && !editing && (
        <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
          Modifier les intitulés
        </button>
      )}
      <form onSubmit={(e) => void save(e)}>
        <ol>
          {survey.questions.map((q) => {
            const head = q.section && q.section.text !== section ? q.section.text : null;
            section = q.section?.text ?? null;
            return (
              <li key={q.linkId}>
                {head && <h3>{head}</h3>}
                {editing ? (
                  <div className="field">
                    <label htmlFor={`q-${q.linkId}`}>{q.linkId}</label>
                    <input id={`q-${q.linkId}`} name={`text-${q.linkId}`} defaultValue={q.text} />
                    <label className="checkbox">
                      <input type="checkbox" name={`required-${q.linkId}`} defaultChecked={q.required} /> obligatoire
                    </label>
                  </div>
                ) : (
                  <>
                    {q.text} <small>({KIND_LABELS[q.kind]}{q.required ? ', obligatoire' : ''}{q.enableWhen.length ? ', conditionnelle' : ''}{q.min !== undefined || q.max !== undefined ? `, ${q.min ?? '…'} à ${q.max ?? '…'}` : ''})</small>
                  </>
                )}
              </li>
            );
          })}
        </ol>
        {editing && (
          <button type="submit" className="button">
            Enregistrer les questions
          </button>
        )}
      </form>
    </section>
  );
}
