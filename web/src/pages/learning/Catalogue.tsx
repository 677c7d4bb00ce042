import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { CourseSummary } from '@palliance/core';
import { ApiError } from '../../api/http';
import { listCourses } from '../../api/learning';
import { Loading } from '../../ui/Loading';
import { hoursPerWeek, registrationLabel, seatsLabel, sessionDates } from './learning-format';
import './learning.css';

export function KindBadge({ kind }: { kind: CourseSummary['kind'] }) {
  return kind === 'spoc' ? (
    <span className="badge badge-warn course-kind" title="Accès restreint">
      SPOC<span className="visually-hidden"> (accès restreint)</span>
    </span>
  ) : (
    <span className="badge badge-info course-kind">
      MOOC<span className="visually-hidden"> (ouvert à tous)</span>
    </span>
  );
}

/** Published courses, each with its next session. */
export function Catalogue() {
  const [courses, setCourses] = useState<CourseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listCourses(controller.signal).then(setCourses, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : 'Le catalogue est indisponible pour le moment.');
    });
    return () => controller.abort();
  }, []);

  if (error)
    return (
      <p className="alert alert-error" role="alert">
        {error}
      </p>
    );
  if (!courses) return <Loading label="Chargement du catalogue…" />;
  if (!courses.length) return <p>Aucune formation n’est ouverte pour le moment. Revenez bientôt.</p>;

  return (
    <ul className="cards cards-2">
      {courses.map((c) => {
        const next = c.openSessions[0];
        return (
          <li key={c.id} className="card card-link course-card">
            <h3>
              <Link to={`/se-former/cours/${c.id}`}>{c.title}</Link>
            </h3>
            <p className="course-meta">
              <KindBadge kind={c.kind} />
              {hoursPerWeek(c.estimatedHoursPerWeek)}
              {c.dpcReference && <> · DPC n° {c.dpcReference}</>}
            </p>
            {c.summary && <p>{c.summary}</p>}
            {next ? (
              <p>
                <strong>Prochaine session</strong> : {sessionDates(next)}
                <br />
                {registrationLabel(next)} · {seatsLabel(next)}
                {c.openSessions.length > 1 && <> · {c.openSessions.length - 1} autre(s) session(s)</>}
              </p>
            ) : (
              <p className="muted">Pas de session programmée pour le moment.</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
