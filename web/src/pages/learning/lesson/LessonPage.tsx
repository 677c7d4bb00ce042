import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { CourseProgress, LessonBlock, LessonPage as Lesson } from '@palliance/core';
import { ApiError } from '../../../api/http';
import { getCourseProgress, getLesson, recordVisit } from '../../../api/learning-content';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { ProgressBar } from './ProgressBar';
import { VideoPlayer } from './VideoPlayer';
import './lesson.css';

// Authors' tools are loaded only for authors: learners never download them.
const LessonEditor = lazy(() => import('./LessonEditor').then((m) => ({ default: m.LessonEditor })));

const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';
const sizeLabel = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo` : `${Math.max(1, Math.round(bytes / 1024))} Ko`);

export function LessonPage() {
  const { id = '' } = useParams();
  const [lesson, setLesson] = useState<Lesson | null>(null);
  const [progress, setProgress] = useState<CourseProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  usePageTitle(lesson ? lesson.title : 'Leçon');

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getLesson(id, controller.signal).then(
      (l) => {
        setLesson(l);
        if (l.tracked) void recordVisit(l.id).catch(() => undefined);
      },
      (err: unknown) => {
        if (isAbort(err)) return;
        setLesson(null);
        setError(err instanceof ApiError ? (err.status === 401 ? 'Connectez-vous pour suivre cette leçon.' : err.message) : 'Cette leçon est indisponible pour le moment.');
      },
    );
    return () => controller.abort();
  }, [id]);

  // Progress bars are for learners; an author previewing has none.
  const courseId = lesson?.tracked ? lesson.courseId : undefined;
  useEffect(() => {
    if (!courseId) return;
    const controller = new AbortController();
    getCourseProgress(courseId, controller.signal).then(setProgress, () => setProgress(null));
    return () => controller.abort();
  }, [courseId, id, version]);

  const onVideoProgress = useCallback(() => setVersion((v) => v + 1), []);

  if (error) {
    return (
      <div className="page narrow">
        <p className="breadcrumb">
          <Link to="/se-former">Se former</Link>
        </p>
        <h1>Leçon</h1>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
        <p>
          <Link to="/se-former/mes-formations">Mes formations</Link>
        </p>
      </div>
    );
  }
  if (!lesson) {
    return (
      <div className="page">
        <h1>Leçon</h1>
        <Loading label="Chargement de la leçon…" />
      </div>
    );
  }

  const moduleProgress = progress?.modules.find((m) => m.moduleId === lesson.module.id);
  const resumeFor = (b: LessonBlock) => lesson.videoProgress.find((p) => p.blockId === b.id)?.positionSeconds ?? 0;

  return (
    <div className="page lesson-page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${lesson.courseId}`}>{lesson.courseTitle}</Link>{' '}
        <span aria-hidden="true">›</span> Module {lesson.module.position}
      </p>
      <h1>{lesson.title}</h1>
      <p className="muted">
        Module {lesson.module.position} : {lesson.module.title}
      </p>
      {lesson.summary && <p className="lead">{lesson.summary}</p>}
      {!lesson.tracked && lesson.mayEdit && <p className="alert alert-info">Aperçu de l’équipe enseignante : votre progression n’est pas enregistrée.</p>}

      {lesson.blocks.length === 0 && <p>Cette leçon n’a pas encore de contenu.</p>}
      {lesson.blocks.map((b) => (
        <section key={b.id} className={`lesson-block lesson-block-${b.kind}`} id={`bloc-${b.id}`} aria-label={b.title || undefined}>
          {b.title && <h2 className="h3">{b.title}</h2>}
          {b.kind === 'video' && <VideoPlayer block={b} resumeAt={resumeFor(b)} tracked={lesson.tracked} onProgress={onVideoProgress} />}
          {/* Rendered on the server by micromark: raw HTML escaped, dangerous links dropped. */}
          {b.kind === 'text' && <div className="lesson-text" dangerouslySetInnerHTML={{ __html: b.html }} />}
          {b.kind === 'document' && b.media && (
            <p>
              <a href={b.media.url} download>
                Télécharger « {b.title} »
              </a>{' '}
              <span className="muted small">
                ({b.media.originalName.split('.').pop()?.toUpperCase()}, {sizeLabel(b.media.sizeBytes)})
              </span>
            </p>
          )}
          {b.kind === 'quiz' && (
            <p>
              <Link className="button" to={`/se-former/quiz/${b.quizId}`}>
                Faire le quiz : {b.title}
              </Link>
            </p>
          )}
        </section>
      ))}

      {progress && lesson.tracked && (
        <section className="card lesson-progress" aria-label="Progression">
          {moduleProgress && <ProgressBar label={`Module ${moduleProgress.position}`} percent={moduleProgress.percent} />}
          <ProgressBar label="Cours" percent={progress.percent} />
        </section>
      )}

      <nav className="lesson-nav" aria-label="Leçons voisines">
        {lesson.previous ? (
          <Link to={`/se-former/lecons/${lesson.previous.id}`} rel="prev">
            ← Leçon précédente : {lesson.previous.title}
          </Link>
        ) : (
          <span />
        )}
        {lesson.next &&
          (lesson.next.locked ? (
            <span className="muted">
              Leçon suivante : {lesson.next.title} (ouvre {lesson.next.opensAt ? `le ${formatDate(lesson.next.opensAt)}` : 'plus tard'})
            </span>
          ) : (
            <Link to={`/se-former/lecons/${lesson.next.id}`} rel="next">
              Leçon suivante : {lesson.next.title} →
            </Link>
          ))}
      </nav>
      <p>
        <Link to={`/se-former/cours/${lesson.courseId}`}>Retour au cours</Link>
      </p>

      {lesson.mayEdit && (
        <Suspense fallback={<Loading label="Chargement des outils d’édition…" />}>
          <LessonEditor lesson={lesson} onChange={setLesson} />
        </Suspense>
      )}
    </div>
  );
}
