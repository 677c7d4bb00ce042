import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EVENT_KINDS, type EventSummary } from '@palliance/core';
import { ApiError } from '../../api/http';
import { listEvents, publicFeedUrl } from '../../api/events';
import { useSession } from '../../session/session-context';
import { DepartementSelect } from '../../ui/DepartementSelect';
import { SelectField } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { mayOrganiseSomething, occurrenceWhen, seatsText } from './events-format';
import './events.css';

const KIND_OPTIONS = Object.entries(EVENT_KINDS).map(([value, label]) => ({ value, label }));

export function EventsPage() {
  usePageTitle('Webinaires et événements');
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const kind = params.get('type') ?? '';
  const departement = params.get('departement') ?? '';
  const past = params.get('passes') === '1';
  // Controlled: the department list arrives after the first render, and must still show the filter.
  const [kindSel, setKindSel] = useState(kind);
  const [depSel, setDepSel] = useState(departement);
  const [pastSel, setPastSel] = useState(past);
  useEffect(() => {
    setKindSel(kind);
    setDepSel(departement);
    setPastSel(past);
  }, [kind, departement, past]);
  const [items, setItems] = useState<EventSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setItems(null);
    setError(null);
    listEvents({ kind: kind || undefined, departement: departement || undefined, upcoming: past ? 'false' : 'true' }, controller.signal).then(setItems, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : 'Les événements sont indisponibles pour le moment.');
    });
    return () => controller.abort();
  }, [kind, departement, past]);

  function applyFilters(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (kindSel) next.set('type', kindSel);
    if (depSel) next.set('departement', depSel);
    if (pastSel) next.set('passes', '1');
    setParams(next);
  }

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> Webinaires et événements
      </p>
      <h1>Webinaires et événements</h1>
      <p className="lead">
        Webinaires, ateliers en présentiel et groupes d’échange organisés par les CPTS, équipes mobiles et DAC : inscription gratuite, rappel
        par e-mail la veille et une heure avant, ajout à votre agenda.
      </p>
      <p className="actions">
        {me && <Link to="/se-former/mes-evenements">Mes événements</Link>}
        {mayOrganiseSomething(me) && (
          <>
            {' '}
            <Link className="button button-secondary" to="/se-former/evenements/organiser">
              Organiser un événement
            </Link>
          </>
        )}
      </p>

      <form className="filters form" onSubmit={applyFilters} aria-label="Filtrer les événements">
        <SelectField name="type" label="Type" optional options={KIND_OPTIONS} placeholder="Tous les types" value={kindSel} onChange={(e) => setKindSel(e.target.value)} />
        <DepartementSelect name="departement" label="Département" optional placeholder="Tous les départements" value={depSel} onChange={(e) => setDepSel(e.target.value)} />
        <div className="field">
          <label>
            <input type="checkbox" name="passes" value="1" checked={pastSel} onChange={(e) => setPastSel(e.target.checked)} /> Inclure les événements passés et annulés
          </label>
        </div>
        <p className="actions">
          <button type="submit" className="button">
            Filtrer
          </button>
        </p>
      </form>

      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : !items ? (
        <Loading label="Chargement des événements…" />
      ) : items.length === 0 ? (
        <p role="status">Aucun événement ne correspond à ces critères.</p>
      ) : (
        <>
          <p role="status" className="muted">
            {items.length} événement{items.length > 1 ? 's' : ''}
          </p>
          <ul className="event-list">
            {items.map((e) => (
              <li key={e.id} className="card">
                <h3>
                  <Link to={`/se-former/evenements/${e.id}`}>{e.title}</Link>
                </h3>
                <p className="badges">
                  <span className="badge">{EVENT_KINDS[e.kind]}</span>
                  {e.status === 'cancelled' && <span className="badge badge-danger">Annulé</span>}
                  {e.isDemo && <span className="badge badge-warn">Démonstration</span>}
                </p>
                <p>
                  {e.nextOccurrence ? occurrenceWhen(e.nextOccurrence) : 'Aucune date à venir'}
                  {e.recurrenceText && (
                    <>
                      <br />
                      {e.recurrenceText}
                    </>
                  )}
                  <br />
                  {e.communeName ? `${e.communeName} (${e.departement})` : e.kind === 'workshop' ? e.departement : `En ligne · ${e.departement}`} · {e.organiserName}
                  {e.nextOccurrence && (
                    <>
                      <br />
                      {seatsText(e.nextOccurrence, e.seatCap)}
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}

      <section aria-labelledby="flux-titre">
        <h2 id="flux-titre">Dans votre agenda</h2>
        <p>
          Abonnez votre agenda (Outlook, Google Agenda, Thunderbird, iPhone) au flux des événements publiés
          {departement ? ` du département ${departement}` : ''} : <a href={publicFeedUrl(departement || undefined)}>flux iCalendar</a>. Votre
          agenda le met à jour tout seul.
        </p>
      </section>
    </div>
  );
}
