import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { listDevMails, type CaughtMail } from '../../api/dev';
import { ApiError } from '../../api/http';
import { formatDateTime, plural } from '../../ui/format';
import { TextField } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';

const URL_PATTERN = /(https?:\/\/[^\s<>"')]+)/g;

/** Mail text with its addresses made clickable; links to this site open here, others in a new tab. */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?]+$/, '');
    const index = match.index ?? 0;
    parts.push(text.slice(last, index));
    const sameSite = url.startsWith(window.location.origin);
    parts.push(
      <a key={index} href={url} {...(sameSite ? {} : { target: '_blank', rel: 'noopener noreferrer' })}>
        {url}
      </a>,
    );
    last = index + url.length;
  }
  parts.push(text.slice(last));
  return <pre className="mail-text">{parts}</pre>;
}

export default function DevMailsPage() {
  usePageTitle('Courriels de développement');
  const [to, setTo] = useState('');
  const [filter, setFilter] = useState('');
  const [mails, setMails] = useState<CaughtMail[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback((address: string) => {
    setLoading(true);
    setError(null);
    listDevMails(address || undefined).then(
      (m) => {
        setMails(m);
        setLoading(false);
      },
      (err: unknown) => {
        setMails(null);
        setLoading(false);
        setError(
          err instanceof ApiError && err.status === 404
            ? "La boîte de développement n'existe pas sur ce serveur : un vrai serveur d'envoi (SMTP) est configuré, les courriels partent chez leurs destinataires."
            : err instanceof ApiError
              ? err.message
              : 'Les courriels sont indisponibles.',
        );
      },
    );
  }, []);

  useEffect(() => load(filter), [filter, load]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (to.trim() === filter) load(filter);
    else setFilter(to.trim());
  }

  return (
    <div className="page">
      <h1>Courriels de développement</h1>
      <p className="lead">
        Hors production, Palliance n'envoie aucun courriel à l'extérieur : ils sont reçus par un serveur SMTP local et affichés ici, du
        plus récent au plus ancien. Vous y trouverez les liens de vérification d'adresse et de nouveau mot de passe.
      </p>
      <form className="card filters" role="search" aria-label="Filtrer les courriels" onSubmit={onSubmit}>
        <TextField name="to" type="email" label="Destinataire" required={false} hint="Laissez vide pour tout afficher." value={to} onChange={(e) => setTo(e.target.value)} />
        <div className="actions">
          <button type="submit" className="button">
            Afficher
          </button>
        </div>
      </form>
      {loading && !mails ? (
        <Loading label="Chargement des courriels…" />
      ) : error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : mails ? (
        <section aria-labelledby="courriels-titre" aria-busy={loading}>
          <h2 id="courriels-titre" className="h3" aria-live="polite">
            {plural(mails.length, 'courriel', 'courriels')}
            {filter && ` pour ${filter}`}
          </h2>
          {mails.length === 0 ? (
            <p>Aucun courriel reçu pour l'instant.</p>
          ) : (
            <ul className="mail-list">
              {mails.map((m) => (
                <li key={m.id} className="card">
                  <h3>{m.subject}</h3>
                  <dl className="details details-inline">
                    <div>
                      <dt>Reçu le</dt>
                      <dd>
                        <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time>
                      </dd>
                    </div>
                    <div>
                      <dt>De</dt>
                      <dd>{m.from}</dd>
                    </div>
                    <div>
                      <dt>À</dt>
                      <dd>{m.to.join(', ')}</dd>
                    </div>
                  </dl>
                  <Linkified text={m.text} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
