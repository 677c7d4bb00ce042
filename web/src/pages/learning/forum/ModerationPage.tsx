import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ForumReport, ForumStats } from '@palliance/core';
import { forumStats, listReports, resolveReport } from '../../../api/forum';
import { ApiError } from '../../../api/http';
import { StatusMessage } from '../../../ui/forms';
import { formatDate, formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { RequireAuth } from '../../../session/RequireAuth';
import './forum.css';

const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

/** For teachers and animators: the open reports of a course's forum, and its activity counts. */
/** Signed-in members only: a visitor goes to the login page and comes back here (e.g. from a mail link). */
export function ModerationPage() {
  return (
    <RequireAuth>
      <ModerationView />
    </RequireAuth>
  );
}

function ModerationView() {
  const { id = '' } = useParams();
  const [reports, setReports] = useState<ForumReport[] | null>(null);
  const [stats, setStats] = useState<ForumStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  usePageTitle('Modération du forum');

  useEffect(() => {
    const controller = new AbortController();
    listReports(id, controller.signal).then(setReports, (err: unknown) => {
      if (!isAbort(err)) setError(err instanceof ApiError ? err.message : 'La file de modération est indisponible.');
    });
    forumStats(id, 'week', controller.signal).then(setStats, () => setStats(null));
    return () => controller.abort();
  }, [id, version]);

  const resolve = (r: ForumReport, outcome: 'hidden' | 'dismissed') =>
    resolveReport(r.id, outcome).then(
      () => {
        setNotice(outcome === 'hidden' ? 'Message masqué, signalement traité.' : 'Signalement classé sans suite.');
        refresh();
      },
      (err: unknown) => setError(err instanceof ApiError ? err.message : 'L’action n’a pas abouti.'),
    );

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${id}/forum`}>Forum</Link>{' '}
        <span aria-hidden="true">›</span> Modération
      </p>
      <h1>Modération du forum</h1>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="file-titre">
        <h2 id="file-titre">Signalements à traiter</h2>
        {reports === null && !error ? (
          <Loading />
        ) : reports && reports.length === 0 ? (
          <p>Aucun signalement en attente.</p>
        ) : (
          <ul className="thread-list">
            {reports?.map((r) => (
              <li key={r.id} className="card">
                <p className="post-meta">
                  Signalé par {r.reporter.displayName} le {formatDateTime(r.createdAt)} · discussion « <Link to={`/se-former/forum/sujets/${r.post.threadId}`}>{r.threadTitle}</Link> »
                </p>
                <p>
                  <strong>Motif :</strong> {r.reason}
                </p>
                <blockquote className={r.post.hidden ? 'post-hidden' : ''}>
                  <p className="post-meta">
                    {r.post.author.displayName}
                    {r.post.hidden && ' · déjà masqué'}
                  </p>
                  <div className="post-body" dangerouslySetInnerHTML={{ __html: r.post.bodyHtml }} />
                </blockquote>
                <div className="actions">
                  <button type="button" className="button button-danger" onClick={() => resolve(r, 'hidden')}>
                    Masquer le message
                  </button>
                  <button type="button" className="button button-secondary" onClick={() => resolve(r, 'dismissed')}>
                    Classer sans suite
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {stats && (
        <section aria-labelledby="activite-titre">
          <h2 id="activite-titre">Activité du forum</h2>
          <p>
            {stats.totals.threads} publications, {stats.totals.replies} commentaires et {stats.totals.likes} mentions « J’aime ».
          </p>
          <div className="table-wrap">
          <table className="table">
            <caption>Par forum</caption>
            <thead>
              <tr>
                <th scope="col">Forum</th>
                <th scope="col">Publications</th>
                <th scope="col">Commentaires</th>
                <th scope="col">« J’aime »</th>
              </tr>
            </thead>
            <tbody>
              {stats.modules.map((m) => (
                <tr key={m.moduleId ?? 'cours'}>
                  <th scope="row">{m.title}</th>
                  <td>{m.threads}</td>
                  <td>{m.replies}</td>
                  <td>{m.likes}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <div className="table-wrap">
          <table className="table">
            <caption>Par semaine (tous forums)</caption>
            <thead>
              <tr>
                <th scope="col">Semaine du</th>
                <th scope="col">Publications</th>
                <th scope="col">Commentaires</th>
                <th scope="col">« J’aime »</th>
              </tr>
            </thead>
            <tbody>
              {[...new Set(stats.series.map((s) => s.period))].map((period) => {
                const rows = stats.series.filter((s) => s.period === period);
                const sum = (k: 'threads' | 'replies' | 'likes') => rows.reduce((n, r) => n + r[k], 0);
                return (
                  <tr key={period}>
                    <th scope="row">{formatDate(period)}</th>
                    <td>{sum('threads')}</td>
                    <td>{sum('replies')}</td>
                    <td>{sum('likes')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
        </section>
      )}
    </div>
  );
}
