import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { CourseProgress } from '@palliance/core';
import { getCourseProgress } from '../../../api/learning-content';
import { ProgressBar } from './ProgressBar';
import './lesson.css';

const clock = (s: number) => `${Math.floor(s / 60)} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;

/** On the course page of an enrolled learner: progress per module and course, and where to resume. */
export function CourseProgressPanel({ courseId, version }: { courseId: string; version?: number }) {
  const [progress, setProgress] = useState<CourseProgress | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    getCourseProgress(courseId, controller.signal).then(setProgress, () => setProgress(null));
    return () => controller.abort();
  }, [courseId, version]);
  if (!progress) return null;
  const first = progress.modules.find((m) => !m.locked && m.lessons.length > 0)?.lessons[0];
  return (
    <section className="course-progress" aria-labelledby="progression-titre">
      <h2 id="progression-titre">Ma progression</h2>
      <ProgressBar label="Cours" percent={progress.percent} />
      {progress.complete && <p className="badge badge-ok">Cours terminé</p>}
      {progress.resume ? (
        <p>
          <Link className="button" to={`/se-former/lecons/${progress.resume.lessonId}`}>
            Reprendre là où je me suis arrêté(e)
          </Link>
          <br />
          <span className="muted small">
            {progress.resume.lessonTitle}
            {progress.resume.positionSeconds > 0 && <> · à {clock(progress.resume.positionSeconds)}</>}
          </span>
        </p>
      ) : (
        first && (
          <p>
            <Link className="button" to={`/se-former/lecons/${first.lessonId}`}>
              Commencer la première leçon
            </Link>
          </p>
        )
      )}
      <ul className="module-progress">
        {progress.modules.map((m) => (
          <li key={m.moduleId}>
            {m.locked ? (
              <p className="muted small">
                Module {m.position} : verrouillé{m.opensAt && <> jusqu’au {new Date(m.opensAt).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long' })}</>}
              </p>
            ) : (
              <ProgressBar label={`Module ${m.position}`} percent={m.percent} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
