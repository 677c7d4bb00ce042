import { useState, type FormEvent } from 'react';
import { MEDIA_LIMITS, type BlockInput, type LessonBlock, type LessonPage } from '@palliance/core';
import { ApiError } from '../../../api/http';
import { addBlock, deleteBlock, reorderBlocks, updateBlock, uploadMedia } from '../../../api/learning-content';
import { FormAlert, SelectField, TextAreaField, TextField, useFormFeedback } from '../../../ui/forms';

const KIND_LABEL: Record<LessonBlock['kind'], string> = { text: 'Texte', video: 'Vidéo', document: 'Document', quiz: 'Quiz' };
const mb = (n: number) => `${Math.round(n / (1024 * 1024))} Mo`;

/** Reads a video file's duration in the browser, so the server can count the watched share. */
function videoDuration(file: File): Promise<number | undefined> {
  return new Promise((resolve) => {
    const v = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (d?: number) => {
      URL.revokeObjectURL(url);
      resolve(d && Number.isFinite(d) ? d : undefined);
    };
    v.preload = 'metadata';
    v.onloadedmetadata = () => done(v.duration);
    v.onerror = () => done();
    v.src = url;
  });
}

/** The block as the form of the API wants it (to save it again with another title or order). */
const asInput = (b: LessonBlock, changes: { title?: string; markdown?: string } = {}): BlockInput => {
  const title = changes.title ?? b.title;
  switch (b.kind) {
    case 'text':
      return { kind: 'text', title, markdown: changes.markdown ?? b.body };
    case 'video':
      return { kind: 'video', title, mediaId: b.media!.id, subtitlesId: b.subtitles?.id ?? null, transcript: b.body };
    case 'document':
      return { kind: 'document', title, mediaId: b.media!.id };
    case 'quiz':
      return { kind: 'quiz', title, quizId: b.quizId! };
  }
};

