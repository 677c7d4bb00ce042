import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SupportRequestSummary } from '@palliance/core';
import { structureInbox } from '../../api/coordination';
import { ApiError } from '../../api/http';
import { RequireAuth } from '../../session/RequireAuth';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { CLOCK_BADGE, clockLabel, reasonLabel, statusLabel, urgencyLabel } from './labels';
import { ErrorAlert, useLoad } from './use-load';
import './coordination.css';

export function InboxPage() {
  usePageTitle('Demandes reçues');
  return (
    <RequireAuth>
      <Inbox />
    </RequireAuth>
  );
}

function Inbox() {
  const { id = '' } = useParams();
  const [state, setState] = useState<'open' | 'closed'>('open');
  const first = useLoad((s) => structureInbox(id, state, null, s), [id, state]);
  const [more, setMore] = useState<{ items: SupportRequestSummary[]; next: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : (first.data?.next ?? null);
  async function loadMore() {
    try {
      const page = await structureInbox(id, state, next);
      setMore({ items: [...(more?.items ?? []), ...page.items], next: page.next });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'La suite est indisponible.');
    }
  }
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/coordination">Coordination</Link> <span aria-hidden="true">›</span> Demandes reçues
      </p>
      <h1>Demandes d’appui reçues</h1>
      <p role="group" aria-label="Filtre">
        {(['open', 'closed'] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={state === s}
            className={state === s ? 'button' : 'button button-secondary'}
            onClick={() => {
              setState(s);
              setMore(null);
            }}
          >
            {s === 'open' ? 'En cours (échéance la plus proche d’abord)' : 'Clôturées et déclinées'}
          </button>
        ))}
      </p>
      <ErrorAlert message={first.error ?? error} />
      {!first.data && !first.error ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>Aucune demande.</p>
      ) : (
        <ul className="coord-list">
          {items.map((r) => (
            <li key={r.id} className="card">
              <Link to={`/coordination/demandes/${r.id}`}>
                {reasonLabel(r.reason)} — {r.patientName} ({r.patientCommune})
              </Link>
              <br />
              <span className="muted">
                De {r.requesterName} · {urgencyLabel(r.urgency)} · {statusLabel(r.status)} · échéance {formatDateTime(r.dueAt)}
              </span>{' '}
              <span className={CLOCK_BADGE[r.clock]}>{clockLabel(r.clock)}</span>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" className="button button-secondary" onClick={loadMore}>
          Afficher les suivantes
        </button>
      )}
    </div>
  );
}
