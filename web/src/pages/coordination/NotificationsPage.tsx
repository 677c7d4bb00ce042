import { Link, useNavigate } from 'react-router';
import { getPreference, markAllRead, markRead, notifications, setPreference } from '../../api/coordination';
import { RequireAuth } from '../../session/RequireAuth';
import { formatDateTime } from '../../ui/format';
import { RadioGroup } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { ErrorAlert, useLoad } from './use-load';
import './coordination.css';

export function NotificationsPage() {
  usePageTitle('Mes notifications');
  return (
    <RequireAuth>
      <Notifications />
    </RequireAuth>
  );
}

function Notifications() {
  const navigate = useNavigate();
  const list = useLoad((s) => notifications(s), []);
  const pref = useLoad((s) => getPreference(s), []);
  return (
    <div className="page">
      <h1>Mes notifications</h1>
      <ErrorAlert message={list.error} />
      {!list.data ? (
        !list.error && <Loading />
      ) : (
        <>
          <p>
            {list.data.unread} non lue{list.data.unread > 1 ? 's' : ''}.{' '}
            {list.data.unread > 0 && (
              <button type="button" className="button button-secondary button-small" onClick={async () => { await markAllRead(); list.reload(); }}>
                Tout marquer comme lu
              </button>
            )}
          </p>
          {list.data.items.length === 0 ? <p>Aucune notification.</p> : (
            <ul className="coord-list">
              {list.data.items.map((n) => (
                <li key={n.id} className="card">
                  {!n.readAt && <span className="badge badge-warn">Nouveau</span>}{' '}
                  <Link
                    to={n.link}
                    onClick={async (e) => {
                      e.preventDefault();
                      if (!n.readAt) await markRead(n.id).catch(() => {});
                      await navigate(n.link);
                    }}
                  >
                    {n.title}
                  </Link>
                  <br />
                  <span className="muted">
                    {formatDateTime(n.createdAt)}
                    {n.body ? ` · ${n.body}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <section aria-labelledby="pref-titre">
        <h2 id="pref-titre">Courriels</h2>
        {pref.data && (
          <RadioGroup
            name="emailMode"
            legend="Recevoir les notifications par courriel"
            value={pref.data.emailMode}
            onChange={async (v) => pref.setData(await setPreference({ emailMode: v as 'immediate' | 'daily_digest' }))}
            options={[
              { value: 'immediate', label: 'À chaque notification' },
              { value: 'daily_digest', label: 'Un résumé par jour, à 7 h' },
            ]}
          />
        )}
      </section>
    </div>
  );
}
