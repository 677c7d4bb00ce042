import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { verifyAttestation } from '../../api/quiz';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { useLoad } from '../learning/quiz/use-load';
import '../learning/quiz/quiz.css';

/** Public, no login: the target of the QR code printed on every attestation. */
export function VerifyPage() {
  const { code = '' } = useParams();
  usePageTitle('Vérifier une attestation');
  const { data: a, error } = useLoad((signal) => verifyAttestation(code, signal), [code]);
  return (
    <div className="page narrow">
      <h1>Vérification d’une attestation</h1>
      {error ? (
        <>
          <p className="alert alert-error" role="alert">
            {error.status === 404 ? `Attestation introuvable : aucun document ne porte le code « ${code} ». Vérifiez le code saisi.` : error.message}
          </p>
          <CodeForm />
        </>
      ) : !a ? (
        <Loading label="Vérification en cours…" />
      ) : (
        <div className="card">
          <p role="status" className={a.status === 'valide' ? 'alert alert-success' : 'alert alert-error'}>
            {a.status === 'valide' ? 'Attestation valide.' : `Attestation révoquée le ${formatDate(a.revokedAt!)}${a.revocationReason ? ` : ${a.revocationReason}` : ''}.`}
          </p>
          <dl className="quiz-dl">
            <dt>Titulaire</dt>
            <dd>{a.learnerName}</dd>
            <dt>Formation</dt>
            <dd>{a.courseTitle}</dd>
            <dt>Session</dt>
            <dd>
              du {formatDate(a.sessionStartsAt)} au {formatDate(a.sessionEndsAt)}
            </dd>
            <dt>Durée</dt>
            <dd>{String(a.hours).replace('.', ',')} heures</dd>
            <dt>Score à l’évaluation finale</dt>
            <dd>{String(a.scorePercent).replace('.', ',')} %</dd>
            {a.dpcReference && (
              <>
                <dt>Référence DPC</dt>
                <dd>{a.dpcReference}</dd>
              </>
            )}
            <dt>Délivrée le</dt>
            <dd>{formatDate(a.issuedAt)}</dd>
            <dt>Code</dt>
            <dd>
              <code>{a.code}</code>
            </dd>
          </dl>
          <p className="muted small">Informations enregistrées par la plateforme Palliance lors de la délivrance de l’attestation.</p>
        </div>
      )}
      <p>
        <Link to="/">Accueil de Palliance</Link>
      </p>
    </div>
  );
}

function CodeForm() {
  const [value, setValue] = useState('');
  const navigate = useNavigate();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) navigate(`/verifier/${encodeURIComponent(value.trim().toUpperCase())}`);
      }}
    >
      <div className="field">
        <label htmlFor="verify-code">Code de vérification (sur l’attestation, sous le QR code)</label>
        <input id="verify-code" name="code" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" spellCheck={false} required />
      </div>
      <button type="submit" className="button">
        Vérifier
      </button>
    </form>
  );
}
