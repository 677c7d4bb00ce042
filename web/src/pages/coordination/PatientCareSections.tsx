import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { CARE_PLACES, URGENCY_SHEET_FIELDS, URGENCY_SHEET_SOURCE, type DormantFile, type EvaluationTrendView, type UrgencySheetField } from '@palliance/core';
import { suggestedStructures } from '../../api/coordination';
import {
  activateDormantFile,
  addCarePlace,
  closeDormantFile,
  createDormantFile,
  evaluationFhirUrl,
  evaluationPdfUrl,
  getDormantFile,
  getPathway,
  listEvaluations,
  listRcpSeries,
  palliaRequest,
  patientRcpCases,
  submitRcpCase,
  updateDormantFile,
} from '../../api/coordination-care';
import { ApiError } from '../../api/http';
import { formatDate, formatDateTime, formatParisDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useSession } from '../../session/session-context';
import { ErrorAlert, useLoad } from './use-load';
import { RcpReportForm } from './RcpReportForm';
import { DormantDocumentForm } from './DormantDocumentForm';

const message = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

/** The second half of the patient file: pathway, evaluations, dormant HAD file, mini-RCP. */
export function PatientCareSections({ patientId, communeDepartement }: { patientId: string; communeDepartement: string }) {
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <>
      <DormantSection patientId={patientId} onChange={changed} />
      <PathwaySection patientId={patientId} version={version} />
      <EvaluationsSection patientId={patientId} />
      <RcpSection patientId={patientId} departement={communeDepartement} onChange={changed} />
    </>
  );
}

