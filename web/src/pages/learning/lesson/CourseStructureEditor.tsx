import { useState, type FormEvent } from 'react';
import type { CourseDetail } from '@palliance/core';
import { addLesson, addModule, deleteLesson, deleteModule, deleteSession, renameModule, reorderLessons, reorderModules } from '../../../api/learning-content';
import { FormAlert, TextField, useFormFeedback } from '../../../ui/forms';

const moved = (ids: string[], index: number, delta: number) => {
  const next = [...ids];
  const [x] = next.splice(index, 1);
  next.splice(index + delta, 0, x);
  return next;
};

/**
 * The teaching team's tools on the course page: add, rename, move and delete modules and lessons,
 * delete an empty session. The server refuses (and says why) what would erase learners' data.
 */
export function CourseStructureEditor({ course, onChange }: { course: CourseDetail; onChange: (c: CourseDetail) => void }) {
  const f = useFormFeedback();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<CourseDetail>) => {
    setBusy(true);
    f.reset();
    try {
      onChange(await action());
      return true;
    } catch (err) {
      f.failWith(err, ['title']);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submitTitle = (action: (title: string) => Promise<CourseDetail>) => async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (await run(() => action(String(new FormData(form).get('title') ?? '')))) form.reset();
  };
  const moduleIds = course.modules.map((m) => m.id);

  return (
    <section className="card" aria-labelledby="structure-titre">
      <h2 id="structure-titre">Organisation du cours (équipe enseignante)</h2>
      <FormAlert alertRef={f.alertRef} message={f.formError} errors={f.errors} />
      <ol className="block-editor-list">
        {course.modules.map((m, i) => (
          <li key={m.id}>
            <strong>
              Module {m.position} : {m.title}
            </strong>
            <div className="actions">
              <button className="button button-secondary" type="button" disabled={busy || i === 0} onClick={() => void run(() => reorderModules(course.id, moved(moduleIds, i, -1)))}>
                Monter<span className="visually-hidden"> le module {m.position}</span>
              </button>
              <button
                className="button button-secondary"
                type="button"
                disabled={busy || i === moduleIds.length - 1}
                onClick={() => void run(() => reorderModules(course.id, moved(moduleIds, i, 1)))}
              >
                Descendre<span className="visually-hidden"> le module {m.position}</span>
              </button>
              <button
                className="button button-secondary"
                type="button"
                disabled={busy}
                onClick={() => {
                  const title = window.prompt('Nouveau titre du module', m.title);
                  if (title && title.trim() !== m.title) void run(() => renameModule(m.id, title));
                }}
              >
                Renommer<span className="visually-hidden"> le module {m.position}</span>
              </button>
              <button className="button button-danger" type="button" disabled={busy} onClick={() => window.confirm(`Supprimer le module « ${m.title} » ?`) && void run(() => deleteModule(m.id))}>
                Supprimer<span className="visually-hidden"> le module {m.position}</span>
              </button>
            </div>
            <ol>
              {m.lessons.map((l, j) => {
                const lessonIds = m.lessons.map((x) => x.id);
                return (
                  <li key={l.id}>
                    {l.title}{' '}
                    <button className="link-button" type="button" disabled={busy || j === 0} onClick={() => void run(() => reorderLessons(m.id, moved(lessonIds, j, -1)))}>
                      monter<span className="visually-hidden"> la leçon {l.title}</span>
                    </button>{' '}
                    <button className="link-button" type="button" disabled={busy || j === lessonIds.length - 1} onClick={() => void run(() => reorderLessons(m.id, moved(lessonIds, j, 1)))}>
                      descendre<span className="visually-hidden"> la leçon {l.title}</span>
                    </button>{' '}
                    <button className="link-button" type="button" disabled={busy} onClick={() => window.confirm(`Supprimer la leçon « ${l.title} » ?`) && void run(() => deleteLesson(l.id))}>
                      supprimer<span className="visually-hidden"> la leçon {l.title}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
            <form onSubmit={submitTitle((title) => addLesson(m.id, title))}>
              <TextField name="title" label={`Nouvelle leçon du module ${m.position}`} />
              <button className="button button-secondary" type="submit" disabled={busy}>
                Ajouter la leçon
              </button>
            </form>
          </li>
        ))}
      </ol>
      <form ref={f.formRef} onSubmit={submitTitle((title) => addModule(course.id, title))}>
        <TextField name="title" label="Nouveau module" error={f.errors.title} />
        <div className="actions">
          <button className="button" type="submit" disabled={busy}>
            Ajouter le module
          </button>
        </div>
      </form>
      {course.sessions.length > 0 && (
        <>
          <h3>Sessions</h3>
          <ul>
            {course.sessions.map((s) => (
              <li key={s.id}>
                {s.title} ({s.enrolledCount} inscrit(e)s){' '}
                <button className="link-button" type="button" disabled={busy} onClick={() => window.confirm(`Supprimer la session « ${s.title} » ?`) && void run(() => deleteSession(s.id))}>
                  supprimer<span className="visually-hidden"> la session {s.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
