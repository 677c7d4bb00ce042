import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { EVENT_KINDS, EVENT_STATUSES, type EventSummary } from '@palliance/core';
import { ApiError } from '../../api/http';
import { listOrganisedEvents } from '../../api/events';
import { RequireAuth } from '../../session/RequireAuth';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { occurrenceWhen } from './events-format';
import './events.css';

export function OrganisePage() {
  usePageTitle('Organiser des événements');
  return (
    <RequireAuth>
      <Organise />
    </RequireAuth>
  );
}

function Organise() {
  const [items, setItems] = useState<EventSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    listOrganisedEvents(controller.signal).then(setItems, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : 'La liste est indisponible pour le moment.');
    });
    return () => controller.abort();
  }, []);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former/evenements">Webinaires et événements</Link> <span aria-hidden="true">›</span> Organiser
      </p>
      <h1>Organiser des événements</h1>
      <p>
        Les administrateurs, éditeurs de contenu et coordinateurs de territoire (pour leur département) créent webinaires, ateliers et groupes
        d’échange.
      </p>
      <p className="actions">
        <Link className="button" to="/se-former/evenements/nouveau">
          Nouvel événement
        </Link>
      </p>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : !items ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>Vous n’organisez encore aucun événement.</p>
      ) : (
        <ul className="event-list">
          {items.map((e) => (
            <li key={e.id} className="card">
              <h2 className="h3">
                <Link to={`/se-former/evenements/${e.id}`}>{e.title}</Link>
              </h2>
              <p>
                <span className="badge">{EVENT_KINDS[e.kind]}</span> <span className="badge">{EVENT_STATUSES[e.status]}</span> ·{' '}
                {e.nextOccurrence ? occurrenceWhen(e.nextOccurrence) : 'aucune date à venir'}
              </p>
              <p className="small">
                <Link to={`/se-former/evenements/${e.id}/modifier`}>Modifier</Link>
                {e.nextOccurrence && (
                  <>
                    {' · '}
                    <Link to={`/se-former/evenements/dates/${e.nextOccurrence.id}`}>Inscrits de la prochaine date</Link>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
