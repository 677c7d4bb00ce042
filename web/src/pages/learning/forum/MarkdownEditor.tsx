import { useEffect, useState } from 'react';
import { previewMarkdown, searchMembers } from '../../../api/forum';
import { TextAreaField } from '../../../ui/forms';

/**
 * A Markdown text area with a preview rendered by the server (the same safe rendering as the
 * published post) and a picker that inserts « @Prénom Nom » for a member of the course.
 */
export function MarkdownEditor({
  name,
  label,
  value,
  onChange,
  error,
  courseId,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  courseId: string;
}) {
  const [preview, setPreview] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ id: string; displayName: string; profession: string }[]>([]);

  useEffect(() => {
    if (q.trim().length < 2) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchMembers(courseId, q.trim(), controller.signal).then(setFound, () => setFound([]));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, courseId]);

  return (
    <div>
      <TextAreaField
        name={name}
        label={label}
        hint="Markdown : **gras**, *italique*, listes avec « - », liens [texte](https://…). Le HTML n’est pas interprété."
        value={value}
        error={error}
        onChange={(e) => {
          onChange(e.target.value);
          setPreview(null);
        }}
        rows={6}
      />
      <details>
        <summary>Mentionner un membre du cours</summary>
        <label htmlFor={`${name}-mention`}>Nom du membre</label>
        <input id={`${name}-mention`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        <ul className="mention-list" aria-live="polite">
          {found.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  onChange(`${value}${value && !/\s$/.test(value) ? ' ' : ''}@${m.displayName} `);
                  setQ('');
                }}
              >
                @{m.displayName} <span className="muted">({m.profession})</span>
              </button>
            </li>
          ))}
        </ul>
      </details>
      <p>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            setPreviewError(null);
            previewMarkdown(value).then(
              (r) => setPreview(r.html),
              () => setPreviewError('L’aperçu est indisponible pour le moment.'),
            );
          }}
        >
          Aperçu
        </button>
      </p>
      {previewError && <p className="alert alert-error">{previewError}</p>}
      {preview !== null && (
        <div className="md-preview" aria-label="Aperçu du message">
          {/* HTML produced by the server's safe Markdown rendering (no raw HTML, no dangerous link). */}
          <div className="post-body" dangerouslySetInnerHTML={{ __html: preview || '<p class="muted">(vide)</p>' }} />
        </div>
      )}
    </div>
  );
}

/** A fresh key per form submission, so a retried request is stored once by the server. */
export const newIdempotencyKey = () => (typeof globalThis.crypto?.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
