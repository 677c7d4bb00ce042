import { lazy, Suspense } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../session/session-context';
import { CommuneSearch } from '../../ui/CommuneSearch';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { SOURCE_PACA, SOURCE_SURVEY_IDF, Sources } from '../../ui/Sources';
import { canImport } from './directory-format';
import { StructureSearch } from './StructureSearch';
import './directory.css';

// Only editors and administrators download the import and export block.
const ImportExport = lazy(() => import('./ImportExport'));

/** Whom to call, from the most urgent to the longer term; what each actor does comes from the regional reference pages. */
const RECOURSES = [
  {
    title: 'Tout de suite, le soir, le week-end',
    items: [
      {
        name: 'Appui territorial téléphonique',
        text: 'Un avis d’expert en soins palliatifs par téléphone, en dehors des heures ouvrées : le soir, le week-end et les jours fériés. Sans déplacement, il aide à décider et à prescrire.',
      },
      {
        name: 'HAD (hospitalisation à domicile)',
        text: 'Des soins hospitaliers complets au domicile, avec une astreinte 24\u00a0h/24. Un dossier «\u00a0dormant\u00a0» ouvert à l’avance permet une intervention rapide si l’état du patient se dégrade.',
      },
      {
        name: 'ERI-SP (équipe rapide d’intervention)',
        text: 'Là où elle existe, une équipe d’HAD (médecin et infirmier) qui intervient en quelques heures, 24\u00a0h/24, pour stabiliser un patient et éviter une hospitalisation non souhaitée.',
      },
    ],
  },
  {
    title: 'Pour un avis ou une évaluation dans les jours qui viennent',
    items: [
      {
        name: 'EMSP / ETSP (équipe mobile ou territoriale de soins palliatifs)',
        text: 'Équipe pluridisciplinaire qui se déplace au domicile, en EHPAD ou en établissement médico-social : évaluation des situations complexes, aide à la décision et à la prescription, soutien des soignants et des proches.',
      },
      {
        name: 'DAC (dispositif d’appui à la coordination)',
        text: 'Interlocuteur unique pour les situations complexes, sanitaires, sociales ou médico-sociales. Il peut être sollicité par les professionnels, les familles ou les proches aidants.',
      },
      {
        name: 'Consultation et télé-expertise en soins palliatifs',
        text: 'Un médecin expert réévalue les traitements et le projet de soins ; en télé-expertise, le médecin traitant demande un avis à distance après avoir vu le patient.',
      },
      {
        name: 'ERRSPP (équipe ressource régionale de soins palliatifs pédiatriques)',
        text: 'Pour un enfant en situation palliative : gestion des symptômes, soutien de la famille, appui aux équipes, jusqu’au domicile.',
      },
    ],
  },
  {
    title: 'Pour organiser le maintien à domicile',
    items: [
      {
        name: 'CPTS (communauté professionnelle territoriale de santé)',
        text: 'Les professionnels de ville d’un territoire organisés autour d’un projet commun : parcours, repérage des situations palliatives, répertoire des structures, formations.',
      },
      {
        name: 'SSIAD',
        text: 'Soins infirmiers et d’hygiène à domicile sur prescription médicale, financés par l’Assurance Maladie.',
      },
      {
        name: 'Aide à domicile',
        text: 'Repas, ménage, soutien au quotidien ; peut être financée en partie par l’APA ou la PCH.',
      },
      {
        name: 'Bénévoles d’accompagnement',
        text: 'Présence et écoute, formés et encadrés par une association, gratuitement et en lien avec l’équipe soignante.',
      },
    ],
  },
  {
    title: 'Quand le domicile ne suffit plus',
    items: [
      {
        name: 'USP (unité de soins palliatifs)',
        text: 'Lits dédiés aux situations les plus complexes, y compris pour des hospitalisations de répit.',
      },
      {
        name: 'LISP (lits identifiés de soins palliatifs)',
        text: 'Des lits dans un service hospitalier, avec des référents formés, qui peuvent aussi accueillir un patient du domicile pour un répit.',
      },
      {
        name: 'Hôpital de jour de soins palliatifs',
        text: 'Évaluation et soins sur une journée, retour à domicile le soir.',
      },
    ],
  },
];

