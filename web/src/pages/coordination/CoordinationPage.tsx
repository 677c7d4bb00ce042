import { Link } from 'react-router';
import { myPatients, myRequests, myStructures } from '../../api/coordination';
import { useSession } from '../../session/session-context';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { AboutCoordination } from './AboutCoordination';
import { CLOCK_BADGE, clockLabel, reasonLabel, roleLabel, statusLabel } from './labels';
import { ErrorAlert, useLoad } from './use-load';
import './coordination.css';

/** Coordonner: my patients (care circles), my structures' inboxes, the requests I sent. */
export function CoordinationPage() {
  usePageTitle('Coordination');
  const { me } = useSession();
  return (
    <div className="page">
      <h1>Coordination autour du patient</h1>
      {me === undefined ? <Loading /> : me ? <Workspace /> : (
        <p className="alert">
          <Link to="/connexion?retour=/coordination">Connectez-vous</Link> pour retrouver vos patients, envoyer une demande d’appui ou répondre à celles de votre structure.
        </p>
      )}
      <details className="about">
        <summary>Pourquoi ces outils&nbsp;?</summary>
        <AboutCoordination />
      </details>
    </div>
  );
}

function Workspace() {
  const patients = useLoad((s) => myPatients(s), []);
  const structures = useLoad((s) => myStructures(s), []);
  const requests = useLoad((s) => myRequests(s), []);
  return (
    <>
      <p>
        <Link to="/notifications">Mes notifications</Link> · <Link to="/coordination/rcp">Mini-RCP flash</Link> · <Link to="/coordination/rcp/actions">Mes actions de RCP</Link>
      </p>
      {structures.data && structures.data.length > 0 && (
        <section aria-labelledby="structures-titre">
          <h2 id="structures-titre">Demandes reçues par ma structure</h2>
          <ul className="coord-list">
            {structures.data.map((s) => (
              <li key={s.id} className="card">
                <Link to={`/coordination/structures/${s.id}`}>{s.name}</Link> — {s.openRequests} demande{s.openRequests > 1 ? 's' : ''} en cours, réponse sous {s.responseHours}&nbsp;h
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="patients-titre">
        <h2 id="patients-titre">Mes patients</h2>
        <p>
          <Link className="button" to="/coordination/patients/nouveau">
            Ouvrir un dossier patient
          </Link>
        </p>
        <ErrorAlert message={patients.error} />
        {!patients.data ? (
          !patients.error && <Loading />
        ) : patients.data.length === 0 ? (
          <p>Vous ne faites partie d’aucun cercle de soins pour l’instant.</p>
        ) : (
          <ul className="coord-list">
            {patients.data.map((p) => (
              <li key={p.id} className="card">
                <Link to={`/coordination/patients/${p.id}`}>
                  {p.firstName} {p.lastName}
                </Link>{' '}
                <span className="muted">
                  {p.communeName} · {roleLabel(p.myRole)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="envoyees-titre">
        <h2 id="envoyees-titre">Mes demandes d’appui envoyées</h2>
        <ErrorAlert message={requests.error} />
        {requests.data && requests.data.length === 0 && <p>Aucune demande envoyée.</p>}
        {requests.data && requests.data.length > 0 && (
          <ul className="coord-list">
            {requests.data.map((r) => (
              <li key={r.id} className="card">
                <Link to={`/coordination/demandes/${r.id}`}>
                  {reasonLabel(r.reason)} — {r.patientName}
                </Link>{' '}
                <span className="muted">
                  à {r.structureName}, envoyée le {formatDateTime(r.sentAt)} · {statusLabel(r.status)}
                </span>{' '}
                <span className={CLOCK_BADGE[r.clock]}>{clockLabel(r.clock)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
