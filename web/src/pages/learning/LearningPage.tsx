import { Link } from 'react-router';
import { useSession } from '../../session/session-context';
import { BarChart } from '../../ui/BarChart';
import { usePageTitle } from '../../ui/page-title';
import { Catalogue } from './Catalogue';
import { SOURCE_CPTS, SOURCE_MOOC_CAL, SOURCE_SPOC, SOURCE_SURVEY_IDF, Sources } from '../../ui/Sources';

const MOOC_MODULES = [
  { title: 'Les soins palliatifs', lessons: 'droits des patients et sédation, législation, ressources territoriales' },
  { title: 'La douleur', lessons: 'la douleur en soins palliatifs, les opioïdes forts en pratique' },
  { title: 'Autres symptômes', lessons: 'nutrition et hydratation en fin de vie, prise en charge des symptômes, le moment du mourir' },
  { title: 'Le prendre soin', lessons: 'soins de bouche, prise en charge des plaies' },
  { title: 'L’accompagnement', lessons: 'accompagnement social au domicile, accompagnement relationnel' },
  { title: 'Cas cliniques', lessons: 'mise en situation à partir de cas' },
];

const TOPICS = [
  { label: 'Sédation en ambulatoire', value: 86 },
  { label: 'Symptômes d’inconfort', value: 82 },
  { label: 'Coordination des parcours', value: 76 },
  { label: 'Douleur et antalgiques', value: 64 },
  { label: 'Psychologie et communication', value: 52 },
  { label: 'Outils d’évaluation', value: 43 },
  { label: 'Accompagnement du deuil', value: 40 },
];

