import { SOURCE_CPTS, SOURCE_PACA, SOURCE_SURVEY_IDF, Sources } from '../../ui/Sources';

/** A real pathway over 16 months, presented at the national CPTS days (91-year-old patient, wishes to die at home). */
const PATHWAY = [
  { when: 'Décembre 2022', what: 'Hospitalisation en court séjour gériatrique : première rencontre avec l’équipe mobile de soins palliatifs.' },
  { when: 'Janvier 2023', what: 'Retour à domicile : sollicitation du DAC et ouverture d’un dossier HAD «\u00a0dormant\u00a0».' },
  { when: 'Juillet et septembre 2023', what: 'Deux hospitalisations en unité de soins palliatifs (altération de l’état général, troubles anxieux).' },
  { when: 'Novembre 2023 à mars 2024', what: 'Hôpital de jour de soins palliatifs une fois par mois.' },
  { when: 'Avril 2024', what: 'Hospitalisation en unité de soins palliatifs, puis sortie en HAD.' },
];

/** Why the coordination tools exist, from the seeds (shown under the tools, and to visitors). */
export function AboutCoordination() {
  return (
    <div>
      <p className="lead">
        Au domicile, le médecin traitant coordonne, l’infirmier passe chaque jour, le kinésithérapeute, le pharmacien, l’HAD, l’équipe
        mobile et le DAC interviennent tour à tour. Cette rubrique leur donne des circuits partagés : une demande d’appui suivie, une
        concertation régulière, un dossier préparé à l’avance, un cercle de soins connu de tous.
      </p>

      <section aria-labelledby="constat-titre">
        <h2 id="constat-titre">Ce que disent les professionnels</h2>
        <ul className="figures">
          <li>
            <strong className="figure-value">69,3&nbsp;%</strong> <span>veulent renforcer la concertation interprofessionnelle : cadre, régularité, traçabilité, accès.</span>
          </li>
          <li>
            <strong className="figure-value">39&nbsp;%</strong> <span>se sentent souvent ou très souvent isolés (3,1 sur 5 en moyenne), y compris en ville et en cabinet de groupe.</span>
          </li>
        </ul>
        <blockquote>
          <p>«&nbsp;Ils modifient les traitements sans m’informer.&nbsp;»</p>
          <p>«&nbsp;L’HAD s’impose sans demander si un cabinet libéral suit déjà le patient.&nbsp;»</p>
          <p>«&nbsp;Aucune aide n’a pu être apportée dans l’urgence.&nbsp;»</p>
        </blockquote>
      </section>

      <section aria-labelledby="demande-titre">
        <h2 id="demande-titre">Demande d’appui : une réponse sous 48&nbsp;heures</h2>
        <p>
          Un professionnel libéral adresse sa demande à l’équipe mobile ou au DAC de son territoire : le motif, ce qu’il attend (avis,
          visite conjointe, évaluation, aide à la prescription) et l’urgence ressentie. La structure s’engage à répondre sous 48&nbsp;heures ;
          l’échéance est affichée aux deux parties et, à son approche, la demande est signalée au responsable de la structure. Le délai
          réel de réponse alimente les indicateurs du territoire.
        </p>
      </section>

      <section aria-labelledby="rcp-titre">
        <h2 id="rcp-titre">Mini-RCP hebdomadaire</h2>
        <p>
          Une réunion de concertation pluriprofessionnelle courte, 30&nbsp;minutes en visio sur un créneau du soir, chaque semaine. Les cas sont
          inscrits à l’avance selon des critères d’accès clairs ; un compte rendu type est rédigé pour chacun et versé au dossier de
          coordination du patient.
        </p>
      </section>

      <section aria-labelledby="dormant-titre">
        <h2 id="dormant-titre">Dossier HAD «&nbsp;dormant&nbsp;» et prescriptions anticipées</h2>
        <p>
          Pour tout patient dont l’état de santé est susceptible de se dégrader, un dossier est ouvert à l’avance auprès de l’HAD, avec des
          prescriptions anticipées. Si la situation bascule, l’HAD intervient rapidement, 24&nbsp;h/24 et 7 j/7, au lieu d’une prise en charge
          trop tardive ou d’un transfert aux urgences.
        </p>
        <p>
          Les ruptures viennent surtout de la méconnaissance du dossier dormant par les intervenants et du refus de certains médecins
          traitants de rédiger des prescriptions anticipées : la plateforme rend le dispositif visible à tout le cercle de soins.
        </p>
      </section>

      <section aria-labelledby="parcours-titre">
        <h2 id="parcours-titre">Le parcours du patient dans le temps</h2>
        <p>
          Une patiente de 91 ans, atteinte d’un cancer avec métastases, vit avec son fils malade et son petit-fils, sans aide humaine, et
          souhaite finir sa vie chez elle. Son parcours montre pourquoi chaque intervenant doit voir ce que font les autres :
        </p>
        <ol className="timeline">
          {PATHWAY.map((step) => (
            <li key={step.when}>
              <strong>{step.when}</strong>
              <span>{step.what}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="cercle-titre">
        <h2 id="cercle-titre">Le cercle de soins</h2>
        <p>
          Pour chaque patient, la liste des personnes qui interviennent (professionnels libéraux, structures d’appui, aidants) et le rôle de
          chacun. Les informations sur un patient ne sont visibles que par son cercle de soins, et chaque consultation est tracée. Les
          libéraux déjà engagés y figurent d’emblée : une structure qui arrive voit qui suit le patient avant d’intervenir.
        </p>
      </section>

      <section aria-labelledby="echanges-titre">
        <h2 id="echanges-titre">Groupes d’échanges</h2>
        <p>
          Des groupes interprofessionnels mensuels en visio, pour parler des situations difficiles et rompre l’isolement. En
          Haute-Tarentaise, territoire de montagne isolé de 25 000 habitants, un réseau né d’un café entre une infirmière libérale et une
          psychologue réunit désormais libéraux, EHPAD, hôpital, HAD, équipe mobile et SSIAD autour de RCP, de mini-formations, de
          «&nbsp;cafés mortels&nbsp;» et de jeux sur les directives anticipées.
        </p>
      </section>

      <Sources>
        <li>{SOURCE_SURVEY_IDF}</li>
        <li>{SOURCE_CPTS}</li>
        <li>{SOURCE_PACA}</li>
      </Sources>
    </div>
  );
}
