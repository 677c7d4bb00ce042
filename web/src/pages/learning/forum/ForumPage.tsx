import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { createThread, getForum } from '../../../api/forum';
import { FormAlert, TextField, useFormFeedback } from '../../../ui/forms';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { useLoad } from '../../../ui/use-load';
import { MarkdownEditor, newIdempotencyKey } from './MarkdownEditor';
import { RequireAuth } from '../../../session/RequireAuth';
import './forum.css';

/** The forum of a course (?module= for a module's forum): threads, pinned first, and a form to open one. */
/** Signed-in members only: a visitor goes to the login page and comes back here (e.g. from a mail link). */
export function ForumPage() {
  return (
    <RequireAuth>
      <ForumView />
    </RequireAuth>
  );
}

function ForumView() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const moduleId = params.get('module');
  const { data: forum, error } = useLoad((signal) => getForum(id, moduleId, signal), [id, moduleId], 'Le forum est indisponible pour le moment.');
  usePageTitle(forum ? `Forum : ${forum.module ? forum.module.title : forum.course.title}` : 'Forum');

  if (error) {
    return (
      <div className="page narrow">
        <p className="breadcrumb">
          <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${id}`}>Formation</Link>
        </p>
        <h1>Forum</h1>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
        <p>
          <Link to={`/se-former/cours/${id}`}>Retour à la formation</Link>
        </p>
      </div>
    );
  }
  if (!forum) {
    return (
      <div className="page">
        <h1>Forum</h1>
        <Loading label="Chargement du forum…" />
      </div>
    );
  }
  const f = forum;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${f.course.id}`}>{f.course.title}</Link>{' '}
        <span aria-hidden="true">›</span> {f.module ? <Link to={`/se-former/cours/${f.course.id}/forum`}>Forum</Link> : 'Forum'}
      </p>
      <h1>{f.module ? `Forum du module ${f.module.position} : ${f.module.title}` : `Forum : ${f.course.title}`}</h1>
      {f.mayModerate && (
        <p>
          <Link to={`/se-former/cours/${f.course.id}/forum/moderation`}>
            File de modération{f.openReports > 0 ? ` (${f.openReports} signalement${f.openReports > 1 ? 's' : ''})` : ''}
          </Link>
        </p>
      )}
      {!f.module && f.modules.length > 0 && (
        <nav aria-label="Forums des modules">
          <h2 className="h3">Forums des modules</h2>
          <ul className="module-links">
            {f.modules.map((m) => (
              <li key={m.id}>
                <Link to={`/se-former/cours/${f.course.id}/forum?module=${m.id}`}>
                  Module {m.position} : {m.title}
                </Link>{' '}
                <span className="muted">({m.threadCount})</span>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <section aria-labelledby="sujets-titre">
        <h2 id="sujets-titre">Discussions</h2>
        {f.threads.length === 0 ? (
          <p>Aucune discussion pour le moment. Lancez la première !</p>
        ) : (
          <ul className="thread-list">
            {f.threads.map((t) => (
              <li key={t.id} className="card">
                <h3 className="h3">
                  <Link to={`/se-former/forum/sujets/${t.id}`}>{t.title}</Link>
                </h3>
                <p className="post-meta">
                  {t.pinned && <span className="badge badge-info">épinglé</span>} {t.locked && <span className="badge badge-warn">verrouillé</span>} {t.author.displayName} ·{' '}
                  {t.replyCount} réponse{t.replyCount > 1 ? 's' : ''} · {t.likeCount} « J’aime » · dernière activité le {formatDate(t.lastActivityAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <NewThreadForm courseId={f.course.id} moduleId={f.module?.id ?? null} />
    </div>
  );
}

function NewThreadForm({ courseId, moduleId }: { courseId: string; moduleId: string | null }) {
  const navigate = useNavigate();
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = 'Le titre est requis.';
    if (!body.trim()) local.body = 'Le message est requis.';
    if (Object.keys(local).length) return fail(local);
    reset();
    setBusy(true);
    try {
      const t = await createThread(courseId, { title, body, moduleId, idempotencyKey: key });
      navigate(`/se-former/forum/sujets/${t.id}`);
    } catch (err) {
      failWith(err, ['title', 'body', 'moduleId']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="nouveau-titre" className="card">
      <h2 id="nouveau-titre">Nouvelle discussion</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <TextField name="title" label="Titre" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} maxLength={200} />
        <MarkdownEditor name="body" label="Message" value={body} onChange={setBody} error={errors.body} courseId={courseId} />
        <p className="muted small">Vous suivrez cette discussion : vous recevrez un courriel à chaque réponse.</p>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Publier
          </button>
        </div>
      </form>
    </section>
  );
}
