import { usePageTitle } from '../../ui/page-title';
import { SOURCE_SURVEY_IDF, Sources } from '../../ui/Sources';

const SCALES = [
  { name: 'ESAS-r (Edmonton)', use: 'Auto-évaluation de neuf symptômes de 0 à 10 (douleur, fatigue, somnolence, nausées, appétit, essoufflement, tristesse, anxiété, bien-être) : dépistage rapide et suivi dans le temps.' },
  { name: 'Pallia 10', use: 'Dix questions pour repérer le moment où le recours à une équipe spécialisée de soins palliatifs devient nécessaire.' },
  { name: 'Algoplus', use: 'Douleur aiguë de la personne âgée qui communique difficilement : cinq observations (visage, regard, plaintes, corps, comportements).' },
  { name: 'EN, EVA, EVS', use: 'Auto-évaluation de l’intensité de la douleur : échelle numérique de 0 à 10, échelle visuelle analogique, échelle verbale simple.' },
  { name: 'DN4', use: 'Repérage d’une douleur neuropathique : sept questions à l’interrogatoire, trois à l’examen.' },
  { name: 'RASS', use: 'Surveillance de la vigilance et de l’agitation, de +4 (combatif) à −5 (non réveillable), notamment pendant une sédation.' },
];

const KIT = [
  'ordonnances types et modèles de prescriptions anticipées',
  'protocoles de titration des antalgiques',
  'check-list des 48 premières heures',
  'fiches pratiques «\u00a0quoi prescrire\u00a0» par situation',
];

const CODES = [
  { code: 'VSP', who: 'Médecin traitant', what: 'Visite longue et complexe au domicile d’un patient en soins palliatifs ; nombre non plafonné dans l’année.' },
  { code: 'VL', who: 'Médecin traitant', what: 'Visite longue au domicile, dans des situations définies (patient de 80 ans et plus en ALD, maladie neurodégénérative…).' },
  { code: 'MCI', who: 'Infirmier(e) libéral(e)', what: 'Majoration de coordination pour un soin à domicile chez un patient en soins palliatifs ; justifiée par une attestation du prescripteur ou une évaluation Pallia 10.' },
  { code: 'PLL', who: 'Masseur-kinésithérapeute', what: 'Cotation journalière forfaitaire des soins palliatifs depuis février 2024 ; l’ordonnance doit porter la mention «\u00a0soins palliatifs\u00a0».' },
];

export function ToolsPage() {
  usePageTitle('Outils');
  return (
    <div className="page">
      <h1>Outils pour évaluer et agir</h1>
      <p className="lead">
        Les échelles d’évaluation, le kit «&nbsp;urgence palliative&nbsp;» et le mémo des cotations, utilisables sur un téléphone au domicile du
        patient. Chaque outil indique sa source et sa version ; les contenus de référence sont tenus à jour par des éditeurs désignés.
      </p>

      <section aria-labelledby="echelles-titre">
        <h2 id="echelles-titre">Une fiche d’évaluation standardisée</h2>
        <p>
          93&nbsp;% des professionnels interrogés évaluent la douleur avec un outil, surtout l’EVA et les échelles comportementales. Les outils
          propres aux soins palliatifs restent peu utilisés : Pallia 10 et l’échelle d’Edmonton (ESAS) notamment. La fiche d’évaluation les
          réunit ; les scores sont calculés automatiquement et peuvent être partagés avec le cercle de soins.
        </p>
        <div className="table-wrap" role="region" aria-labelledby="echelles-table" tabIndex={0}>
          <table className="table">
            <caption id="echelles-table">Échelles disponibles</caption>
            <thead>
              <tr>
                <th scope="col">Échelle</th>
                <th scope="col">À quoi elle sert</th>
              </tr>
            </thead>
            <tbody>
              {SCALES.map((s) => (
                <tr key={s.name}>
                  <th scope="row">{s.name}</th>
                  <td>{s.use}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="kit-titre">
        <h2 id="kit-titre">Kit «&nbsp;urgence palliative&nbsp;»</h2>
        <p>
          La gestion de l’urgence palliative et la prise de décision dans les situations complexes sont les domaines où les professionnels
          se sentent le moins à l’aise. 49&nbsp;% des répondants ont déjà mis en œuvre une sédation ou une anxiolyse à domicile, avec une aisance
          moyenne de 2,4 sur 5 : ils demandent des protocoles, des prescriptions anticipées et la supervision d’une équipe mobile. Le kit
          rassemble :
        </p>
        <ul>
          {KIT.map((k) => (
            <li key={k}>{k}</li>
          ))}
        </ul>
        <p>Il est accompagné d’un webinaire de 60&nbsp;minutes, dans la rubrique «&nbsp;Se former&nbsp;».</p>
      </section>

      <section aria-labelledby="cotations-titre">
        <h2 id="cotations-titre">Mémo des cotations</h2>
        <p>
          Seuls 50,4&nbsp;% des répondants utilisent les cotations spécifiques aux soins palliatifs. «&nbsp;Je ne savais pas&nbsp;», «&nbsp;Je ne les connais
          pas&nbsp;» : la méconnaissance des règles, des prescriptions inadaptées ou absentes et la complexité administrative sont les raisons
          avancées. Le mémo présente, pour chaque cotation, les conditions, des exemples et un modèle d’ordonnance.
        </p>
        <div className="table-wrap" role="region" aria-labelledby="cotations-table" tabIndex={0}>
          <table className="table">
            <caption id="cotations-table">Cotations couvertes par le mémo</caption>
            <thead>
              <tr>
                <th scope="col">Cotation</th>
                <th scope="col">Pour qui</th>
                <th scope="col">Dans quel cas</th>
              </tr>
            </thead>
            <tbody>
              {CODES.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.code}</th>
                  <td>{c.who}</td>
                  <td>{c.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">
          Les conditions exactes et les tarifs relèvent de la nomenclature générale des actes professionnels (NGAP) et des conventions de
          l’Assurance Maladie en vigueur : vérifiez-les avant de coter.
        </p>
      </section>

      <Sources>
        <li>{SOURCE_SURVEY_IDF}</li>
        <li>Échelles : publications de leurs auteurs (ESAS-r, 2010 ; Pallia 10, SFAP ; Algoplus ; DN4 ; RASS), citées sur chaque fiche.</li>
      </Sources>
    </div>
  );
}
