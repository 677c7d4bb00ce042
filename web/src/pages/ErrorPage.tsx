import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { usePageTitle } from '../ui/page-title';

/** Last resort when a page fails to render or its code cannot be downloaded (often after an update). */
export function ErrorPage() {
  const error = useRouteError();
  usePageTitle('Erreur');
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <main id="contenu" className="main">
      <div className="page narrow">
        <h1>Cette page n'a pas pu s'afficher</h1>
        {isRouteErrorResponse(error) ? (
          <p>
            Le serveur a répondu «&nbsp;{error.status} {error.statusText}&nbsp;».
          </p>
        ) : chunkFailed ? (
          <p>Palliance vient probablement d'être mise à jour. Rechargez la page pour obtenir la nouvelle version.</p>
        ) : (
          <p>Une erreur inattendue s'est produite. Rechargez la page ; si le problème persiste, signalez-le à l'équipe Palliance.</p>
        )}
        <p className="actions">
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Recharger la page
          </button>
          <Link to="/" className="button button-secondary" reloadDocument>
            Retour à l'accueil
          </Link>
        </p>
      </div>
    </main>
  );
}
