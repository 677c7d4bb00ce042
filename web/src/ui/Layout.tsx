import { Suspense, useEffect, useRef, useState, type MouseEvent } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { isAdmin, useSession } from '../session/session-context';
import { Loading } from './Loading';
import { NotificationBell } from '../pages/coordination/NotificationBell';

export const SECTIONS = [
  { to: '/se-former', label: 'Se former' },
  { to: '/annuaire', label: 'Annuaire' },
  { to: '/coordination', label: 'Coordination' },
  { to: '/outils', label: 'Outils' },
  { to: '/mesurer', label: 'Enquêtes et indicateurs' },
] as const;

export function Layout() {
  const { me, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, focus goes to the new page's heading, as a full page load would reset it.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const frame = window.requestAnimationFrame(() => {
      const heading = mainRef.current?.querySelector<HTMLElement>('h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      } else {
        mainRef.current?.focus({ preventScroll: true });
      }
      window.scrollTo(0, 0);
    });
    return () => window.cancelAnimationFrame(frame);
  }, [location.pathname]);

  function skipToContent(e: MouseEvent<HTMLAnchorElement>) {
    e.preventDefault();
    mainRef.current?.focus();
    mainRef.current?.scrollIntoView();
  }

  async function onSignOut() {
    // Leave the current page first: a protected page would otherwise redirect to the login form.
    await navigate('/', { state: { signedOut: true } });
    await signOut();
  }

  return (
    <div className="shell">
      <a href="#contenu" className="skip-link" onClick={skipToContent}>
        Aller au contenu
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand" aria-label="Palliance, accueil">
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="7" />
              <path d="M16 25s-8-5-8-11a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 24 14c0 6-8 11-8 11z" />
            </svg>
            <span className="brand-text">
              <span className="brand-name">Palliance</span>
              <span className="brand-tagline">Soins palliatifs à domicile</span>
            </span>
          </Link>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="menu-principal"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span className="menu-icon" aria-hidden="true" />
            Menu
          </button>
          <div id="menu-principal" className={menuOpen ? 'menu open' : 'menu'}>
            <nav aria-label="Sections" className="nav-sections">
              <ul>
                {SECTIONS.map((s) => (
                  <li key={s.to}>
                    <NavLink to={s.to}>{s.label}</NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <nav aria-label="Mon espace" className="nav-account">
              <ul>
                {me ? (
                  <>
                    <li>
                      <NotificationBell />
                    </li>
                    <li>
                      <NavLink to="/compte">Mon compte</NavLink>
                    </li>
                    {isAdmin(me) && (
                      <li>
                        <NavLink to="/admin/utilisateurs">Administration</NavLink>
                      </li>
                    )}
                    <li>
                      <button type="button" className="link-button" onClick={() => void onSignOut()}>
                        Déconnexion
                      </button>
                    </li>
                  </>
                ) : me === null ? (
                  <>
                    <li>
                      <NavLink to="/connexion">Connexion</NavLink>
                    </li>
                    <li>
                      <NavLink to="/inscription" className="nav-cta">
                        Créer un compte
                      </NavLink>
                    </li>
                  </>
                ) : null}
              </ul>
            </nav>
          </div>
        </div>
      </header>
      <main id="contenu" ref={mainRef} tabIndex={-1} className="main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="footer-inner">
          <p>
            <strong>Palliance</strong> accompagne les professionnels qui soignent des patients en soins palliatifs à domicile : se former,
            trouver les structures d'appui, se coordonner, évaluer et mesurer.
          </p>
          <nav aria-label="Pied de page">
            <ul>
              <li>
                <Link to="/">Accueil</Link>
              </li>
              {SECTIONS.map((s) => (
                <li key={s.to}>
                  <Link to={s.to}>{s.label}</Link>
                </li>
              ))}
              <li>
                <a href="/api/docs">Documentation de l'API</a>
              </li>
            </ul>
          </nav>
          <p className="footer-note">
            Les comptes de démonstration, numéros et adresses affichés en démonstration sont fictifs. Aucune donnée de patient réelle.
          </p>
        </div>
      </footer>
    </div>
  );
}
