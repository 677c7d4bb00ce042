import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { EVENT_KINDS, EVENT_STATUSES, PROFESSIONS, type EventDetail, type EventOccurrence } from '@palliance/core';
import { ApiError } from '../../api/http';
import { eventIcsUrl, getEvent, registerTo, withdrawFrom } from '../../api/events';
import { useSession } from '../../session/session-context';
import { formatPercent } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { occurrenceWhen, seatsText } from './events-format';
import './events.css';

export function EventPage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const [ev, setEv] = useState<EventDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const location = useLocation();
  usePageTitle(ev ? ev.title : 'Événement');

  useEffect(() => {
    const controller = new AbortController();
    getEvent(id, controller.signal).then(setEv, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError && (err.status === 404 || err.status === 400) ? 'Cet événement n’existe pas ou n’est pas publié.' : 'Cet événement est indisponible pour le moment.');
    });
    return () => controller.abort();
  }, [id, version, me?.id]);

  const say = useCallback((tone: 'success' | 'error', text: string) => {
    setMessage({ tone, text });
    setTimeout(() => messageRef.current?.focus(), 0);
  }, []);

  async function act(o: EventOccurrence, action: 'register' | 'withdraw') {
    setBusy(o.id);
    try {
      if (action === 'register') {
        const r = await registerTo(o.id);
        say(
          'success',
          r.status === 'waiting'
            ? `Complet : vous êtes n° ${r.waitingRank ?? '?'} sur la liste d’attente. Nous vous écrirons si une place se libère.`
            : 'Inscription confirmée. Vous recevrez un rappel par e-mail la veille et une heure avant.',
        );
      } else {
        await withdrawFrom(o.id);
        say('success', 'Vous êtes désinscrit(e) de cette date.');
      }
      setVersion((v) => v + 1);
    } catch (err) {
      say('error', err instanceof ApiError ? err.message : 'Une erreur inattendue s’est produite. Réessayez dans un instant.');
    } finally {
      setBusy(null);
    }
  }

  if (error) {
    return (
      <div className="page narrow">
        <p className="breadcrumb">
          <Link to="/se-former/evenements">Webinaires et événements</Link>
        </p>
        <h1>Événement introuvable</h1>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      </div>
    );
  }
  if (!ev) {
    return (
      <div className="page">
        <h1>Événement</h1>
        <Loading label="Chargement de l’événement…" />
      </div>
    );
  }

  const now = Date.now();
  const upcoming = ev.occurrences.filter((o) => Date.parse(o.endsAt) > now);
  const past = ev.occurrences.filter((o) => Date.parse(o.endsAt) <= now);
  const retour = `/connexion?retour=${encodeURIComponent(location.pathname)}`;

  const occurrenceItem = (o: EventOccurrence, canAct: boolean) => (
    <li key={o.id}>
      <p>
        <strong>{occurrenceWhen(o)}</strong>
      </p>
      <p>{seatsText(o, ev.seatCap)}</p>
      {o.myStatus === 'enrolled' && <p className="badge badge-ok">Vous êtes inscrit(e)</p>}
      {o.myStatus === 'waiting' && <p className="badge badge-warn">Liste d’attente : vous êtes n° {o.myWaitingRank}</p>}
      {canAct && ev.status === 'published' && Date.parse(o.startsAt) > now && (
        <p className="actions">
          {!me ? (
            <Link className="button" to={retour}>
              Se connecter pour s’inscrire
            </Link>
          ) : o.myStatus ? (
            <button type="button" className="button button-danger-outline" disabled={busy === o.id} onClick={() => void act(o, 'withdraw')}>
              Se désinscrire<span className="visually-hidden"> de la date du {occurrenceWhen(o)}</span>
            </button>
          ) : (
            <button type="button" className="button" disabled={busy === o.id} onClick={() => void act(o, 'register')}>
              {o.seatsLeft === 0 ? 'Rejoindre la liste d’attente' : 'S’inscrire'}
              <span className="visually-hidden"> : {occurrenceWhen(o)}</span>
            </button>
          )}
        </p>
      )}
      {ev.mayOrganise && (
        <p className="small">
          <Link to={`/se-former/evenements/dates/${o.id}`}>
            Inscrits et présences<span className="visually-hidden"> du {occurrenceWhen(o)}</span>
          </Link>
        </p>
      )}
    </li>
  );

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to="/se-former/evenements">Webinaires et événements</Link>{' '}
        <span aria-hidden="true">›</span> {ev.title}
      </p>
      <h1>{ev.title}</h1>
      <p className="badges">
        <span className="badge">{EVENT_KINDS[ev.kind]}</span>
        {ev.status !== 'published' && <span className={ev.status === 'cancelled' ? 'badge badge-danger' : 'badge badge-warn'}>{EVENT_STATUSES[ev.status]}</span>}
        {ev.isDemo && <span className="badge badge-warn">Démonstration : événement fictif</span>}
      </p>
      {ev.status === 'cancelled' && (
        <p className="alert alert-warn">Cet événement est annulé. Les personnes inscrites ont été prévenues par e-mail.</p>
      )}
      <div ref={messageRef} tabIndex={-1} role="status" aria-live="polite" className={message ? `alert alert-${message.tone}` : 'visually-hidden'}>
        {message?.text}
      </div>

      <div className="course-layout">
        <aside className="card enrolment-panel" aria-labelledby="dates-titre">
          <h2 id="dates-titre">{ev.kind === 'exchange_group' ? 'Prochaines séances' : 'Date et inscription'}</h2>
          {ev.recurrenceText && <p>{ev.recurrenceText} (heure de Paris). Inscription séance par séance.</p>}
          {upcoming.length === 0 ? <p>Aucune date à venir.</p> : <ul className="occurrence-list">{upcoming.map((o) => occurrenceItem(o, true))}</ul>}
          <p>
            <a href={eventIcsUrl(ev.id)} download>
              Ajouter à mon agenda (.ics)
            </a>
          </p>
          {me && (
            <p className="small">
              <Link to="/se-former/mes-evenements">Mes événements et mon agenda</Link>
            </p>
          )}
        </aside>
        <div className="course-main">
          <section aria-labelledby="infos-titre">
            <h2 id="infos-titre">Informations pratiques</h2>
            <dl className="details">
              {ev.address && (
                <>
                  <dt>Lieu</dt>
                  <dd>
                    {ev.address}
                    {ev.communeName && `, ${ev.communeName}`} ({ev.departement})
                  </dd>
                </>
              )}
              {ev.hasVideo && (
                <>
                  <dt>En ligne</dt>
                  <dd>
                    {ev.videoUrl ? (
                      <a href={ev.videoUrl} rel="noopener noreferrer" target="_blank">
                        Lien de connexion
                      </a>
                    ) : (
                      'Le lien de connexion s’affiche ici une fois inscrit(e).'
                    )}
                  </dd>
                </>
              )}
              <dt>Organisateur</dt>
              <dd>
                {ev.organiserName}
                {ev.organiserPhone && (
                  <>
                    <br />
                    <a href={`tel:${ev.organiserPhone.replace(/\s/g, '')}`}>{ev.organiserPhone}</a>
                  </>
                )}
                {ev.organiserEmail && (
                  <>
                    <br />
                    <a href={`mailto:${ev.organiserEmail}`}>{ev.organiserEmail}</a>
                  </>
                )}
              </dd>
              <dt>Public</dt>
              <dd>{ev.audience.length ? ev.audience.map((p) => PROFESSIONS[p as keyof typeof PROFESSIONS] ?? p).join(', ') : 'Toutes les professions'}</dd>
              {ev.courseId && (
                <>
                  <dt>Formation liée</dt>
                  <dd>
                    <Link to={`/se-former/cours/${ev.courseId}`}>{ev.courseTitle}</Link>
                  </dd>
                </>
              )}
            </dl>
          </section>
          {ev.description && (
            <section aria-labelledby="description-titre">
              <h2 id="description-titre">Présentation</h2>
              {ev.description
                .split(/\n\s*\n/)
                .filter((p) => p.trim())
                .map((p, i) => (
                  <p key={i}>{p.trim()}</p>
                ))}
            </section>
          )}
          {ev.mayOrganise && (
            <section aria-labelledby="organiser-titre" className="card">
              <h2 id="organiser-titre">Espace organisateur</h2>
              <p>
                <Link to={`/se-former/evenements/${ev.id}/modifier`}>Modifier, publier ou annuler</Link>
              </p>
              {ev.attendance && (
                <p>
                  Présence sur les dates commencées : {ev.attendance.present} présent(s), {ev.attendance.absent} absent(s), {ev.attendance.unmarked} non pointé(s)
                  {ev.attendance.rate !== null && <> · taux de présence {formatPercent(ev.attendance.rate)}</>}.
                </p>
              )}
              {past.length > 0 && (
                <>
                  <h3 className="h3">Dates passées</h3>
                  <ul className="occurrence-list">{past.map((o) => occurrenceItem(o, false))}</ul>
                </>
              )}
            </section>
          )}
          {ev.source && (
            <p className="small muted">
              Source : {ev.source}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
