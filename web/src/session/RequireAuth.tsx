import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Loading } from '../ui/Loading';
import { usePageTitle } from '../ui/page-title';
import { isAdmin, useSession } from './session-context';

/** Sends a visitor to the login page, which brings them back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  if (me === null) {
    const retour = `${location.pathname}${location.search}`;
    return <Navigate to={`/connexion?retour=${encodeURIComponent(retour)}`} replace />;
  }
  return <>{children}</>;
}

/** Only a path on this site: never an open redirect to another origin. */
export function safeReturnPath(value: string | null, fallback = '/compte'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

/** Administration pages: the server refuses too (403); this says it plainly instead of showing empty lists. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  return (
    <RequireAuth>
      <AdminOnly>{children}</AdminOnly>
    </RequireAuth>
  );
}

function AdminOnly({ children }: { children: ReactNode }) {
  const { me } = useSession();
  if (!isAdmin(me)) return <AccessDenied />;
  return <>{children}</>;
}

export function AccessDenied() {
  const { me } = useSession();
  usePageTitle('Accès refusé');
  return (
    <div className="page narrow">
      <h1>Accès refusé</h1>
      <div className="alert alert-error">
        <p>
          Cette page est réservée aux administrateurs de Palliance. Votre compte{me ? ` (${me.email})` : ''} n'a pas le rôle
          d'administrateur.
        </p>
      </div>
      <p>Si vous avez besoin de cet accès, demandez-le à l'administrateur de votre plateforme.</p>
      <p>
        <Link to="/compte">Retour à mon compte</Link>
      </p>
    </div>
  );
}
