import { useState } from 'react';
import type { Attestation } from '@palliance/core';
import { ApiError } from '../../../api/http';
import { attestationPdfUrl, courseAttestations, revokeAttestation } from '../../../api/quiz';
import { formatDate } from '../../../ui/format';
import { useLoad } from './use-load';

/** The teaching team's list of attestations delivered for the course, with revocation (reason required). */
export function CourseAttestations({ courseId }: { courseId: string }) {
  const { data, error, reload } = useLoad((signal) => courseAttestations(courseId, signal), [courseId]);
  if (error) return <p className="alert alert-error">{error.message}</p>;
  if (!data) return null;
  return (
    <section aria-labelledby="attestations-titre">
      <h2 id="attestations-titre">Attestations délivrées ({data.length})</h2>
      {data.length === 0 ? (
        <p>Aucune attestation pour l’instant : elles sont délivrées à la réussite de l’évaluation finale.</p>
      ) : (
        <ul className="quiz-bank">
          {data.map((a) => (
            <AttestationItem key={a.id} a={a} onChange={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AttestationItem({ a, onChange }: { a: Attestation; onChange: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const revoke = async () => {
    setError(null);
    try {
      await revokeAttestation(a.code, reason);
      setOpen(false);
      onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'La révocation a échoué.');
    }
  };
  return (
    <li className="card">
      <p>
        <strong>{a.learnerName}</strong> ({a.profession}) · {String(a.scorePercent).replace('.', ',')} % · délivrée le {formatDate(a.issuedAt)} ·{' '}
        <span className={a.status === 'valide' ? 'badge badge-ok' : 'badge badge-warn'}>{a.status === 'valide' ? 'Valide' : 'Révoquée'}</span>
      </p>
      {a.revocationReason && <p className="muted">Motif de la révocation : {a.revocationReason}</p>}
      <p className="quiz-actions">
        <a href={attestationPdfUrl(a.code)}>PDF</a> <code>{a.code}</code>
        {a.status === 'valide' && !open && (
          <button type="button" className="button button-danger-outline button-small" onClick={() => setOpen(true)}>
            Révoquer<span className="visually-hidden"> l’attestation de {a.learnerName}</span>
          </button>
        )}
      </p>
      {open && a.status === 'valide' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void revoke();
          }}
        >
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
          <div className="field">
            <label htmlFor={`revoke-${a.id}`}>Motif de la révocation (enregistré et affiché sur la page de vérification)</label>
            <input id={`revoke-${a.id}`} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} />
          </div>
          <p className="quiz-actions">
            <button type="submit" className="button button-danger">
              Confirmer la révocation
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              Annuler
            </button>
          </p>
        </form>
      )}
    </li>
  );
}
