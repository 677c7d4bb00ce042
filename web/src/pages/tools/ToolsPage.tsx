import { Link } from 'react-router';
import { SCALES } from '@palliance/core';
import { usePageTitle } from '../../ui/page-title';
import { SOURCE_SURVEY_IDF, Sources } from '../../ui/Sources';
import './tools.css';

/** "Évaluer et agir": the standard evaluation sheet, each scale as a calculator, the kit and the billing memo. */
export function ToolsPage() {
  usePageTitle('Outils');
  return (
    <div className="page">
      <h1>Outils pour évaluer et agir</h1>
      <p className="lead">
        Les échelles d’évaluation, le kit «&nbsp;urgence palliative&nbsp;» et le mémo des cotations, utilisables sur un téléphone au domicile du
        patient. Chaque outil indique sa source et sa version ; les points à vérifier sont signalés «&nbsp;à confirmer par un éditeur&nbsp;».
      </p>

      <section className="card" aria-labelledby="fiche-titre">
        <h2 id="fiche-titre">Fiche d’évaluation standardisée</h2>
        <p>
          Douleur (EN, EVA ou Algoplus), PALLIA 10 et ESAS-r sur un seul écran, scores calculés au fur et à mesure. Si la PALLIA 10 dépasse le
          seuil, les équipes spécialisées qui couvrent la commune du patient s’affichent avec le numéro à appeler. Impression PDF et export FHIR.
          Sans compte, rien n’est enregistré.
        </p>
        <p className="actions">
          <Link className="button" to="/outils/fiche-evaluation">
            Remplir la fiche d’évaluation
          </Link>
        </p>
      </section>

      <section aria-labelledby="echelles-titre">
        <h2 id="echelles-titre">Chaque échelle, en calculatrice</h2>
        <ul className="link-list">
          {Object.values(SCALES).map((s) => (
            <li key={s.id}>
              <Link to={`/outils/echelles/${s.id}`}>{s.shortTitle}</Link> : {s.description}
            </li>
          ))}
        </ul>
        <p className="small">
          <Link to="/outils/a-confirmer">Points des échelles à confirmer par un éditeur</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="kit-titre">
        <h2 id="kit-titre">Kit «&nbsp;urgence palliative&nbsp;»</h2>
        <p>
          Ordonnances types, protocoles de titration, check-list des 48 premières heures, fiches «&nbsp;quoi prescrire&nbsp;», modèles de prescriptions
          anticipées et fiche «&nbsp;URGENCE PALLIA&nbsp;» : des modèles tenus par des éditeurs, à remplir pour obtenir un PDF.
        </p>
        <p className="actions">
          <Link className="button button-secondary" to="/outils/kit">
            Ouvrir le kit
          </Link>
        </p>
      </section>

      <section className="card" aria-labelledby="cotations-titre">
        <h2 id="cotations-titre">Mémo des cotations</h2>
        <p>
          Seuls 50,4&nbsp;% des répondants utilisent les cotations spécifiques aux soins palliatifs ; «&nbsp;Je ne savais pas&nbsp;» revient souvent.
          VSP, VL, MCI, PLL (et BSI, MD) : conditions, justificatifs, sources, et une aide pour savoir ce qui s’applique à votre situation.
        </p>
        <p className="actions">
          <Link className="button button-secondary" to="/outils/cotations?profession=medecin">
            Médecin
          </Link>
          <Link className="button button-secondary" to="/outils/cotations?profession=infirmier">
            Infirmier(e)
          </Link>
          <Link className="button button-secondary" to="/outils/cotations?profession=kinesitherapeute">
            Masseur-kinésithérapeute
          </Link>
        </p>
      </section>

      <Sources>
        <li>{SOURCE_SURVEY_IDF}</li>
        <li>Échelles : publications de leurs auteurs (ESAS-r, 2010 ; PALLIA 10, SFAP ; Algoplus ; DN4 ; RASS ; OMS/ECOG), citées sur chaque fiche.</li>
      </Sources>
    </div>
  );
}
