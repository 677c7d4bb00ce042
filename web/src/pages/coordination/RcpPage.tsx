import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DEMO_RCP_CRITERIA } from '@palliance/core';
import { attendRcp, createRcpSeries, listRcpSeries, markRcpActionDone, myRcpActions, rcpAgenda, recordRcpAttendance, updateRcpSeries, type RcpAgenda, type RcpSeries } from '../../api/coordination-care';
import { ApiError } from '../../api/http';
import { RequireAuth } from '../../session/RequireAuth';
import { useSession } from '../../session/session-context';
import { formatDate, formatDateTime, formatParisDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { RcpReportForm } from './RcpReportForm';
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
                      <td>{formatParisDateTime(m.meetingAt)}</td>
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
              {coordinatorOf.includes(s.departement) && s.recent.length > 0 && (
                <table>
                  <caption>Réunions passées</caption>
                  <thead><tr><th scope="col">Réunion</th><th scope="col">Cas</th><th scope="col">Présence</th></tr></thead>
                  <tbody>
                    {s.recent.map((m) => (
                      <tr key={m.meetingAt}>
                        <td>{formatParisDateTime(m.meetingAt)}</td>
                        <td>{m.cases}</td>
                        <td>
                          <button type="button" className="button button-small" onClick={() => open(s.id, m.meetingAt, false)}>
                            {m.attendanceRecorded ? 'Voir la présence' : 'Relever la présence'}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {coordinatorOf.includes(s.departement) && <EditSeries series={s} onSaved={series.reload} />}
            </li>
          ))}
        </ul>
      )}
      {agenda && <Agenda agenda={agenda} canReport={coordinatorOf.includes(agenda.series.departement)} myId={me?.id ?? ''} onChange={() => { series.reload(); void open(agenda.series.id, agenda.meetingAt, false); }} />}
      {coordinatorOf.length > 0 && <NewSeries departements={coordinatorOf} onCreated={series.reload} />}
    </div>
  );
}

function Agenda({ agenda, canReport, myId, onChange }: { agenda: RcpAgenda; canReport: boolean; myId: string; onChange: () => void }) {
  const present = agenda.attendance.filter((l) => l.attended).map((l) => l.name);
  return (
    <section aria-labelledby="agenda-titre" className="card">
      <h2 id="agenda-titre">{agenda.started ? 'Réunion' : 'Ordre du jour'} du {formatParisDateTime(agenda.meetingAt)}</h2>
      <p>Inscrits : {agenda.participants.length ? agenda.participants.join(', ') : agenda.started ? 'aucun' : 'aucun inscrit pour le moment'}.</p>
      {agenda.attendanceRecordedAt && (
        <p data-testid="rcp-presents">
          Présents : {present.length ? present.join(', ') : 'personne'} <span className="muted">(présence relevée le {formatDateTime(agenda.attendanceRecordedAt)})</span>
        </p>
      )}
      <p className="hint">Les participants voient les initiales, l’âge et la question ; le dossier reste réservé au cercle de soins.</p>
      {agenda.cases.length === 0 ? <p>Aucun cas inscrit.</p> : (
        <ol>
          {agenda.cases.map((c) => (
            <li key={c.id}>
              <strong>{c.patientLabel}</strong> — {c.question} <span className="muted">(présenté par {c.submitterName}{c.status === 'discussed' ? ', discuté' : ''})</span>
              {canReport && c.status !== 'discussed' && <RcpReportForm caseId={c.id} myId={myId} onDone={onChange} />}
            </li>
          ))}
        </ol>
      )}
      {canReport && agenda.started && <AttendanceSheet agenda={agenda} onSaved={onChange} />}
    </section>
  );
}

/** A form that saves once: its error, a "saved" flag, and the submit handler (onSaved after success). */
function useSaveForm(save: (fd: FormData) => Promise<unknown>, failure: string, onSaved: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setError(null);
    setSaved(false);
    try {
      await save(fd);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(message(err, failure));
    }
  }
  return { error, saved, submit };
}

