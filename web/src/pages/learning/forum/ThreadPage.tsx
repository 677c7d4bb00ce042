import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ForumPost, ThreadDetail } from '@palliance/core';
import { deletePost, editPost, getThread, moderateThread, reply, reportPost, setFollow, setHidden, setLike } from '../../../api/forum';
import { ApiError } from '../../../api/http';
import { FormAlert, StatusMessage, TextAreaField, useFormFeedback } from '../../../ui/forms';
import { formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { MarkdownEditor, newIdempotencyKey } from './MarkdownEditor';
import { RequireAuth } from '../../../session/RequireAuth';
import './forum.css';

const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';
const message = (err: unknown) => (err instanceof ApiError ? err.message : 'L’action n’a pas abouti. Réessayez dans un instant.');

/** A thread with its replies: like, follow, reply, edit or delete one's own, report; moderators pin, lock and hide. */
/** Signed-in members only: a visitor goes to the login page and comes back here (e.g. from a mail link). */
export function ThreadPage() {
  return (
    <RequireAuth>
      <ThreadView />
    </RequireAuth>
  );
}

function ThreadView() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [thread, setThread] = useState<ThreadDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  usePageTitle(thread ? thread.title : 'Discussion');

  useEffect(() => {
    const controller = new AbortController();
    getThread(id, controller.signal).then(setThread, (err: unknown) => {
      if (!isAbort(err)) setError(message(err));
    });
    return () => controller.abort();
  }, [id, version]);

  // The unfollow link of the e-mails lands here.
  const unfollow = params.get('ne-plus-suivre') === '1';
  useEffect(() => {
    if (!unfollow) return;
    setFollow(id, false).then(
      () => {
        setNotice('Vous ne suivez plus cette discussion : vous ne recevrez plus de courriel à chaque réponse.');
        setParams({}, { replace: true });
        refresh();
      },
      (err: unknown) => setError(message(err)),
    );
  }, [unfollow, id, setParams, refresh]);

  if (error && !thread) {
    return (
      <div className="page narrow">
        <p className="breadcrumb">
          <Link to="/se-former">Se former</Link>
        </p>
        <h1>Discussion</h1>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      </div>
    );
  }
  if (!thread) {
    return (
      <div className="page">
        <h1>Discussion</h1>
        <Loading label="Chargement de la discussion…" />
      </div>
    );
  }
  const t = thread;
  const act = (p: Promise<unknown>, done?: string) =>
    p.then(
      () => {
        setError(null);
        if (done) setNotice(done);
        refresh();
      },
      (err: unknown) => setError(message(err)),
    );
  const back = t.groupId ? `/se-former/groupes/${t.groupId}` : t.moduleId ? `/se-former/cours/${t.courseId}/forum?module=${t.moduleId}` : `/se-former/cours/${t.courseId}/forum`;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${t.courseId}`}>{t.courseTitle}</Link>{' '}
        <span aria-hidden="true">›</span> <Link to={back}>{t.groupId ? 'Mon groupe' : t.moduleTitle ? `Forum : ${t.moduleTitle}` : 'Forum'}</Link>
      </p>
      <h1>{t.title}</h1>
      <p className="post-meta">
        {t.pinned && <span className="badge badge-info">épinglé</span>} {t.locked && <span className="badge badge-warn">verrouillé : plus de nouvelle réponse</span>}
      </p>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button-secondary" aria-pressed={t.following} onClick={() => act(setFollow(t.id, !t.following), t.following ? 'Vous ne suivez plus cette discussion.' : 'Vous suivez cette discussion : un courriel vous prévient de chaque réponse.')}>
          {t.following ? 'Ne plus suivre' : 'Suivre la discussion'}
        </button>
        {t.mayModerate && (
          <>
            <button type="button" className="button button-secondary" onClick={() => act(moderateThread(t.id, { pinned: !t.pinned }), t.pinned ? 'Discussion désépinglée.' : 'Discussion épinglée en tête du forum.')}>
              {t.pinned ? 'Désépingler' : 'Épingler'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => act(moderateThread(t.id, { locked: !t.locked }), t.locked ? 'Discussion rouverte.' : 'Discussion verrouillée.')}>
              {t.locked ? 'Déverrouiller' : 'Verrouiller'}
            </button>
          </>
        )}
      </div>
      <ol className="thread-list">
        {t.posts.map((p) => (
          <li key={p.id}>
            <PostCard post={p} mayModerate={t.mayModerate} courseId={t.courseId} act={act} />
          </li>
        ))}
      </ol>
      {t.mayReply ? <ReplyForm threadId={t.id} courseId={t.courseId} onDone={refresh} /> : <p className="alert alert-info">Cette discussion est verrouillée : on ne peut plus y répondre.</p>}
    </div>
  );
}

function PostCard({ post: p, mayModerate, courseId, act }: { post: ForumPost; mayModerate: boolean; courseId: string; act: (p: Promise<unknown>, done?: string) => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(p.bodySource);
  const [reporting, setReporting] = useState(false);
  return (
    <article className={`card post${p.hidden ? ' post-hidden' : ''}`} aria-label={`Message de ${p.author.displayName}`}>
      <p className="post-meta">
        <strong>{p.author.displayName}</strong> ({p.author.profession}) · {formatDateTime(p.createdAt)}
        {p.editedAt && <> · modifié</>}
        {p.hidden && <> · <span className="badge badge-danger">masqué par la modération</span></>}
      </p>
      {p.deleted ? (
        <p className="muted">Message supprimé.</p>
      ) : p.hidden && !mayModerate ? (
        <p className="muted">Ce message a été masqué par la modération.</p>
      ) : editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(editPost(p.id, draft), 'Message modifié.').then(() => setEditing(false));
          }}
        >
          <MarkdownEditor name={`edit-${p.id}`} label="Modifier le message" value={draft} onChange={setDraft} courseId={courseId} />
          <div className="actions">
            <button type="submit" className="button button-small">
              Enregistrer
            </button>
            <button type="button" className="button button-secondary button-small" onClick={() => setEditing(false)}>
              Annuler
            </button>
          </div>
        </form>
      ) : (
        // HTML rendered by the server from Markdown, safe by construction (micromark without raw HTML).
        <div className="post-body" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
      )}
      {!p.deleted && (
        <div className="post-actions">
          <button type="button" className="button button-secondary button-small" aria-pressed={p.likedByMe} disabled={p.hidden} onClick={() => act(setLike(p.id, !p.likedByMe))}>
            {p.likedByMe ? 'Je n’aime plus' : 'J’aime'} ({p.likeCount})
          </button>
          {p.mine && !editing && (
            <>
              <button type="button" className="button button-secondary button-small" onClick={() => setEditing(true)}>
                Modifier
              </button>
              <button type="button" className="button button-danger-outline button-small" onClick={() => window.confirm('Supprimer ce message ?') && act(deletePost(p.id), 'Message supprimé.')}>
                Supprimer
              </button>
            </>
          )}
          {!p.mine && (
            <button type="button" className="button button-secondary button-small" onClick={() => setReporting(true)}>
              Signaler
            </button>
          )}
          {mayModerate && (
            <button type="button" className="button button-secondary button-small" onClick={() => act(setHidden(p.id, !p.hidden), p.hidden ? 'Message réaffiché.' : 'Message masqué.')}>
              {p.hidden ? 'Réafficher' : 'Masquer'}
            </button>
          )}
        </div>
      )}
      {reporting && <ReportDialog postId={p.id} author={p.author.displayName} onClose={(done) => { setReporting(false); if (done) void act(Promise.resolve(), 'Merci : votre signalement a été transmis aux modérateurs.'); }} />}
    </article>
  );
}

function ReportDialog({ postId, author, onClose }: { postId: string; author: string; onClose: (done: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { formRef, alertRef, errors, formError, fail, failWith } = useFormFeedback();
  const [reason, setReason] = useState('');
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) return fail({ reason: 'Le motif du signalement doit contenir au moins 3 caractères.' });
    try {
      await reportPost(postId, reason);
      ref.current?.close();
      onClose(true);
    } catch (err) {
      failWith(err, ['reason']);
    }
  };
  return (
    <dialog ref={ref} className="report-dialog card" aria-labelledby={`signaler-${postId}`} onCancel={() => onClose(false)}>
      <h2 id={`signaler-${postId}`} className="h3">
        Signaler le message de {author}
      </h2>
      <form ref={formRef} onSubmit={submit} noValidate>
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <TextAreaField name="reason" label="Motif" hint="Ce qui pose problème : propos irrespectueux, donnée de patient identifiable, publicité…" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} rows={3} />
        <div className="actions">
          <button type="submit" className="button">
            Envoyer le signalement
          </button>
          <button type="button" className="button button-secondary" onClick={() => { ref.current?.close(); onClose(false); }}>
            Annuler
          </button>
        </div>
      </form>
    </dialog>
  );
}

function ReplyForm({ threadId, courseId, onDone }: { threadId: string; courseId: string; onDone: () => void }) {
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();
  const [body, setBody] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return fail({ body: 'La réponse est requise.' });
    reset();
    setBusy(true);
    try {
      await reply(threadId, body, key);
      setBody('');
      setKey(newIdempotencyKey());
      onDone();
    } catch (err) {
      failWith(err, ['body']);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="repondre-titre" className="card">
      <h2 id="repondre-titre">Répondre</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <MarkdownEditor name="body" label="Votre réponse" value={body} onChange={setBody} error={errors.body} courseId={courseId} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Publier la réponse
          </button>
        </div>
      </form>
    </section>
  );
}
