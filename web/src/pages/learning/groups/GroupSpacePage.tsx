import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { MAX_SUBMISSION_FILE_BYTES, REVIEW_STATUSES, type GroupSpace, type GroupSubmission } from '@palliance/core';
import { getGroup, reviewWork, submitWork } from '../../../api/groups';
import { ApiError } from '../../../api/http';
import { FormAlert, RadioGroup, StatusMessage, TextAreaField, useFormFeedback } from '../../../ui/forms';
import { formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { newIdempotencyKey } from '../forum/MarkdownEditor';
import { STATUS_LABELS } from './GroupsPage';
import { RequireAuth } from '../../../session/RequireAuth';
import '../forum/forum.css';

const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

/** A group's space: members, assignment, discussion, work versions and the teachers' reviews. */
/** Signed-in members only: a visitor goes to the login page and comes back here (e.g. from a mail link). */
export function GroupSpacePage() {
  return (
    <RequireAuth>
      <GroupSpaceView />
    </RequireAuth>
  );
}

function GroupSpaceView() {
  const { id = '' } = useParams();
  const [g, setG] = useState<GroupSpace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(g ? g.name : 'Groupe');

  useEffect(() => {
    const controller = new AbortController();
    getGroup(id, controller.signal).then(setG, (err: unknown) => {
      if (!isAbort(err)) setError(err instanceof ApiError ? err.message : 'Ce groupe est indisponible pour le moment.');
    });
    return () => controller.abort();
  }, [id]);

  if (error) {
    return (
      <div className="page narrow">
        <h1>Groupe</h1>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      </div>
    );
  }
  if (!g) {
    return (
      <div className="page">
        <h1>Groupe</h1>
        <Loading />
      </div>
    );
  }
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${g.courseId}`}>{g.courseTitle}</Link>{' '}
        <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${g.courseId}/groupes`}>Groupes</Link>
      </p>
      <h1>{g.name}</h1>
      <p className="post-meta">État du travail : {STATUS_LABELS[g.status]}</p>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      <section aria-labelledby="membres-titre">
        <h2 id="membres-titre">Membres</h2>
        <ul>
          {g.members.map((m) => (
            <li key={m.id}>
              {m.displayName} <span className="muted">({m.profession})</span>
            </li>
          ))}
        </ul>
      </section>
      {g.assignment && (
        <section aria-labelledby="consigne-titre">
          <h2 id="consigne-titre">Consigne</h2>
          {g.assignment.split(/\n\s*\n/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      )}
      {g.discussionThreadId && (
        <p>
          <Link className="button button-secondary" to={`/se-former/forum/sujets/${g.discussionThreadId}`}>
            Discussion du groupe
          </Link>
        </p>
      )}
      {!g.mayManage && (
        <SubmitForm
          groupId={g.id}
          onDone={(s) => {
            setG(s);
            setNotice(`Version ${s.latestVersion} déposée.`);
          }}
        />
      )}
      <section aria-labelledby="versions-titre">
        <h2 id="versions-titre">Versions déposées</h2>
        {g.submissions.length === 0 && <p>Aucun rendu pour le moment.</p>}
        <ul className="thread-list">
          {g.submissions.map((s) => (
            <li key={s.id} className="card">
              <Submission s={s} mayReview={g.mayManage} onReviewed={(space) => { setG(space); setNotice('Évaluation enregistrée.'); }} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Submission({ s, mayReview, onReviewed }: { s: GroupSubmission; mayReview: boolean; onReviewed: (g: GroupSpace) => void }) {
  return (
    <>
      <h3 className="h3">Version {s.version}</h3>
      <p className="post-meta">
        Déposée par {s.author} le {formatDateTime(s.createdAt)}
      </p>
      {s.body && <p style={{ whiteSpace: 'pre-wrap' }}>{s.body}</p>}
      {s.file && (
        <p>
          Fichier : <a href={s.file.url}>{s.file.name}</a> <span className="muted">({Math.ceil(s.file.size / 1024)} Ko)</span>
        </p>
      )}
      {s.reviews.map((r) => (
        <p key={r.id} className={`alert ${r.status === 'valide' ? 'alert-success' : 'alert-info'}`}>
          <strong>{REVIEW_STATUSES[r.status]}</strong> — {r.reviewer}, {formatDateTime(r.createdAt)}
          {r.comment && (
            <>
              <br />
              {r.comment}
            </>
          )}
        </p>
      ))}
      {mayReview && <ReviewForm submissionId={s.id} onDone={onReviewed} />}
    </>
  );
}

function ReviewForm({ submissionId, onDone }: { submissionId: string; onDone: (g: GroupSpace) => void }) {
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();
  const [status, setStatus] = useState('');
  const [comment, setComment] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (status !== 'a_revoir' && status !== 'valide') return fail({ status: 'Choisissez « à revoir » ou « validé ».' });
    reset();
    try {
      onDone(await reviewWork(submissionId, { status, comment }));
    } catch (err) {
      failWith(err, ['status', 'comment']);
    }
  };
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form">
      <FormAlert alertRef={alertRef} message={formError} errors={errors} />
      <RadioGroup
        name={`status-${submissionId}`}
        legend="Évaluation"
        value={status}
        onChange={setStatus}
        error={errors.status}
        options={[
          { value: 'a_revoir', label: 'À revoir' },
          { value: 'valide', label: 'Validé' },
        ]}
      />
      <TextAreaField name="comment" label="Commentaire" optional value={comment} onChange={(e) => setComment(e.target.value)} rows={3} />
      <div className="actions">
        <button type="submit" className="button button-small">
          Enregistrer l’évaluation
        </button>
      </div>
    </form>
  );
}

function SubmitForm({ groupId, onDone }: { groupId: string; onDone: (g: GroupSpace) => void }) {
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();
  const [body, setBody] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim() && !file) return fail({ body: 'Écrivez un texte ou joignez un fichier.' });
    if (file && file.size > MAX_SUBMISSION_FILE_BYTES) return fail({ file: 'Le fichier ne peut pas dépasser 5 Mo.' });
    reset();
    setBusy(true);
    try {
      let payload = null;
      if (file) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        let bin = '';
        for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        payload = { name: file.name, type: file.type || 'application/octet-stream', contentBase64: btoa(bin) };
      }
      const space = await submitWork(groupId, { body, file: payload, idempotencyKey: key });
      setBody('');
      setFile(null);
      setKey(newIdempotencyKey());
      (e.target as HTMLFormElement).reset();
      onDone(space);
    } catch (err) {
      failWith(err, ['body', 'file']);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="deposer-titre">
      <h2 id="deposer-titre">Déposer une nouvelle version</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <TextAreaField name="body" label="Texte du rendu" optional value={body} onChange={(e) => setBody(e.target.value)} error={errors.body} rows={6} />
        <div className="field">
          <label htmlFor="rendu-fichier">Fichier (facultatif, 5 Mo au plus)</label>
          <input id="rendu-fichier" type="file" aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? 'rendu-fichier-erreur' : undefined} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          {errors.file && (
            <p id="rendu-fichier-erreur" className="field-error">
              {errors.file}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Déposer
          </button>
        </div>
      </form>
    </section>
  );
}
