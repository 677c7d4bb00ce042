import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ENROLMENT_STATUSES, type Enrolment } from '@palliance/core';
import { getCourse, myEnrolments } from '../../api/learning';
import { useSession } from '../../session/session-context';
import { RequireAuth } from '../../session/RequireAuth';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { useLoad } from '../../ui/use-load';
import { sessionDates } from './learning-format';
import './learning.css';

export function MyLearningPage() {
  usePageTitle('Mes formations');
  return (
    <RequireAuth>
      <MyLearning />
    </RequireAuth>
  );
}

const BADGE = { enrolled: 'badge badge-ok', waiting: 'badge badge-warn', withdrawn: 'badge' } as const;

function MyLearning() {
  const { data: items, error } = useLoad(myEnrolments, [], 'Vos formations sont indisponibles pour le moment.');

  const active = items?.filter((e) => e.status !== 'withdrawn') ?? [];
  const past = items?.filter((e) => e.status === 'withdrawn') ?? [];

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> Mes formations
      </p>
      <h1>Mes formations</h1>
      <p>
        <Link to="/se-former/mes-attestations">Mes attestations de réussite</Link>
      </p>
      <TaughtCourses />
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : !items ? (
        <Loading label="Chargement de vos inscriptions…" />
      ) : (
        <>
          {active.length === 0 ? (
            <p>
              Vous n’êtes inscrit(e) à aucune session. <Link to="/se-former#catalogue-titre">Voir les formations ouvertes</Link>
            </p>
          ) : (
            <EnrolmentList items={active} />
          )}
          {past.length > 0 && (
            <section aria-labelledby="desinscrit-titre">
              <h2 id="desinscrit-titre">Sessions quittées</h2>
              <EnrolmentList items={past} />
            </section>
          )}
        </>
      )}
    </div>
  );
}

function EnrolmentList({ items }: { items: Enrolment[] }) {
  return (
    <ul className="enrolment-list">
      {items.map((e) => (
        <li key={e.id} className="card card-link">
          <h3 className="h3">
            <Link to={`/se-former/cours/${e.courseId}?session=${e.sessionId}`}>{e.courseTitle}</Link>
          </h3>
          <p>
            <span className={BADGE[e.status]}>{ENROLMENT_STATUSES[e.status]}</span>
            {e.status === 'waiting' && e.waitingRank !== null && <> n° {e.waitingRank} sur la liste d’attente</>}
          </p>
          <p>
            {e.sessionTitle} : {sessionDates(e)}
            <br />
            <span className="muted">Demande du {formatDate(e.createdAt)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The courses a teacher is on the team of: quiz management and the dashboard. */
function TaughtCourses() {
  const { me } = useSession();
  const ids = [...new Set((me?.roles ?? []).filter((r) => r.role === 'teacher' && r.scope).map((r) => r.scope as string))];
  const [titles, setTitles] = useState<Record<string, string>>({});
  const key = ids.join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    for (const id of key.split(',')) {
      getCourse(id, null, controller.signal).then(
        (c) => setTitles((t) => ({ ...t, [id]: c.title })),
        () => {},
      );
    }
    return () => controller.abort();
  }, [key]);
  if (ids.length === 0) return null;
  return (
    <section aria-labelledby="enseigne-titre">
      <h2 id="enseigne-titre">Les cours que j’enseigne</h2>
      <ul>
        {ids.map((id) => (
          <li key={id}>
            <Link to={`/se-former/cours/${id}`}>{titles[id] ?? 'Cours'}</Link> · <Link to={`/se-former/cours/${id}/quiz/gestion`}>Gérer les quiz</Link> ·{' '}
            <Link to={`/se-former/cours/${id}/analyses`}>Tableau de bord</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
