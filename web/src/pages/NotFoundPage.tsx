import { Link } from 'react-router';
import { SECTIONS } from '../ui/Layout';
import { usePageTitle } from '../ui/page-title';

export function NotFoundPage() {
  usePageTitle('Page introuvable');
  return (
    <div className="page narrow">
      <h1>Page introuvable</h1>
      <p className="lead">Cette adresse ne correspond à aucune page de Palliance. Elle a pu être mal recopiée, ou la page a changé d'adresse.</p>
      <p>Vous pouvez repartir de :</p>
      <ul className="link-list">
        <li>
          <Link to="/">l'accueil</Link>
        </li>
        {SECTIONS.map((s) => (
          <li key={s.to}>
            <Link to={s.to}>{s.label}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