export function LearningPage() {
  usePageTitle('Se former');
  const { me } = useSession();
  return (
    <div className="page">
      <h1>Se former</h1>
      <p className="lead">
        Des formations en ligne conçues pour les professionnels du domicile : courtes, à suivre à son rythme, centrées sur les situations
        qui posent problème au chevet du patient, et reconnues au titre du développement professionnel continu (DPC).
      </p>

      <section aria-labelledby="catalogue-titre">
        <h2 id="catalogue-titre">Les formations ouvertes</h2>
        <p>
          Inscription gratuite mais obligatoire, session par session.
          {me && (
            <>
              {' '}
              <Link to="/se-former/mes-formations">Voir mes formations</Link>
            </>
          )}
        </p>
        <Catalogue />
      </section>

      <section aria-labelledby="evenements-titre">
        <h2 id="evenements-titre">Webinaires et événements</h2>
        <p>
          Webinaires le soir, ateliers en présentiel, groupes d’échange mensuels : inscription, liste d’attente, rappels et ajout à l’agenda.{' '}
          <Link to="/se-former/evenements">Voir les événements à venir</Link>
          {me && (
            <>
              {' · '}
              <Link to="/se-former/mes-evenements">Mes événements</Link>
            </>
          )}
        </p>
      </section>

      <section aria-labelledby="besoin-titre">
        <h2 id="besoin-titre">Un besoin largement exprimé</h2>
        <p>
          Seuls 18,1&nbsp;% des professionnels libéraux interrogés en Île-de-France déclarent avoir été formés aux soins palliatifs, alors que la
          plupart en accompagnent régulièrement. Ils placent en tête la sédation en ambulatoire et la prise en charge des symptômes
          d’inconfort, puis la coordination des parcours, particulièrement attendue par les infirmiers.
        </p>
        <BarChart
          title="Thèmes de formation prioritaires (nombre de répondants qui les citent, plusieurs choix possibles)"
          bars={TOPICS}
          unit="répondants"
        />
        <p>
          Les formats préférés sont les webinaires thématiques (55,9&nbsp;%) et les MOOC ou formations à distance (43,3&nbsp;%), que l’on regarde au
          moment choisi. Pour les formations en présentiel, demandées par 40,2&nbsp;% des répondants, le soir est le créneau le plus souhaité
          (41,7&nbsp;%), devant la demi-journée (25,2&nbsp;%) et la pause de midi (17,3&nbsp;%).
        </p>
      </section>

      <section aria-labelledby="formats-titre">
        <h2 id="formats-titre">Les formats proposés</h2>
        <div className="cards cards-2">
          <article className="card">
            <h3>MOOC : ouvert à tous les professionnels</h3>
            <p>
              Un cours en ligne ouvert, organisé en sessions datées : inscription gratuite mais obligatoire, environ une heure par semaine,
              séquences filmées et quiz d’auto-évaluation, équipe enseignante pluriprofessionnelle.
            </p>
            <p>
              Exemple : le MOOC soins palliatifs du Centre Antoine Lacassagne (Nice) a réuni 1 499 inscrits à sa première session en 2022
              et 1 737 à la deuxième, du 22 avril au 15 juin 2025. Ses six modules :
            </p>
            <ol className="compact">
              {MOOC_MODULES.map((m) => (
                <li key={m.title}>
                  <strong>{m.title}</strong> : {m.lessons}
                </li>
              ))}
            </ol>
            <p>
              Note moyenne 4,6/5 ; 87&nbsp;% des apprenants ont suivi la totalité des cours, 84&nbsp;% l’ont jugé utile pour leur exercice et 79&nbsp;% le
              recommanderaient. Les sujets les plus consultés : la douleur (plus de 80&nbsp;%), les droits des patients et la sédation, puis
              l’accompagnement relationnel et social (plus de 70&nbsp;% chacun).
            </p>
          </article>
          <article className="card">
            <h3>SPOC : un groupe, six semaines, une attestation</h3>
            <p>
              Une formation en ligne réservée à un public ciblé, séquencée dans le temps : chaque semaine des vidéos, un quiz récapitulatif
              et des publications pour approfondir. Les apprenants échangent sur un forum animé par des apprenants-animateurs et travaillent
              en groupes pluridisciplinaires. Une évaluation finale donne une attestation de réussite qui valide l’obligation de DPC.
            </p>
            <p>
              Exemple : la première édition du SPOC «&nbsp;Parcours de soins des patients atteints de cancers&nbsp;» a réuni près de 600 apprenants,
              qui ont publié 1 245 messages et 1 120 commentaires sur le forum.
            </p>
          </article>
          <article className="card">
            <h3>Webinaires et formations «&nbsp;minute&nbsp;»</h3>
            <p>
              Des sessions courtes en visio, placées le soir : par exemple un webinaire de 60&nbsp;minutes consacré à l’urgence palliative, ou
              une formation de 2&nbsp;heures sur la sédation en ambulatoire suivie d’un atelier pratique en petit groupe.
            </p>
          </article>
          <article className="card">
            <h3>Événements du territoire</h3>
            <p>
              Les CPTS, équipes mobiles et DAC y annoncent leurs mini-formations et rencontres. Une CPTS a ainsi réuni 85 participants
              autour de quatre thèmes animés par l’unité de soins palliatifs, l’équipe mobile et le DAC : accueillir une demande de
              «&nbsp;mourir&nbsp;», la sédation au domicile, l’utilisation des opioïdes, la manipulation des PCA et PSE.
            </p>
            <p>
              <Link to="/se-former/evenements">Voir les webinaires, ateliers et groupes d’échange à venir</Link>
            </p>
          </article>
        </div>
      </section>

      <section aria-labelledby="comment-titre">
        <h2 id="comment-titre">Comment ça marche</h2>
        <ol className="steps">
          <li>Créez votre compte en indiquant votre profession et votre département d’exercice.</li>
          <li>Inscrivez-vous à une session de MOOC ou de SPOC, ou à un webinaire.</li>
          <li>Suivez les leçons à votre rythme ; votre progression et vos résultats aux quiz sont enregistrés.</li>
          <li>À la fin, l’évaluation vous donne une attestation à joindre à votre parcours DPC.</li>
        </ol>
        {!me && (
          <p className="actions">
            <Link to="/inscription" className="button">
              Créer un compte
            </Link>
          </p>
        )}
      </section>

      <Sources>
        <li>{SOURCE_SURVEY_IDF}</li>
        <li>{SOURCE_MOOC_CAL}</li>
        <li>{SOURCE_SPOC}</li>
        <li>{SOURCE_CPTS}</li>
      </Sources>
    </div>
  );
}
