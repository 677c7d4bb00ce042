import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { EVENT_KINDS, REGISTRATION_STATUSES, type FeedToken, type MyEventRegistration } from '@palliance/core';
import { ApiError } from '../../api/http';
import { createFeedToken, getFeedToken, myEvents, revokeFeedToken } from '../../api/events';
import { RequireAuth } from '../../session/RequireAuth';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { useLoad } from '../../ui/use-load';
import { occurrenceWhen } from './events-format';
import './events.css';

export function MyEventsPage() {
  usePageTitle('Mes événements');
  return (
    <RequireAuth>
      <MyEvents />
    </RequireAuth>
  );
}

function MyEvents() {
  const { data: items, error } = useLoad(myEvents, [], 'Vos événements sont indisponibles pour le moment.');

  const now = Date.now();
  const upcoming = items?.filter((r) => Date.parse(r.endsAt) > now) ?? [];
  const past = items?.filter((r) => Date.parse(r.endsAt) <= now) ?? [];

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to="/se-former/evenements">Webinaires et événements</Link>{' '}
        <span aria-hidden="true">›</span> Mes événements
      </p>
      <h1>Mes événements</h1>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : !items ? (
        <Loading label="Chargement de vos inscriptions…" />
      ) : (
        <>
          <h2>À venir</h2>
          {upcoming.length === 0 ? (
            <p>
              Aucune inscription à venir. <Link to="/se-former/evenements">Voir les événements</Link>
            </p>
          ) : (
            <RegistrationList items={upcoming} />
          )}
          {past.length > 0 && (
            <>
              <h2>Passés</h2>
              <RegistrationList items={past} />
            </>
          )}
        </>
      )}
      <FeedPanel />
    </div>
  );
}

function RegistrationList({ items }: { items: MyEventRegistration[] }) {
  return (
    <ul className="event-list">
      {items.map((r) => (
        <li key={r.id} className="card">
          <h3>
            <Link to={`/se-former/evenements/${r.eventId}`}>{r.eventTitle}</Link>
          </h3>
          <p>
            {EVENT_KINDS[r.kind]} · {occurrenceWhen(r)}
            <br />
            <span className={r.status === 'enrolled' ? 'badge badge-ok' : 'badge badge-warn'}>
              {REGISTRATION_STATUSES[r.status]}
              {r.status === 'waiting' && ` (n° ${r.waitingRank})`}
            </span>
            {r.eventStatus === 'cancelled' && <span className="badge badge-danger">Annulé</span>}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The secret address of the personal feed: shown once when created, revocable at any time. */
function FeedPanel() {
  const [feed, setFeed] = useState<FeedToken | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getFeedToken(controller.signal).then(setFeed, () => {});
    return () => controller.abort();
  }, []);

  async function run(fn: () => Promise<FeedToken>) {
    setBusy(true);
    setError(null);
    try {
      setFeed(await fn());
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Une erreur inattendue s’est produite.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="agenda-titre" className="card">
      <h2 id="agenda-titre">Mon agenda</h2>
      <p>
        Une adresse secrète permet à votre agenda (Outlook, Google Agenda, iPhone…) d’afficher vos inscriptions et de suivre leurs changements.
        Ne la partagez pas : elle suffit pour lire vos inscriptions.
      </p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div role="status" aria-live="polite">
        {feed?.url ? (
          <>
            <p>Copiez cette adresse dans votre agenda (« s’abonner à un calendrier par URL ») ; elle ne sera plus affichée ensuite :</p>
            <p className="feed-url">{feed.url}</p>
          </>
        ) : feed?.active ? (
          <p>Une adresse est active depuis le {formatDate(feed.createdAt!)}.</p>
        ) : feed ? (
          <p>Aucune adresse active.</p>
        ) : null}
      </div>
      <p className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void run(createFeedToken)}>
          {feed?.active ? 'Remplacer l’adresse (l’ancienne cesse de fonctionner)' : 'Créer mon adresse d’agenda'}
        </button>
        {feed?.active && (
          <button type="button" className="button button-danger-outline" disabled={busy} onClick={() => void run(revokeFeedToken)}>
            Révoquer l’adresse
          </button>
        )}
      </p>
    </section>
  );
}