function PathwaySection({ patientId, version }: { patientId: string; version: number }) {
  const pathway = useLoad((s) => getPathway(patientId, s), [patientId, version]);
  const [error, setError] = useState<string | null>(null);
  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    setError(null);
    try {
      pathway.setData(
        await addCarePlace(patientId, {
          kind: String(fd.get('kind')) as keyof typeof CARE_PLACES,
          label: String(fd.get('label') ?? ''),
          startedOn: String(fd.get('startedOn') ?? ''),
          endedOn: String(fd.get('endedOn') ?? '') || null,
        }),
      );
      form.reset();
    } catch (err) {
      setError(message(err, 'Le lieu de soins n’a pas pu être ajouté.'));
    }
  }
  return (
    <section aria-labelledby="parcours-titre" id="parcours">
      <h2 id="parcours-titre">Parcours</h2>
      <ErrorAlert message={pathway.error} />
      {!pathway.data ? <Loading /> : pathway.data.length === 0 ? <p>Rien encore dans le parcours.</p> : (
        <ol className="pathway" data-testid="pathway">
          {pathway.data.map((e) => (
            <li key={e.id} className={`pathway-item pathway-${e.source}`}>
              <span className="muted">{/^\d{4}-\d{2}-\d{2}$/.test(e.at) ? formatDate(e.at) : formatDateTime(e.at)}{e.until ? ` → ${formatDate(e.until)}` : ''}</span>{' '}
              <strong>{e.title}</strong>
              {e.detail && <p className="entry-body">{e.detail}</p>}
            </li>
          ))}
        </ol>
      )}
      <details>
        <summary>Ajouter un lieu de soins</summary>
        <form onSubmit={add} className="stack">
          <div className="field">
            <label htmlFor="place-kind">Lieu</label>
            <select id="place-kind" name="kind" required>
              {Object.entries(CARE_PLACES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor="place-label">Nom (facultatif)</label><input id="place-label" name="label" maxLength={200} /></div>
          <div className="field"><label htmlFor="place-start">Du</label><input id="place-start" name="startedOn" type="date" required /></div>
          <div className="field"><label htmlFor="place-end">Au (facultatif)</label><input id="place-end" name="endedOn" type="date" /></div>
          <ErrorAlert message={error} />
          <button className="button" type="submit">Ajouter au parcours</button>
        </form>
      </details>
    </section>
  );
}

/** A line chart per series in SVG, with the same figures in a table for screen readers and copying. */
function TrendChart({ series }: { series: EvaluationTrendView['series'][number] }) {
  const w = 320;
  const h = 120;
  const values = series.points.map((p) => p.value);
  const max = Math.max(...values, 1);
  const x = (i: number) => (series.points.length === 1 ? w / 2 : 20 + (i * (w - 40)) / (series.points.length - 1));
  const y = (v: number) => h - 20 - (v / max) * (h - 40);
  return (
    <figure className="chart">
      <figcaption className="chart-title">{series.label}</figcaption>
      <div className="chart-body">
        <svg viewBox={`0 0 ${w} ${h}`} className="chart-svg" aria-hidden="true" focusable="false">
          <polyline fill="none" stroke="currentColor" strokeWidth={2} points={series.points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')} />
          {series.points.map((p, i) => (
            <g key={p.evaluationId}>
              <circle cx={x(i)} cy={y(p.value)} r={3} className="chart-bar" />
              <text x={x(i)} y={y(p.value) - 6} textAnchor="middle" className="chart-value">{p.value}</text>
            </g>
          ))}
        </svg>
        <table>
          <thead><tr><th scope="col">Date</th><th scope="col">Valeur</th></tr></thead>
          <tbody>
            {series.points.map((p) => <tr key={p.evaluationId}><td>{formatDateTime(p.at)}</td><td>{p.value}</td></tr>)}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function EvaluationsSection({ patientId }: { patientId: string }) {
  const data = useLoad((s) => listEvaluations(patientId, s), [patientId]);
  const [item, setItem] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const series = data.data?.series ?? [];
  const shown = series.find((s) => `${s.scaleId}/${s.linkId}` === item) ?? series.find((s) => s.linkId === 'score');
  return (
    <section aria-labelledby="evaluations-titre" id="evaluations">
      <h2 id="evaluations-titre">Évaluations</h2>
      <p><Link className="button button-secondary" to={`/outils/fiche-evaluation?patient=${patientId}`}>Nouvelle évaluation</Link></p>
      <ErrorAlert message={data.error ?? error} />
      {notice && <p className="alert" role="status">{notice}</p>}
      {!data.data ? <Loading /> : data.data.evaluations.length === 0 ? <p>Aucune évaluation enregistrée.</p> : (
        <>
          <ul className="coord-list">
            {[...data.data.evaluations].reverse().map((e) => (
              <li key={e.id} className="card">
                <strong>{formatDateTime(e.evaluatedAt)}</strong> — {e.evaluatorName} :{' '}
                {e.parts.map((p) => `${p.scaleTitle} ${p.score ?? '—'} (v${p.version})`).join(', ')}{' '}
                <a href={evaluationPdfUrl(patientId, e.id)}>PDF</a> · <a href={evaluationFhirUrl(patientId, e.id)}>FHIR</a>
                {e.palliaThresholdReached && (
                  <p>
                    <button
                      type="button"
                      className="button"
                      onClick={async () => {
                        setError(null);
                        try {
                          const r = await palliaRequest(patientId, e.id, `${key}-${e.id}`.slice(0, 100));
                          setNotice(`Demande d’appui envoyée à ${r.structureName}, évaluation jointe.`);
                        } catch (err) {
                          setError(message(err, 'La demande n’a pas pu être envoyée.'));
                        }
                      }}
                    >
                      Pallia 10 au seuil : demander l’appui de l’équipe mobile
                    </button>
                  </p>
                )}
                {e.mciJustification && <p className="small muted">Justificatif MCI : {e.mciJustification}</p>}
              </li>
            ))}
          </ul>
          {shown && (
            <>
              <div className="field">
                <label htmlFor="trend-item">Évolution de</label>
                <select id="trend-item" value={`${shown.scaleId}/${shown.linkId}`} onChange={(ev) => setItem(ev.target.value)}>
                  {series.map((s) => <option key={`${s.scaleId}/${s.linkId}`} value={`${s.scaleId}/${s.linkId}`}>{s.label}</option>)}
                </select>
              </div>
              <TrendChart series={shown} />
            </>
          )}
        </>
      )}
    </section>
  );
}

const emptySheet = () => Object.fromEntries(Object.keys(URGENCY_SHEET_FIELDS).map((k) => [k, ''])) as Record<UrgencySheetField, string>;

function DormantSection({ patientId, onChange }: { patientId: string; onChange: () => void }) {
  // Wrapped so that 'loading' (null) and 'no open file' ({ file: null }) differ.
  const file = useLoad(async (s) => ({ file: await getDormantFile(patientId, s) }), [patientId]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (f: DormantFile) => {
    file.setData({ file: f.status === 'closed' ? null : f });
    onChange();
  };
  async function act(fn: () => Promise<DormantFile>, fallback: string) {
    setError(null);
    setBusy(true);
    try {
      set(await fn());
    } catch (err) {
      setError(message(err, fallback));
    } finally {
      setBusy(false);
    }
  }
  const f = file.data?.file;
  return (
    <section aria-labelledby="dormant-titre" id="dormant">
      <h2 id="dormant-titre">Dossier dormant HAD</h2>
      <ErrorAlert message={file.error ?? error} />
      {!file.data ? (file.error ? null : <Loading />) : !f ? (
        <NewDormantFile patientId={patientId} onCreated={set} />
      ) : (
        <div className="card">
          <p>
            <strong>{f.structureName}</strong> —{' '}
            {f.status === 'dormant' ? 'dossier préparé, non activé' : `activé le ${formatDateTime(f.activatedAt!)} par ${f.activatedByName}`}
          </p>
          {f.status === 'dormant' && (
            <p>
              <button
                type="button"
                className="button button-big button-danger"
                disabled={busy}
                onClick={() => {
                  if (window.confirm(`Activer le dossier dormant ? ${f.structureName} et le médecin traitant sont prévenus immédiatement.`)) {
                    void act(() => activateDormantFile(patientId), 'L’activation a échoué : réessayez, puis appelez l’HAD.');
                  }
                }}
              >
                Activer le dossier dormant HAD
              </button>
            </p>
          )}
          <h3>Fiche URGENCE PALLIA</h3>
          <UrgencySheet file={f} onSave={(sheet) => act(() => updateDormantFile(patientId, { urgencySheet: sheet, contacts: f.contacts }), 'L’enregistrement a échoué.')} />
          <h3>Contacts</h3>
          {f.contacts.length === 0 ? <p>Aucun contact.</p> : <ul>{f.contacts.map((c, i) => <li key={i}>{c.name}{c.role && ` (${c.role})`}{c.phone && ` · ${c.phone}`}</li>)}</ul>}
          <h3>Prescriptions anticipées</h3>
          {f.documents.length === 0 ? <p>Aucun document joint.</p> : (
            <ul>{f.documents.map((d) => <li key={d.id}><a href={`/api/v1/patients/${patientId}/dormant-file/documents/${d.id}`}>{d.title}</a> (version {d.kitVersion}, {formatDate(d.createdAt)})</li>)}</ul>
          )}
          <DormantDocumentForm patientId={patientId} onAdded={set} />
          <p>
            <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => window.confirm('Clore ce dossier dormant ?') && act(() => closeDormantFile(patientId), 'La clôture a échoué.')}>
              Clore le dossier
            </button>
          </p>
        </div>
      )}
    </section>
  );
}

function UrgencySheet({ file, onSave }: { file: DormantFile; onSave: (sheet: Record<string, string>) => void }) {
  const [sheet, setSheet] = useState<Record<string, string>>({ ...emptySheet(), ...file.urgencySheet });
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSave(sheet); }} className="stack">
      {Object.entries(URGENCY_SHEET_FIELDS).map(([k, label]) => (
        <div className="field" key={k}>
          <label htmlFor={`urgence-${k}`}>{label}</label>
          <textarea id={`urgence-${k}`} rows={2} maxLength={4000} value={sheet[k] ?? ''} onChange={(e) => setSheet({ ...sheet, [k]: e.target.value })} />
        </div>
      ))}
      <p className="small muted">Source des rubriques : {URGENCY_SHEET_SOURCE}.</p>
      <button className="button button-secondary" type="submit">Enregistrer la fiche</button>
    </form>
  );
}

function NewDormantFile({ patientId, onCreated }: { patientId: string; onCreated: (f: DormantFile) => void }) {
  const suggestions = useLoad((s) => suggestedStructures(patientId, s), [patientId]);
  const [error, setError] = useState<string | null>(null);
  const hads = suggestions.data?.structures.filter((s) => s.types.includes('HAD')) ?? [];
  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setError(null);
    try {
      const contact = String(fd.get('contactName') ?? '').trim();
      onCreated(
        await createDormantFile(patientId, {
          structureId: String(fd.get('structureId') ?? ''),
          contacts: contact ? [{ name: contact, role: String(fd.get('contactRole') ?? ''), phone: String(fd.get('contactPhone') ?? '') }] : [],
        }),
      );
    } catch (err) {
      setError(message(err, 'Le dossier dormant n’a pas pu être préparé.'));
    }
  }
  return (
    <details>
      <summary>Préparer un dossier dormant avec l’HAD du secteur</summary>
      <form onSubmit={create} className="stack">
        <div className="field">
          <label htmlFor="dormant-had">HAD</label>
          <select id="dormant-had" name="structureId" required>
            {hads.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
          {suggestions.data && hads.length === 0 && <p className="hint">Aucune HAD ne couvre la commune du patient dans l’annuaire.</p>}
        </div>
        <div className="field"><label htmlFor="dormant-contact">Contact (aidant, personne de confiance)</label><input id="dormant-contact" name="contactName" maxLength={200} /></div>
        <div className="field"><label htmlFor="dormant-role">Lien</label><input id="dormant-role" name="contactRole" maxLength={200} /></div>
        <div className="field"><label htmlFor="dormant-phone">Téléphone</label><input id="dormant-phone" name="contactPhone" maxLength={40} /></div>
        <ErrorAlert message={error} />
        <button className="button" type="submit" disabled={hads.length === 0}>Préparer le dossier dormant</button>
      </form>
    </details>
  );
}

function RcpSection({ patientId, departement, onChange }: { patientId: string; departement: string; onChange: () => void }) {
  const { me } = useSession();
  const cases = useLoad((s) => patientRcpCases(patientId, s), [patientId]);
  const series = useLoad((s) => listRcpSeries(departement, s), [departement]);
  const [seriesId, setSeriesId] = useState('');
  const [checked, setChecked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const chosen = series.data?.find((s) => s.id === seriesId) ?? series.data?.[0];
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!chosen) return;
    const fd = new FormData(e.currentTarget);
    setError(null);
    try {
      const c = await submitRcpCase(patientId, { seriesId: chosen.id, question: String(fd.get('question') ?? ''), criteriaChecked: checked, idempotencyKey: key });
      setNotice(
        c.postponed
          ? `La prochaine réunion est complète : le cas est inscrit à celle du ${formatParisDateTime(c.meetingAt)}.`
          : `Cas inscrit à la réunion du ${formatParisDateTime(c.meetingAt)}.`,
      );
      cases.reload();
      onChange();
    } catch (err) {
      setError(message(err, 'Le cas n’a pas pu être inscrit.'));
    }
  }
  return (
    <section aria-labelledby="rcp-titre" id="rcp">
      <h2 id="rcp-titre">Mini-RCP</h2>
      <ErrorAlert message={cases.error ?? error} />
      {notice && <p className="alert" role="status">{notice}</p>}
      {cases.data && cases.data.length > 0 && (
        <ul className="coord-list">
          {cases.data.map((c) => (
            <li key={c.id} className="card">
              <strong>{formatParisDateTime(c.meetingAt)}</strong> — {c.status === 'discussed' ? 'discuté' : 'inscrit'} : {c.question}
              {c.report && <p className="entry-body">Synthèse : {c.report.summary}{'\n'}Décisions : {c.report.decisions}</p>}
              {c.actions.length > 0 && (
                <ul>{c.actions.map((a) => <li key={a.id} className={a.overdue ? 'overdue' : undefined}>{a.label} — {a.ownerName}, pour le {formatDate(a.dueOn)}{a.doneAt ? ' (fait)' : a.overdue ? ' (en retard)' : ''}</li>)}</ul>
              )}
              {c.status === 'scheduled' && new Date(c.meetingAt).getTime() <= Date.now() && (
                <RcpReportForm caseId={c.id} myId={me?.id ?? ''} onDone={() => { cases.reload(); onChange(); }} />
              )}
            </li>
          ))}
        </ul>
      )}
      {series.data && series.data.length === 0 && <p>Aucune mini-RCP n’est organisée dans ce département pour le moment.</p>}
      {chosen && (
        <details>
          <summary>Présenter ce patient en mini-RCP</summary>
          <form onSubmit={submit} className="stack">
            <div className="field">
              <label htmlFor="rcp-series">Réunion</label>
              <select id="rcp-series" value={chosen.id} onChange={(e) => { setSeriesId(e.target.value); setChecked([]); }}>
                {series.data!.map((s) => <option key={s.id} value={s.id}>{s.title} ({s.maxCases} cas au plus)</option>)}
              </select>
            </div>
            <fieldset>
              <legend>Critères d’accès</legend>
              {chosen.criteria.map((c) => (
                <div key={c.id} className="checkbox">
                  <input id={`crit-${c.id}`} type="checkbox" checked={checked.includes(c.id)} onChange={(e) => setChecked(e.target.checked ? [...checked, c.id] : checked.filter((x) => x !== c.id))} />
                  <label htmlFor={`crit-${c.id}`}>{c.text}</label>
                  {c.source && <p className="hint">{c.source}</p>}
                </div>
              ))}
            </fieldset>
            <div className="field"><label htmlFor="rcp-question">Question posée</label><textarea id="rcp-question" name="question" required maxLength={4000} rows={3} /></div>
            <p className="hint">Les participants de la réunion voient les initiales, l’âge et la question, pas le dossier.</p>
            <button className="button" type="submit">Inscrire le cas</button>
          </form>
        </details>
      )}
    </section>
  );
}
