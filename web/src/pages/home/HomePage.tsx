import { Link, useLocation } from 'react-router';
import { useSession } from '../../session/session-context';
import { usePageTitle } from '../../ui/page-title';
import { SOURCE_SURVEY_IDF, Sources } from '../../ui/Sources';

const SECTIONS = [
  {
    to: '/se-former',
    title: 'Se former',
    text: 'MOOC ouverts à tous et SPOC pour des groupes ciblés, par sessions : vidéos courtes, quiz, forum, travaux de groupe, attestation DPC, webinaires et événements.',
  },
  {
    to: '/annuaire',
    title: 'Annuaire',
    text: 'Qui couvre la commune de mon patient, et qui appeler maintenant ? Les équipes mobiles, DAC, HAD, USP et CPTS d’un territoire, avec leurs contacts.',
  },
  {
    to: '/coordination',
    title: 'Coordination',
    text: 'Demandes d’appui avec réponse sous 48\u00a0h, mini-RCP hebdomadaires, dossier HAD «\u00a0dormant\u00a0», cercle de soins et parcours du patient.',
  },
  {
    to: '/outils',
    title: 'Outils',
    text: 'Fiches d’évaluation standardisées (ESAS-r, Pallia 10, Algoplus, EN/EVA/EVS, DN4, RASS), kit «\u00a0urgence palliative\u00a0» et mémo des cotations.',
  },
  {
    to: '/mesurer',
    title: 'Enquêtes et indicateurs',
    text: 'Questionnaires et rapports d’analyse, indicateurs territoriaux : délai de réponse aux demandes, recours aux équipes d’appui, valorisation des actes.',
  },
];

const FIGURES = [
  { value: '18,1\u00a0%', text: 'des professionnels libéraux interrogés déclarent avoir reçu une formation en soins palliatifs.' },
  { value: '27,6\u00a0%', text: 'connaissent le numéro d’appui téléphonique territorial, joignable le soir, le week-end et les jours fériés.' },
  { value: '50,4\u00a0%', text: 'utilisent les cotations spécifiques aux soins palliatifs (VSP, VL, MCI, PLL).' },
  { value: '69\u00a0%', text: 'demandent avant tout une concertation interprofessionnelle plus structurée.' },
];

export function HomePage() {
  usePageTitle('');
  const { me } = useSession();
  const location = useLocation();
  const state = location.state as { signedOut?: boolean; accountDeleted?: boolean } | null;
  const signedOut = state?.signedOut;
  return (
    <div className="page">
      {signedOut && (
        <p className="alert alert-info" role="status">
          Vous êtes déconnecté(e).
        </p>
      )}
      {state?.accountDeleted && (
        <p className="alert alert-info" role="status">
          Votre compte a été supprimé. Merci d’avoir utilisé Palliance.
        </p>
      )}
      <section className="hero" aria-labelledby="accueil-titre">
        <h1 id="accueil-titre">Soigner à domicile, ensemble</h1>
        <p className="lead">
          Palliance est la plateforme des professionnels qui accompagnent des personnes en soins palliatifs à domicile : médecins
          généralistes, infirmiers, kinésithérapeutes, pharmaciens, psychologues, assistants sociaux, bénévoles, et les structures d’appui
          qui les entourent (équipes mobiles, DAC, HAD, unités de soins palliatifs, CPTS).
        </p>
        <p>
          Elle réunit en un seul endroit ce qui manque le plus au chevet du patient : savoir qui appeler, être formé aux situations
          difficiles, se coordonner avec les autres intervenants et disposer des bons outils d’évaluation.
        </p>
        {me ? (
          <p className="actions">
            <Link to="/compte" className="button">
              Mon compte
            </Link>
            <Link to="/annuaire" className="button button-secondary">
              Chercher une commune
            </Link>
          </p>
        ) : (
          <p className="actions">
            <Link to="/inscription" className="button">
              Créer un compte gratuit
            </Link>
            <Link to="/connexion" className="button button-secondary">
              Se connecter
            </Link>
          </p>
        )}
      </section>

      <section aria-labelledby="rubriques-titre">
        <h2 id="rubriques-titre">Cinq rubriques</h2>
        <ul className="cards">
          {SECTIONS.map((s) => (
            <li key={s.to} className="card card-link">
              <h3>
                <Link to={s.to}>{s.title}</Link>
              </h3>
              <p>{s.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="pourquoi-titre">
        <h2 id="pourquoi-titre">Pourquoi Palliance</h2>
        <p>
          En Île-de-France, 126 médecins, infirmiers et kinésithérapeutes libéraux ont décrit leur pratique des soins palliatifs à domicile.
          72&nbsp;% avaient accompagné de 1 à 5 patients en situation palliative au cours des six derniers mois. Leurs réponses dessinent les
          besoins auxquels la plateforme répond :
        </p>
        <ul className="figures">
          {FIGURES.map((f) => (
            <li key={f.value}>
              <strong className="figure-value">{f.value}</strong> <span>{f.text}</span>
            </li>
          ))}
        </ul>
        <p>
          Les répondants demandent aussi «&nbsp;un visuel simple avec les contacts&nbsp;», une réponse rapide des équipes d’appui et des temps
          d’échange pour rompre l’isolement : près de 39&nbsp;% se sentent souvent ou très souvent seuls face à ces situations.
        </p>
      </section>

      <Sources>
        <li>{SOURCE_SURVEY_IDF}</li>
      </Sources>
    </div>
  );
}
