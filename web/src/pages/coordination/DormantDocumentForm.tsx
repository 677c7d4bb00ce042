import { useState, type FormEvent } from 'react';
import type { DormantFile, KitDocumentVersion } from '@palliance/core';
import { addDormantDocument } from '../../api/coordination-care';
import { listKitDocuments } from '../../api/evaluation';
import { ApiError } from '../../api/http';
import { ErrorAlert, useLoad } from './use-load';

/** Fills a template of the emergency kit for this patient; the server keeps the PDF in the dormant file. */
export function DormantDocumentForm({ patientId, onAdded }: { patientId: string; onAdded: (f: DormantFile) => void }) {
  const docs = useLoad(() => listKitDocuments(), []);
  const [docId, setDocId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const doc: KitDocumentVersion | undefined = docs.data?.find((d) => d.documentId === docId) ?? docs.data?.[0];
  if (!doc) return null;
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!doc) return;
    const fd = new FormData(e.currentTarget);
    const values = Object.fromEntries(doc.placeholders.map((p) => [p.key, String(fd.get(p.key) ?? '')]).filter(([, v]) => v !== ''));
    setError(null);
    try {
      onAdded(await addDormantDocument(patientId, doc.documentId, values));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Le document n’a pas pu être produit.');
    }
  }
  return (
    <details>
      <summary>Joindre une prescription anticipée (modèle du kit rempli pour ce patient)</summary>
      <form onSubmit={submit} className="stack" key={doc.documentId}>
        <div className="field">
          <label htmlFor="dormant-kit">Modèle</label>
          <select id="dormant-kit" value={doc.documentId} onChange={(e) => setDocId(e.target.value)}>
            {docs.data!.map((d) => <option key={d.documentId} value={d.documentId}>{d.title}{d.isDemo ? ' (exemple de démonstration)' : ''}</option>)}
          </select>
        </div>
        {doc.placeholders.map((p) => (
          <div className="field" key={p.key}>
            <label htmlFor={`kit-${p.key}`}>{p.label}{p.required ? '' : ' (facultatif)'}</label>
            <input id={`kit-${p.key}`} name={p.key} type={p.type === 'date' ? 'date' : p.type === 'number' ? 'number' : 'text'} required={p.required} maxLength={2000} />
          </div>
        ))}
        <ErrorAlert message={error} />
        <button className="button button-secondary" type="submit">Produire et joindre le PDF</button>
      </form>
    </details>
  );
}
