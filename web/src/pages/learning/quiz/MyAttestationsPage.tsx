import { Link } from 'react-router';
import { attestationPdfUrl, myAttestations } from '../../../api/quiz';
import { RequireAuth } from '../../../session/RequireAuth';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { useLoad } from './use-load';
import './quiz.css';

export function MyAttestationsPage() {
  usePageTitle('Mes attestations');
  return (
    <RequireAuth>
      <MyAttestations />
    </RequireAuth>
  );
}

function MyAttestations() {
  const { data, error } = useLoad((signal) => myAttestations(signal), []);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> Mes attestations
      </p>
      <h1>Mes attestations</h1>
      <p className="lead">Une attestation de réussite est délivrée quand vous réussissez l’évaluation finale d’un cours. Chacune porte un code et un QR code que toute personne peut vérifier, sans compte.</p>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      ) : !data ? (
        <Loading label="Chargement de vos attestations…" />
      ) : data.length === 0 ? (
        <p>Vous n’avez pas encore d’attestation. <Link to="/se-former/mes-formations">Mes formations</Link></p>
      ) : (
        <ul className="cards">
          {data.map((a) => (
            <li key={a.id} className="card">
              <h2 className="h3">{a.courseTitle}</h2>
              <p>
                <span className={a.status === 'valide' ? 'badge badge-ok' : 'badge badge-warn'}>{a.status === 'valide' ? 'Valide' : 'Révoquée'}</span>
              </p>
              <dl className="quiz-dl">
                <dt>Session</dt>
                <dd>
                  du {formatDate(a.sessionStartsAt)} au {formatDate(a.sessionEndsAt)}
                </dd>
                <dt>Durée</dt>
                <dd>{String(a.hours).replace('.', ',')} heures</dd>
                <dt>Score</dt>
                <dd>{String(a.scorePercent).replace('.', ',')} %</dd>
                {a.dpcReference && (
                  <>
                    <dt>Référence DPC</dt>
                    <dd>{a.dpcReference}</dd>
                  </>
                )}
                <dt>Délivrée le</dt>
                <dd>{formatDate(a.issuedAt)}</dd>
                <dt>Code de vérification</dt>
                <dd>
                  <code>{a.code}</code>
                </dd>
              </dl>
              <p className="quiz-actions">
                <a className="button" href={attestationPdfUrl(a.code)} download={`attestation-${a.code}.pdf`}>
                  Télécharger le PDF
                </a>{' '}
                <Link to={`/verifier/${a.code}`}>Page de vérification publique</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
