import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { KIT_KINDS, type KitDocumentVersion } from '@palliance/core';
import { downloadFilledTemplate, getKitDocument, getKitHistory, listKitDocuments } from '../../api/evaluation';
import { ApiError } from '../../api/http';
import { useSession } from '../../session/session-context';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { KitEditor } from './KitEditor';
import './tools.css';

const frDate = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('fr-FR');

/** The kit "urgence palliative": documents editors maintain, each with its version, authors, review date and source. */
export function KitPage() {
  usePageTitle('Kit urgence palliative');
  const [docs, setDocs] = useState<KitDocumentVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listKitDocuments().then(setDocs, (e: unknown) => setError(e instanceof ApiError ? e.message : 'Le kit est indisponible pour le moment.'));
  }, []);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/outils">Outils</Link> <span aria-hidden="true">›</span> Kit urgence palliative
      </p>
      <h1>Kit «&nbsp;urgence palliative&nbsp;»</h1>
      <p className="lead">
        Ordonnances types, protocoles, check-list des 48 premières heures, fiches «&nbsp;quoi prescrire&nbsp;», modèles de prescriptions anticipées, fiche
        «&nbsp;URGENCE PALLIA&nbsp;». Les contenus sont rédigés et révisés par des éditeurs désignés ; la plateforme fournit la structure et les champs à remplir.
      </p>
      {error && <p className="alert alert-error">{error}</p>}
      {!docs && !error && <Loading label="Chargement du kit…" />}
      {docs && docs.length === 0 && <p>Aucun document pour le moment.</p>}
      {docs && (
        <ul className="team-list">
          {docs.map((d) => (
            <li key={d.documentId}>
              <p>
                <Link to={`/outils/kit/${d.slug}`}>{d.title}</Link> {d.isDemo && <span className="badge badge-warn">exemple</span>}
              </p>
              <p className="small muted">
                {KIT_KINDS[d.kind]} · version {d.version} · révision prévue le {frDate(d.reviewDate)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function KitDocumentPage() {
  const { slug = '' } = useParams();
  const { me } = useSession();
  const [doc, setDoc] = useState<KitDocumentVersion | null>(null);
  const [history, setHistory] = useState<KitDocumentVersion[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<{ key: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(doc?.title ?? 'Document du kit');

  useEffect(() => {
    getKitDocument(slug).then(setDoc, (e: unknown) => setError(e instanceof ApiError ? e.message : 'Ce document est indisponible.'));
    getKitHistory(slug).then(setHistory, () => {});
  }, [slug]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!doc) return;
    setBusy(true);
    setFieldError(null);
    setError(null);
    try {
      const typed = Object.fromEntries(
        doc.placeholders.filter((p) => (values[p.key] ?? '') !== '').map((p) => [p.key, p.type === 'number' ? Number(values[p.key].replace(',', '.')) : values[p.key]]),
      );
      await downloadFilledTemplate(doc.documentId, typed);
    } catch (err) {
      if (err instanceof ApiError && err.field?.startsWith('values.')) setFieldError({ key: err.field.slice(7), message: err.message });
      else setError(err instanceof ApiError ? err.message : 'Le document n’a pas pu être produit.');
    } finally {
      setBusy(false);
    }
  }

  if (error && !doc) return <p className="page alert alert-error">{error}</p>;
  if (!doc) return <Loading label="Chargement du document…" />;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/outils">Outils</Link> <span aria-hidden="true">›</span> <Link to="/outils/kit">Kit urgence palliative</Link>
      </p>
      <h1>{doc.title}</h1>
      {doc.isDemo && <p className="alert alert-warn">Exemple de démonstration : structure et champs seulement, aucun contenu médical.</p>}
      <p className="small muted">
        {KIT_KINDS[doc.kind]} · version {doc.version} · auteurs : {doc.authors.join(', ')} · révision prévue le {frDate(doc.reviewDate)}
      </p>
      <p className="small">Source : {doc.source}</p>
      <details>
        <summary>Texte du modèle</summary>
        <pre className="justification">{doc.body}</pre>
      </details>

      <section className="card" aria-labelledby="remplir-titre">
        <h2 id="remplir-titre">Remplir et obtenir le PDF</h2>
        {!me ? (
          <p>
            <Link to="/connexion">Connectez-vous</Link> pour remplir ce modèle. Rien n’est enregistré : le PDF est produit puis envoyé à votre navigateur.
          </p>
        ) : (
          <form onSubmit={onSubmit} noValidate aria-label="Remplir le modèle">
            {doc.placeholders.map((p) => {
              const id = `ph-${p.key}`;
              const err = fieldError?.key === p.key ? fieldError.message : undefined;
              return (
                <div key={p.key} className={`field${err ? ' field-invalid' : ''}`}>
                  <label htmlFor={id}>
                    {p.label}
                    {!p.required && <span className="optional"> (facultatif)</span>}
                  </label>
                  {err && (
                    <p className="field-error" id={`${id}-error`}>
                      <span aria-hidden="true">⚠ </span>
                      {err}
                    </p>
                  )}
                  <input
                    id={id}
                    type={p.type === 'date' ? 'date' : 'text'}
                    inputMode={p.type === 'number' ? 'decimal' : undefined}
                    required={p.required}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `${id}-error` : undefined}
                    value={values[p.key] ?? ''}
                    onChange={(e) => setValues({ ...values, [p.key]: e.target.value })}
                  />
                </div>
              );
            })}
            {error && (
              <p className="alert alert-error" role="alert">
                {error}
              </p>
            )}
            {fieldError && (
              <p className="alert alert-error" role="alert">
                {fieldError.message}
              </p>
            )}
            <p className="actions">
              <button type="submit" className="button" disabled={busy}>
                {busy ? 'Préparation…' : 'Télécharger le PDF'}
              </button>
            </p>
          </form>
        )}
      </section>

      {me && me.roles.some((r) => r.role === 'content_editor' || r.role === 'admin') && (
        <KitEditor
          key={doc.version}
          doc={doc}
          onPublished={(d) => {
            setDoc(d);
            getKitHistory(slug).then(setHistory, () => {});
          }}
        />
      )}

      {history.length > 0 && (
        <section aria-labelledby="versions-titre">
          <h2 id="versions-titre">Versions</h2>
          <ul>
            {history.map((v) => (
              <li key={v.version}>
                Version {v.version} du {new Date(v.createdAt).toLocaleDateString('fr-FR')}
                {v.createdByEmail ? ` par ${v.createdByEmail}` : ''}
                {v.changeNote ? ` : ${v.changeNote}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