/** The teaching team's tools under a lesson: add, edit, move and delete its blocks, upload files. */
export function LessonEditor({ lesson, onChange }: { lesson: LessonPage; onChange: (l: LessonPage) => void }) {
  const f = useFormFeedback();
  const [kind, setKind] = useState<LessonBlock['kind']>('text');
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const setBlocks = (blocks: LessonBlock[]) => onChange({ ...lesson, blocks });

  const run = async (label: string, action: () => Promise<LessonBlock[]>) => {
    setBusy(label);
    f.reset();
    try {
      setBlocks(await action());
      return true;
    } catch (err) {
      f.failWith(err, ['title', 'markdown', 'quizId', 'file', 'mediaId']);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const move = (index: number, delta: number) => {
    const ids = lesson.blocks.map((b) => b.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved);
    void run('Déplacement…', () => reorderBlocks(lesson.id, ids));
  };

  const onAdd = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '');
    const ok = await run('Envoi…', async () => {
      let input: BlockInput;
      if (kind === 'text') input = { kind, title, markdown: String(data.get('markdown') ?? '') };
      else if (kind === 'quiz') input = { kind, title, quizId: String(data.get('quizId') ?? '').trim() };
      else {
        const file = data.get('file');
        if (!(file instanceof File) || file.size === 0) throw new ApiError(400, 'invalid_input', 'Choisissez un fichier à envoyer.', 'file');
        if (kind === 'video') {
          setBusy('Envoi de la vidéo…');
          const video = await uploadMedia(lesson.courseId, file, await videoDuration(file));
          const vtt = data.get('subtitles');
          const subtitles = vtt instanceof File && vtt.size > 0 ? await uploadMedia(lesson.courseId, vtt) : null;
          input = { kind, title, mediaId: video.id, subtitlesId: subtitles?.id ?? null, transcript: String(data.get('transcript') ?? '') };
        } else {
          setBusy('Envoi du document…');
          const doc = await uploadMedia(lesson.courseId, file);
          input = { kind, title, mediaId: doc.id };
        }
      }
      return addBlock(lesson.id, input);
    });
    if (ok) form.reset();
  };

  return (
    <section className="card lesson-editor" aria-labelledby="edition-titre">
      <h2 id="edition-titre">Contenu de la leçon (équipe enseignante)</h2>
      <FormAlert alertRef={f.alertRef} message={f.formError} errors={f.errors} />
      {busy && (
        <p role="status" className="muted">
          {busy}
        </p>
      )}
      <ol className="block-editor-list">
        {lesson.blocks.map((b, i) => (
          <li key={b.id}>
            <strong>
              {i + 1}. {KIND_LABEL[b.kind]}
            </strong>
            {b.title && <> : {b.title}</>}
            {b.kind === 'video' && <span className="muted small"> {b.subtitles ? '(sous-titres fr)' : '(sans sous-titres)'}</span>}
            {editing === b.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  const d = new FormData(e.currentTarget);
                  void run('Enregistrement…', () => updateBlock(b.id, asInput(b, { title: String(d.get('title') ?? ''), markdown: d.has('markdown') ? String(d.get('markdown')) : undefined }))).then(
                    (ok) => ok && setEditing(null),
                  );
                }}
              >
                <TextField name="title" label="Titre" defaultValue={b.title} optional={b.kind === 'text' || b.kind === 'video'} />
                {b.kind === 'text' && <TextAreaField name="markdown" label="Texte (Markdown)" defaultValue={b.body} rows={8} />}
                <div className="actions">
                  <button className="button" type="submit" disabled={!!busy}>
                    Enregistrer
                  </button>
                  <button className="button button-secondary" type="button" onClick={() => setEditing(null)}>
                    Annuler
                  </button>
                </div>
              </form>
            ) : (
              <div className="actions">
                <button className="button button-secondary" type="button" disabled={!!busy || i === 0} onClick={() => move(i, -1)}>
                  Monter<span className="visually-hidden"> le bloc {i + 1}</span>
                </button>
                <button className="button button-secondary" type="button" disabled={!!busy || i === lesson.blocks.length - 1} onClick={() => move(i, 1)}>
                  Descendre<span className="visually-hidden"> le bloc {i + 1}</span>
                </button>
                <button className="button button-secondary" type="button" disabled={!!busy} onClick={() => setEditing(b.id)}>
                  Modifier<span className="visually-hidden"> le bloc {i + 1}</span>
                </button>
                <button
                  className="button button-danger"
                  type="button"
                  disabled={!!busy}
                  onClick={() => window.confirm('Supprimer ce bloc ?') && void run('Suppression…', () => deleteBlock(b.id))}
                >
                  Supprimer<span className="visually-hidden"> le bloc {i + 1}</span>
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>

      <h3>Ajouter un bloc</h3>
      <form ref={f.formRef} onSubmit={onAdd} noValidate={false}>
        <SelectField
          name="kind"
          label="Type de bloc"
          value={kind}
          onChange={(e) => setKind(e.target.value as LessonBlock['kind'])}
          options={(Object.keys(KIND_LABEL) as LessonBlock['kind'][]).map((k) => ({ value: k, label: KIND_LABEL[k] }))}
        />
        <TextField name="title" label="Titre du bloc" optional={kind === 'text' || kind === 'video'} error={f.errors.title} />
        {kind === 'text' && <TextAreaField name="markdown" label="Texte" hint="Markdown : **gras**, listes, [liens](https://…). Le HTML n’est pas interprété." rows={8} error={f.errors.markdown} />}
        {kind === 'video' && (
          <>
            <TextField name="file" label="Fichier vidéo" type="file" accept="video/webm,video/mp4,video/ogg" hint={`WebM ou MP4, ${mb(MEDIA_LIMITS.video)} au plus.`} error={f.errors.file} />
            <TextField name="subtitles" label="Sous-titres en français" type="file" accept=".vtt,text/vtt" hint="Fichier WebVTT (.vtt)." optional />
            <TextAreaField name="transcript" label="Transcription" optional rows={6} />
          </>
        )}
        {kind === 'document' && (
          <TextField name="file" label="Document" type="file" accept=".pdf,.odt,.ods,.odp,.docx,.xlsx,.pptx,.txt" hint={`PDF, ODT, DOCX…, ${mb(MEDIA_LIMITS.document)} au plus.`} error={f.errors.file} />
        )}
        {kind === 'quiz' && <TextField name="quizId" label="Identifiant du quiz" hint="Donné par l’écran des quiz du cours." error={f.errors.quizId} />}
        <div className="actions">
          <button className="button" type="submit" disabled={!!busy}>
            Ajouter le bloc
          </button>
        </div>
      </form>
    </section>
  );
}
