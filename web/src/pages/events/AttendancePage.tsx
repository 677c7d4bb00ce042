import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { PROFESSIONS, REGISTRATION_STATUSES, type OccurrenceRegistrants } from '@palliance/core';
import { ApiError } from '../../api/http';
import { attendanceCsvUrl, getRegistrants, markAttendance } from '../../api/events';
import { RequireAuth } from '../../session/RequireAuth';
import { formatPercent } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { occurrenceWhen } from './events-format';
import './events.css';

export function AttendancePage() {
  usePageTitle('Inscrits et présences');
  return (
    <RequireAuth>
      <Attendance />
    </RequireAuth>
  );
}

function Attendance() {
  const { id = '' } = useParams();
  const [sheet, setSheet] = useState<OccurrenceRegistrants | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [marks, setMarks] = useState<Record<string, 'present' | 'absent'>>({});
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);

  const load = (s: OccurrenceRegistrants) => {
    setSheet(s);
    setMarks(Object.fromEntries(s.registrants.filter((r) => r.attendance).map((r) => [r.id, r.attendance!])));
  };

  useEffect(() => {
    const controller = new AbortController();
    getRegistrants(id, controller.signal).then(load, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : 'La liste est indisponible pour le moment.');
    });
    return () => controller.abort();
  }, [id]);

  async function save(e: FormEvent) {
    e.preventDefault();
    const list = Object.entries(marks).map(([registrationId, v]) => ({ registrationId, present: v === 'present' }));
    if (list.length === 0) {
      setMessage({ tone: 'error', text: 'Cochez présent ou absent pour au moins une personne.' });
      messageRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      load(await markAttendance(id, list));
      setMessage({ tone: 'success', text: 'Présences enregistrées.' });
    } catch (err) {
      setMessage({ tone: 'error', text: err instanceof ApiError ? err.message : 'Une erreur inattendue s’est produite.' });
    } finally {
      setBusy(false);
      setTimeout(() => messageRef.current?.focus(), 0);
    }
  }

  if (error) {
    return (
      <div className="page narrow">
        <h1>Inscrits et présences</h1>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      </div>
    );
  }
  if (!sheet) return <Loading label="Chargement des inscrits…" />;
  const enrolled = sheet.registrants.filter((r) => r.status === 'enrolled');
  const waiting = sheet.registrants.filter((r) => r.status === 'waiting');

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former/evenements">Webinaires et événements</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/se-former/evenements/${sheet.eventId}`}>{sheet.eventTitle}</Link> <span aria-hidden="true">›</span> Inscrits et présences
      </p>
      <h1>Inscrits et présences</h1>
      <p className="lead">
        {sheet.eventTitle} · {occurrenceWhen(sheet)}
      </p>
      <p>
        {enrolled.length} inscrit(s), {waiting.length} en liste d’attente.
        {sheet.attendance.rate !== null && <> Taux de présence : {formatPercent(sheet.attendance.rate)}.</>}{' '}
        <a href={attendanceCsvUrl(id)} download>
          Télécharger la feuille d’émargement (CSV)
        </a>
      </p>
      <div ref={messageRef} tabIndex={-1} role="status" aria-live="polite" className={message ? `alert alert-${message.tone}` : 'visually-hidden'}>
        {message?.text}
      </div>
      {!sheet.attendanceOpen && <p className="alert alert-info">Les présences se pointent à partir du début de l’événement.</p>}
      <form onSubmit={(e) => void save(e)}>
        <div className="table-wrap">
          <table className="table attendance-table">
            <caption className="visually-hidden">Personnes inscrites et leur présence</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Profession</th>
                <th scope="col">Statut</th>
                <th scope="col">Présence</th>
              </tr>
            </thead>
            <tbody>
              {sheet.registrants.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.lastName} {r.firstName}
                    <br />
                    <span className="small muted">{r.email}</span>
                  </th>
                  <td>{PROFESSIONS[r.profession as keyof typeof PROFESSIONS] ?? r.profession}</td>
                  <td>
                    {REGISTRATION_STATUSES[r.status]}
                    {r.status === 'waiting' && ` (n° ${r.waitingRank})`}
                  </td>
                  <td>
                    {r.status === 'enrolled' && sheet.attendanceOpen ? (
                      <fieldset className="attendance-choice">
                        <legend className="visually-hidden">
                          Présence de {r.firstName} {r.lastName}
                        </legend>
                        {(['present', 'absent'] as const).map((v) => (
                          <label key={v}>
                            <input type="radio" name={`p-${r.id}`} value={v} checked={marks[r.id] === v} onChange={() => setMarks((m) => ({ ...m, [r.id]: v }))} />{' '}
                            {v === 'present' ? 'Présent(e)' : 'Absent(e)'}
                          </label>
                        ))}
                      </fieldset>
                    ) : r.attendance === 'present' ? (
                      'Présent(e)'
                    ) : r.attendance === 'absent' ? (
                      'Absent(e)'
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {sheet.attendanceOpen && enrolled.length > 0 && (
          <p className="actions">
            <button type="submit" className="button" disabled={busy}>
              Enregistrer les présences
            </button>
          </p>
        )}
      </form>
    </div>
  );
}