/** After the meeting has begun, the organiser ticks who took part among the invited. */
function AttendanceSheet({ agenda, onSaved }: { agenda: RcpAgenda; onSaved: () => void }) {
  const { error, saved, submit } = useSaveForm(
    (fd) => recordRcpAttendance(agenda.series.id, agenda.meetingAt, fd.getAll('present').map(String)),
    'La présence n’a pas pu être enregistrée.',
    onSaved,
  );
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="presence-titre">
      <h3 id="presence-titre">Présence à la réunion</h3>
      <fieldset>
        <legend>Cochez les personnes qui ont participé</legend>
        {agenda.attendance.map((l) => (
          <div key={l.userId} className="checkbox">
            <input id={`present-${l.userId}`} type="checkbox" name="present" value={l.userId} defaultChecked={l.attended ?? l.registered} />
            <label htmlFor={`present-${l.userId}`}>
              {l.name} <span className="muted">({l.registered ? 'inscrit' : 'auteur d’un cas ou organisateur'})</span>
            </label>
          </div>
        ))}
      </fieldset>
      <ErrorAlert message={error} />
      {saved && <p className="alert" role="status">Présence enregistrée.</p>}
      <button className="button" type="submit">Enregistrer la présence</button>
    </form>
  );
}

/** Day, hour, duration, link, cap: shared by the creation and the change of a series. */
function ScheduleFields({ idPrefix, series }: { idPrefix: string; series?: RcpSeries }) {
  const id = (k: string) => `${idPrefix}-${k}`;
  return (
    <>
      <div className="field"><label htmlFor={id('title')}>Titre</label><input id={id('title')} name="title" required maxLength={200} defaultValue={series?.title} /></div>
      <div className="field"><label htmlFor={id('day')}>Jour</label><select id={id('day')} name="weekday" defaultValue={String(series?.weekday ?? 2)}>{WEEKDAYS.slice(1).map((d, i) => <option key={d} value={i + 1}>{d}</option>)}</select></div>
      <div className="field"><label htmlFor={id('time')}>Heure (Paris)</label><input id={id('time')} name="localTime" type="time" defaultValue={series?.localTime ?? '20:00'} required /></div>
      <div className="field"><label htmlFor={id('dur')}>Durée (minutes)</label><input id={id('dur')} name="durationMinutes" type="number" defaultValue={series?.durationMinutes ?? 30} min={10} max={240} /></div>
      <div className="field"><label htmlFor={id('max')}>Cas au plus par réunion</label><input id={id('max')} name="maxCases" type="number" defaultValue={series?.maxCases ?? 4} min={1} max={20} /></div>
      <div className="field"><label htmlFor={id('visio')}>Lien de visio</label><input id={id('visio')} name="videoLink" type="url" defaultValue={series?.videoLink} /></div>
    </>
  );
}

const scheduleOf = (fd: FormData) => ({
  title: String(fd.get('title') ?? ''),
  weekday: Number(fd.get('weekday')),
  localTime: String(fd.get('localTime') ?? ''),
  durationMinutes: Number(fd.get('durationMinutes')),
  videoLink: String(fd.get('videoLink') ?? ''),
  maxCases: Number(fd.get('maxCases')),
});

/** One criterion a line; a line left as it was keeps its identifier and its source. */
function criteriaFrom(text: string, before: RcpSeries['criteria']) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => before.find((c) => c.text === line) ?? { id: `critere-${Date.now().toString(36)}-${i + 1}`, text: line, source: '' });
}

function EditSeries({ series, onSaved }: { series: RcpSeries; onSaved: () => void }) {
  const { error, saved, submit } = useSaveForm(
    (fd) => updateRcpSeries(series.id, { ...scheduleOf(fd), criteria: criteriaFrom(String(fd.get('criteria') ?? ''), series.criteria) }),
    'La réunion n’a pas pu être modifiée.',
    onSaved,
  );
  return (
    <details>
      <summary>Modifier cette mini-RCP</summary>
      <form onSubmit={submit} className="stack">
        <p className="hint">Les prochaines réunions suivent le nouvel horaire, avec leurs cas et leurs inscrits (qui sont prévenus) ; les réunions passées gardent leur date.</p>
        <ScheduleFields idPrefix={`edit-${series.id}`} series={series} />
        <div className="field">
          <label htmlFor={`edit-${series.id}-criteria`}>Critères d’accès (un par ligne)</label>
          <textarea id={`edit-${series.id}-criteria`} name="criteria" rows={4} defaultValue={series.criteria.map((c) => c.text).join('\n')} />
        </div>
        <ErrorAlert message={error} />
        {saved && <p className="alert" role="status">Mini-RCP modifiée.</p>}
        <button className="button" type="submit">Enregistrer les modifications</button>
      </form>
    </details>
  );
}

function NewSeries({ departements, onCreated }: { departements: string[]; onCreated: () => void }) {
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    setError(null);
    try {
      await createRcpSeries({
        departement: String(fd.get('departement')),
        ...scheduleOf(fd),
        criteria: DEMO_RCP_CRITERIA,
      });
      form.reset();
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
        <ScheduleFields idPrefix="rcp" />
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