export function DirectoryPage() {
  usePageTitle('Annuaire');
  const navigate = useNavigate();
  const { me } = useSession();

  return (
    <div className="page directory-page">
      <h1>Annuaire des structures d’appui</h1>
      <p className="lead">
        Qui couvre la commune de mon patient, et qui appeler maintenant ? L’annuaire recense les équipes mobiles, DAC, HAD, unités de
        soins palliatifs et CPTS de chaque territoire, avec les communes qu’elles couvrent et la façon de les joindre.
      </p>

      <section className="card search-card" aria-labelledby="recherche-titre">
        <h2 id="recherche-titre">Qui appeler pour la commune de mon patient&nbsp;?</h2>
        <CommuneSearch
          label="Commune du patient"
          hint="Saisissez au moins 2 caractères du nom ou du code postal, puis choisissez avec les flèches et la touche Entrée : la page « Qui appeler ? » de la commune s’ouvre."
          onSelect={(c) => {
            if (c) void navigate(`/annuaire/communes/${encodeURIComponent(c.code)}`);
          }}
        />
      </section>

      <p className="alert alert-warn">
        <strong>Urgence vitale : appelez le 15.</strong> Pour un patient suivi en HAD, son astreinte répond 24&nbsp;h/24.
      </p>

      <nav className="directory-links" aria-label="Autres façons de chercher">
        <ul>
          <li>
            <Link to="/annuaire/carte" className="button button-secondary">
              Carte des structures par département
            </Link>
          </li>
          <li>
            {me ? (
              <Link to="/annuaire/structures/nouvelle" className="button button-secondary">
                Proposer une structure
              </Link>
            ) : me === null ? (
              <Link to={`/connexion?retour=${encodeURIComponent('/annuaire/structures/nouvelle')}`} className="button button-secondary">
                Se connecter pour proposer une structure
              </Link>
            ) : null}
          </li>
        </ul>
      </nav>

      <StructureSearch />

      {canImport(me) && (
        <Suspense fallback={<Loading label="Chargement de l’import et de l’export…" />}>
          <ImportExport />
        </Suspense>
      )}

      <section aria-labelledby="qui-titre">
        <h2 id="qui-titre">Qui appeler, pour quoi</h2>
        <p>
          Seulement 27,6&nbsp;% des professionnels libéraux interrogés connaissent le numéro d’appui téléphonique de leur territoire, et beaucoup
          ignorent ce que fait chaque structure. «&nbsp;Il faudrait un visuel simple avec les contacts&nbsp;», résume un médecin. Voici les recours,
          du plus urgent au plus durable.
        </p>
        {RECOURSES.map((group) => (
          <div key={group.title} className="recourse-group">
            <h3>{group.title}</h3>
            <ul className="cards cards-2">
              {group.items.map((item) => (
                <li key={item.name} className="card">
                  <h4>{item.name}</h4>
                  <p>{item.text}</p>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section aria-labelledby="fiche-titre">
        <h2 id="fiche-titre">Ce que contient une fiche</h2>
        <p>
          Chaque structure est décrite par ses identifiants officiels (FINESS, SIRET, ROR), son type, les communes qu’elle couvre, ses
          horaires, le numéro à appeler et le délai de réponse qu’elle annonce. Les fiches sont tenues à jour par les structures
          elles-mêmes ; chaque modification est historisée. Les professionnels interrogés demandent justement des délais d’accès affichés
          et un engagement de réponse sous 48&nbsp;heures.
        </p>
      </section>

      <Sources>
        <li>{SOURCE_PACA}</li>
        <li>{SOURCE_SURVEY_IDF}</li>
      </Sources>
    </div>
  );
}
