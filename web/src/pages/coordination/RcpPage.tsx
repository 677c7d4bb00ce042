import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DEMO_RCP_CRITERIA } from '@palliance/core';
import { attendRcp, createRcpSeries, listRcpSeries, markRcpActionDone, myRcpActions, rcpAgenda, writeRcpReport, type RcpAgenda } from '../../api/coordination-care';
import { ApiError } from '../../api/http';
import { RequireAuth } from '../../session/RequireAuth';
import { useSession } from '../../session/session-context';
import { formatDate, formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { ErrorAlert, useLoad } from './use-load';
import './coordination.css';

const WEEKDAYS = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const message = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

export function RcpPage() {
  usePageTitle('Mini-RCP flash');
  return (
    <RequireAuth>
      <Rcp />
    </RequireAuth>
  );
}

function Rcp() {
  const { me } = useSession();
  const series = useLoad((s) => listRcpSeries(undefined, s), []);
  const [agenda, setAgenda] = useState<RcpAgenda | null>(null);
  const [error, setError] = useState<string | null>(null);
  const coordinatorOf = (me?.roles ?? []).filter((r) => r.role === 'territory_coordinator' && r.scope?.startsWith('dep:')).map((r) => r.scope!.slice(4));
  async function open(seriesId: string, meetingAt: string, join: boolean) {
    setError(null);
    try {
      setAgenda(join ? await attendRcp(seriesId, meetingAt) : await rcpAgenda(seriesId, meetingAt));
    } catch (err) {
      setError(message(err, 'L’ordre du jour est indisponible.'));
    }
  }
  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/coordination">Coordination</Link> <span aria-hidden="true">›</span> Mini-RCP</p>
      <h1>Mini-RCP flash</h1>
      <p>
        Une concertation courte, chaque semaine, en visio, le soir : un cas par demande, une question précise, un compte-rendu type qui
        rejoint le parcours du patient. <Link to="/coordination/rcp/actions">Mes actions</Link>
      </p>
      <ErrorAlert message={series.error ?? error} />
      {!series.data ? <Loading /> : series.data.length === 0 ? <p>Aucune mini-RCP n’est encore organisée.</p> : (
        <ul className="coord-list">
          {series.data.map((s) => (
            <li key={s.id} className="card">
              <h2>{s.title}</h2>
              <p>
                Département {s.departement} · chaque {WEEKDAYS[s.weekday]} à {s.localTime} (heure de Paris), {s.durationMinutes} min · {s.maxCases} cas au plus
                {s.videoLink && <> · <a href={s.videoLink}>lien de visio</a></>}
              </p>
              <table>
                <caption className="visually-hidden">Prochaines réunions</caption>
                <thead><tr><th scope="col">Réunion</th><th scope="col">Cas inscrits</th><th scope="col">Ordre du jour</th></tr></thead>
                <tbody>
                  {s.upcoming.map((m) => (
                    <tr key={m.meetingAt}>
                      <td>{formatDateTime(m.meetingAt)}</td>
                      <td>{m.cases} / {s.maxCases}{m.cases >= s.maxCases ? ' (complète)' : ''}</td>
                      <td>
                        {coordinatorOf.includes(s.departement) ? (
                          <button type="button" className="button button-small" onClick={() => open(s.id, m.meetingAt, false)}>Voir</button>
                        ) : (
                          <button type="button" className="button button-small" onClick={() => open(s.id, m.meetingAt, true)}>Participer</button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
        </ul>
      )}
      {agenda && <Agenda agenda={agenda} canReport={coordinatorOf.includes(agenda.series.departement)} myId={me?.id ?? ''} onChange={() => open(agenda.series.id, agenda.meetingAt, false)} />}
      {coordinatorOf.length > 0 && <NewSeries departements={coordinatorOf} onCreated={series.reload} />}
    </div>
  );
}

function Agenda({ agenda, canReport, myId, onChange }: { agenda: RcpAgenda; canReport: boolean; myId: string; onChange: () => void }) {
  return (
    <section aria-labelledby="agenda-titre" className="card">
      <h2 id="agenda-titre">Ordre du jour du {formatDateTime(agenda.meetingAt)}</h2>
      <p>Participants : {agenda.participants.length ? agenda.participants.join(', ') : 'aucun inscrit pour le moment'}.</p>
      <p className="hint">Les participants voient les initiales, l’âge et la question ; le dossier reste réservé au cercle de soins.</p>
      {agenda.cases.length === 0 ? <p>Aucun cas inscrit.</p> : (
        <ol>
          {agenda.cases.map((c) => (
            <li key={c.id}>
              <strong>{c.patientLabel}</strong> — {c.question} <span className="muted">(présenté par {c.submitterName}{c.status === 'discussed' ? ', discuté' : ''})</span>
              {canReport && c.status !== 'discussed' && <Report caseId={c.id} myId={myId} onDone={onChange} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Report({ caseId, myId, onDone }: { caseId: string; myId: string; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const action = String(fd.get('action') ?? '').trim();
    setError(null);
    try {
      await writeRcpReport(caseId, {
        summary: String(fd.get('summary') ?? ''),
        decisions: String(fd.get('decisions') ?? ''),
        actions: action ? [{ label: action, ownerId: String(fd.get('ownerId') || myId), dueOn: String(fd.get('dueOn') ?? '') }] : [],
      });
      onDone();
    } catch (err) {
      setError(message(err, 'Le compte-rendu n’a pas pu être enregistré.'));
    }
  }
  return (
    <details>
      <summary>Écrire le compte-rendu</summary>
      <form onSubmit={submit} className="stack">
        <div className="field"><label htmlFor={`s-${caseId}`}>Synthèse</label><textarea id={`s-${caseId}`} name="summary" required rows={3} /></div>
        <div className="field"><label htmlFor={`d-${caseId}`}>Décisions</label><textarea id={`d-${caseId}`} name="decisions" required rows={2} /></div>
        <div className="field"><label htmlFor={`a-${caseId}`}>Action (facultatif)</label><input id={`a-${caseId}`} name="action" maxLength={1000} /></div>
        <div className="field"><label htmlFor={`o-${caseId}`}>Responsable (identifiant ; vous par défaut)</label><input id={`o-${caseId}`} name="ownerId" /></div>
        <div className="field"><label htmlFor={`e-${caseId}`}>Échéance</label><input id={`e-${caseId}`} name="dueOn" type="date" /></div>
        <ErrorAlert message={error} />
        <button className="button" type="submit">Enregistrer le compte-rendu</button>
      </form>
    </details>
  );
}

function NewSeries({ departements, onCreated }: { departements: string[]; onCreated: () => void }) {
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setError(null);
    try {
      await createRcpSeries({
        departement: String(fd.get('departement')),
        title: String(fd.get('title') ?? ''),
        weekday: Number(fd.get('weekday')),
        localTime: String(fd.get('localTime') ?? ''),
        durationMinutes: Number(fd.get('durationMinutes')),
        videoLink: String(fd.get('videoLink') ?? ''),
        maxCases: Number(fd.get('maxCases')),
        criteria: DEMO_RCP_CRITERIA,
      });
      onCreated();
    } catch (err) {
      setError(message(err, 'La réunion n’a pas pu être créée.'));
    }
  }
  return (
    <details>
      <summary>Organiser une mini-RCP (coordinateurs)</summary>
      <form onSubmit={submit} className="stack">
        <div className="field"><label htmlFor="rcp-dep">Département</label><select id="rcp-dep" name="departement">{departements.map((d) => <option key={d}>{d}</option>)}</select></div>
        <div className="field"><label htmlFor="rcp-title">Titre</label><input id="rcp-title" name="title" required maxLength={200} /></div>
        <div className="field"><label htmlFor="rcp-day">Jour</label><select id="rcp-day" name="weekday" defaultValue="2">{WEEKDAYS.slice(1).map((d, i) => <option key={d} value={i + 1}>{d}</option>)}</select></div>
        <div className="field"><label htmlFor="rcp-time">Heure (Paris)</label><input id="rcp-time" name="localTime" type="time" defaultValue="20:00" required /></div>
        <div className="field"><label htmlFor="rcp-dur">Durée (minutes)</label><input id="rcp-dur" name="durationMinutes" type="number" defaultValue={30} min={10} max={240} /></div>
        <div className="field"><label htmlFor="rcp-max">Cas au plus par réunion</label><input id="rcp-max" name="maxCases" type="number" defaultValue={4} min={1} max={20} /></div>
        <div className="field"><label htmlFor="rcp-visio">Lien de visio</label><input id="rcp-visio" name="videoLink" type="url" /></div>
        <p className="hint">Critères d’accès proposés (exemples à valider) : {DEMO_RCP_CRITERIA.map((c) => c.text).join(' ; ')}.</p>
        <ErrorAlert message={error} />
        <button className="button" type="submit">Créer la réunion</button>
      </form>
    </details>
  );
}

export function RcpActionsPage() {
  usePageTitle('Mes actions de mini-RCP');
  return (
    <RequireAuth>
      <Actions />
    </RequireAuth>
  );
}

function Actions() {
  const actions = useLoad((s) => myRcpActions(s), []);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/coordination/rcp">Mini-RCP</Link> <span aria-hidden="true">›</span> Mes actions</p>
      <h1>Mes actions ouvertes</h1>
      <ErrorAlert message={actions.error ?? error} />
      {!actions.data ? <Loading /> : actions.data.length === 0 ? <p>Aucune action ouverte.</p> : (
        <ul className="coord-list">
          {actions.data.map((a) => (
            <li key={a.id} className={`card${a.overdue ? ' overdue' : ''}`}>
              <strong>{a.label}</strong> — <Link to={`/coordination/patients/${a.patientId}#rcp`}>{a.patientLabel}</Link>, pour le {formatDate(a.dueOn)}
              {a.overdue && <strong className="badge badge-danger"> en retard</strong>}{' '}
              <button type="button" className="button button-small" onClick={async () => {
                try {
                  actions.setData(await markRcpActionDone(a.id));
                } catch (err) {
                  setError(message(err, 'L’action n’a pas pu être marquée comme faite.'));
                }
              }}>Fait</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
