import { BarChart } from '../../ui/BarChart';
import { usePageTitle } from '../../ui/page-title';
import { SOURCE_SURVEY_IDF, Sources } from '../../ui/Sources';

const RESPONDENTS = [
  { label: 'Médecins', value: 81 },
  { label: 'Infirmiers', value: 36 },
  { label: 'Kinésithérapeutes', value: 9 },
];

/** "Je ne connais pas" the DAC, by profession (médecins n = 80, infirmiers n = 37, kinésithérapeutes n = 9). */
const DAC_UNKNOWN = [
  { label: 'Médecins', value: 16, total: 80 },
  { label: 'Infirmiers', value: 9, total: 37 },
  { label: 'Kinésithérapeutes', value: 6, total: 9 },
];

const INDICATORS = [
  { name: 'Demandes venues de la ville', def: 'Part des demandes adressées aux équipes mobiles (EM(T)SP) qui viennent des professionnels de ville.' },
  { name: 'Délai de réponse', def: 'Délai moyen entre une demande d’appui et la première réponse de la structure ; cible : 48\u00a0heures au plus.' },
  { name: 'Valorisation des actes', def: 'Taux d’utilisation des cotations spécifiques (MCI, VSP, PLL).' },
  { name: 'Connaissance de l’appui', def: 'Part des professionnels qui connaissent le numéro d’appui territorial.' },
  { name: 'Concertation', def: 'Nombre de cas discutés en mini-RCP.' },
];

export function MeasurePage() {
  usePageTitle('Enquêtes et indicateurs');
  return (
    <div className="page">
      <h1>Enquêtes et indicateurs</h1>
      <p className="lead">
        Interroger les professionnels d’un territoire, analyser leurs réponses et suivre quelques indicateurs simples : de quoi adapter les
        actions aux besoins réels et vérifier qu’elles changent quelque chose.
      </p>

      <section aria-labelledby="enquetes-titre">
        <h2 id="enquetes-titre">Des questionnaires et leur rapport d’analyse</h2>
        <p>
          Une cellule régionale, un DAC ou une CPTS construit un questionnaire (choix simples ou multiples, échelles de 1 à 5, nombres,
          texte libre), le diffuse à une population ciblée et obtient un rapport : effectifs, moyennes, médianes, moyennes des échelles de 1
          à 5 par profession, et les verbatims. Chaque graphique est accompagné du tableau de ses chiffres ; les limites d’interprétation
          (représentativité, données déclaratives) figurent en tête du rapport.
        </p>
        <p>
          Exemple : l’enquête de la Corpalif auprès des professionnels libéraux d’Île-de-France, diffusée du 19 novembre au 26 décembre 2025
          par les URPS, les ordres et les réseaux, a recueilli 126 réponses, pour plus de 35 300 professionnels ciblés : l’échantillon
          n’est pas représentatif, mais il éclaire les besoins.
        </p>
        <div className="cards cards-2">
          <BarChart title="Répondants par profession (effectifs)" bars={RESPONDENTS} unit="répondants" />
          <BarChart
            title="Répondants qui ne connaissent pas le DAC de leur territoire"
            bars={DAC_UNKNOWN}
            caption="Les infirmiers mobilisent volontiers les dispositifs qu’ils connaissent : l’enjeu principal est leur visibilité."
          />
        </div>
      </section>

      <section aria-labelledby="indicateurs-titre">
        <h2 id="indicateurs-titre">Des indicateurs territoriaux</h2>
        <p>
          Les indicateurs sont calculés à partir de l’activité enregistrée sur la plateforme (demandes d’appui, mini-RCP, évaluations) et
          des enquêtes, par département ou par territoire de CPTS. Ils peuvent être exportés au format standard FHIR (MeasureReport) pour
          l’ARS et les partenaires.
        </p>
        <div className="table-wrap" role="region" aria-labelledby="indicateurs-table" tabIndex={0}>
          <table className="table">
            <caption id="indicateurs-table">Indicateurs de suivi recommandés</caption>
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col">Définition</th>
              </tr>
            </thead>
            <tbody>
              {INDICATORS.map((i) => (
                <tr key={i.name}>
                  <th scope="row">{i.name}</th>
                  <td>{i.def}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="acces-titre">
        <h2 id="acces-titre">Qui voit quoi</h2>
        <p>
          Les réponses individuelles restent anonymes dans les rapports. Les coordinateurs de territoire voient les indicateurs de leur
          département ; les responsables de structure, ceux de leur structure.
        </p>
      </section>

      <Sources>
        <li>{SOURCE_SURVEY_IDF}</li>
      </Sources>
    </div>
  );
}
