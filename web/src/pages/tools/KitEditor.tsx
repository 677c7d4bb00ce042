import { useState, type FormEvent } from 'react';
import type { KitDocumentVersion } from '@palliance/core';
import { ApiError, post } from '../../api/http';
import { TextAreaField, TextField } from '../../ui/forms';

type Ph = KitDocumentVersion['placeholders'][number];

/**
 * Editors publish a new version of a kit document: text with {{placeholders}}, typed fields, authors,
 * review date, source. The server checks that text and fields agree and that nobody published meanwhile.
 */
export function KitEditor({ doc, onPublished }: { doc: KitDocumentVersion; onPublished: (d: KitDocumentVersion) => void }) {
  const [title, setTitle] = useState(doc.title);
  const [body, setBody] = useState(doc.body);
  const [authors, setAuthors] = useState(doc.authors.join(', '));
  const [source, setSource] = useState(doc.source);
  const [reviewDate, setReviewDate] = useState(doc.reviewDate);
  const [changeNote, setChangeNote] = useState('');
  const [placeholders, setPlaceholders] = useState<Ph[]>(doc.placeholders);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const setPh = (i: number, patch: Partial<Ph>) => setPlaceholders(placeholders.map((p, k) => (k === i ? { ...p, ...patch } : p)));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const d = await post<KitDocumentVersion>(`/api/v1/kit/documents/${doc.documentId}/versions`, {
        title,
        body,
        placeholders,
        authors: authors.split(',').map((a) => a.trim()).filter(Boolean),
        source,
        reviewDate,
        changeNote,
        baseVersion: doc.version,
      });
      setDone(`Version ${d.version} publiée.`);
      onPublished(d);
    } catch (err) {
      setError(err instanceof ApiError ? { field: err.field, message: err.message } : { message: 'La version n’a pas pu être publiée.' });
    }
  }

  const err = (f: string) => (error?.field === f || error?.field?.startsWith(`${f}.`) ? error.message : undefined);
  return (
    <details className="card">
      <summary>Éditeur : publier une nouvelle version</summary>
      <form onSubmit={onSubmit} noValidate aria-label="Nouvelle version du document">
        <TextField name="title" label="Titre" value={title} error={err('title')} onChange={(e) => setTitle(e.target.value)} />
        <TextAreaField
          name="body"
          label="Texte"
          hint="Les champs à remplir s’écrivent {{patient.nom}} ; chacun doit être déclaré ci-dessous. Aucun contenu médical de la plateforme : citez votre source."
          value={body}
          error={err('body')}
          rows={12}
          onChange={(e) => setBody(e.target.value)}
        />
        <fieldset className="fieldset">
          <legend>Champs</legend>
          {err('placeholders') && <p className="field-error">{err('placeholders')}</p>}
          {placeholders.map((p, i) => (
            <div key={i} className="field-row">
              <TextField name={`ph-key-${i}`} label="Clé" value={p.key} onChange={(e) => setPh(i, { key: e.target.value })} />
              <TextField name={`ph-label-${i}`} label="Libellé" value={p.label} onChange={(e) => setPh(i, { label: e.target.value })} />
              <div className="field">
                <label htmlFor={`ph-type-${i}`}>Type</label>
                <select id={`ph-type-${i}`} value={p.type} onChange={(e) => setPh(i, { type: e.target.value as Ph['type'] })}>
                  <option value="text">texte</option>
                  <option value="date">date</option>
                  <option value="number">nombre</option>
                </select>
              </div>
              <label className="checkbox">
                <input type="checkbox" checked={p.required} onChange={(e) => setPh(i, { required: e.target.checked })} /> requis
              </label>
              <button type="button" className="button button-secondary button-small" onClick={() => setPlaceholders(placeholders.filter((_, k) => k !== i))}>
                Retirer<span className="visually-hidden"> le champ {p.key}</span>
              </button>
            </div>
          ))}
          <button type="button" className="button button-secondary button-small" onClick={() => setPlaceholders([...placeholders, { key: '', label: '', type: 'text', required: false }])}>
            Ajouter un champ
          </button>
        </fieldset>
        <TextField name="authors" label="Auteurs (séparés par des virgules)" value={authors} error={err('authors')} onChange={(e) => setAuthors(e.target.value)} />
        <TextField name="source" label="Source" value={source} error={err('source')} onChange={(e) => setSource(e.target.value)} />
        <TextField name="reviewDate" type="date" label="Date de révision prévue" value={reviewDate} error={err('reviewDate')} onChange={(e) => setReviewDate(e.target.value)} />
        <TextField name="changeNote" label="Note de version" optional value={changeNote} onChange={(e) => setChangeNote(e.target.value)} />
        {error && !['title', 'body', 'authors', 'source', 'reviewDate'].some((f) => err(f)) && (
          <p className="alert alert-error" role="alert">
            {error.message}
          </p>
        )}
        {done && (
          <p className="alert alert-success" role="status">
            {done}
          </p>
        )}
        <p className="actions">
          <button type="submit" className="button">
            Publier la version {doc.version + 1}
          </button>
        </p>
      </form>
    </details>
  );
}
