// Shared by bench/generate-national.mjs (the fictional national directory) and the coverage scenario
// (the requests it sends): the territory as the server loads it, a seeded PRNG, the words the
// generated descriptions are made of and the texts people search them with.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './server.mjs';

/** @typedef {{ code: string, nom: string, type: string, departement?: string, region?: string, arrondissement?: string, codesPostaux?: string[], population?: number }} RawCommune */

const require = createRequire(path.join(ROOT, 'server', 'package.json'));
const PACKAGE = '@etalab/decoupage-administratif';

/** The reference data the server loads (server/src/territory/load-territory.ts), same filter. */
export function territory() {
  const communes = /** @type {RawCommune[]} */ (require(`${PACKAGE}/data/communes.json`)).filter(
    (c) => (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal') && c.departement && c.region,
  );
  const departements = /** @type {{ code: string, nom: string, region: string }[]} */ (require(`${PACKAGE}/data/departements.json`));
  const regions = /** @type {{ code: string, nom: string }[]} */ (require(`${PACKAGE}/data/regions.json`));
  const version = /** @type {{ version: string }} */ (require(`${PACKAGE}/package.json`)).version;
  return { communes, departements, regions, version };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). @param {number} seed */
export function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {string} s */
export const stripAccents = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

// ------------------------------------------------------------------------------------------------
// Description text: sentences per type, then sentences any structure may have.

/** @type {Record<string, string[]>} */
export const TYPE_SENTENCES = {
  USP: [
    'Unité de {beds} lits dédiés aux situations palliatives les plus complexes.',
    'Admissions pour symptômes réfractaires, hospitalisations de répit et accompagnement de fin de vie.',
    'Équipe pluridisciplinaire : médecins, infirmières, aides-soignantes, psychologue, kinésithérapeute et assistante sociale.',
    'Réflexion éthique collégiale et soutien des proches pendant le séjour.',
    "Les demandes d'admission sont étudiées chaque jour ouvré après appel du médecin traitant.",
  ],
  LISP_MCO: [
    'Lits identifiés au sein du service de {service}, avec des référents formés en soins palliatifs.',
    "Staffs communs réguliers avec l'équipe mobile de soins palliatifs de l'établissement.",
    'Répit possible pour les patients suivis à domicile.',
  ],
  LISP_SMR: [
    'Lits identifiés en soins médicaux et de réadaptation pour des séjours plus longs.',
    'Accompagnement de fin de vie et réadaptation adaptée en service de {service}.',
    'Répit des aidants et préparation du retour à domicile.',
  ],
  HDJ: [
    'Hôpital de jour : évaluation et soins spécialisés sur une journée ou une demi-journée.',
    'Ajustement des traitements de la douleur, soutien psychologique et approches non médicamenteuses.',
    'Le patient rentre chez lui en fin de journée.',
  ],
  CONSULTATION: [
    'Consultations de soins palliatifs et de la douleur sur rendez-vous.',
    'Télé-expertise pour les médecins traitants et les équipes de proximité.',
    'Réévaluation des antalgiques, des objectifs de soins et du projet de vie.',
  ],
  EMSP_INTRA: [
    "Équipe mobile intervenant dans tous les services de l'hôpital à la demande des soignants.",
    'Aide à la démarche palliative, évaluation de la douleur et des symptômes, soutien des équipes.',
    'Conseil pour les décisions de limitation des traitements et la sédation.',
  ],
  EMSP_EXTRA: [
    'Équipe mobile extra-hospitalière : interventions au domicile, en EHPAD et en établissement médico-social.',
    'Conseil aux médecins traitants et aux infirmiers libéraux, sans se substituer à eux.',
    'Compagnonnage des équipes soignantes et formation à la démarche palliative.',
  ],
  EMSP_INTER: [
    'Interventions dans plusieurs établissements du groupement hospitalier de territoire.',
    'Avis spécialisé par téléphone ou visite conjointe avec les soignants.',
  ],
  ETSP: [
    'Équipe territoriale de soins palliatifs intervenant au domicile et en EHPAD.',
    'Évaluation à domicile avec le médecin traitant, coordination avec la HAD et le SSIAD.',
    'Appui aux professionnels libéraux pour les situations complexes.',
  ],
  ERISP: [
    'Équipe rapide d’intervention : déplacement au domicile dans les heures qui suivent l’appel.',
    'Dossier « dormant » ouvert à l’avance pour intervenir vite si l’état du patient se dégrade.',
  ],
  ERRSPP: [
    'Soins palliatifs pédiatriques : enfants, adolescents et nouveau-nés, et leurs familles.',
    'Appui aux équipes de pédiatrie, de néonatologie et aux professionnels du domicile.',
    'Accompagnement du deuil des parents et de la fratrie.',
  ],
  DAC: [
    'Dispositif d’appui à la coordination des parcours complexes, toutes pathologies et tous âges.',
    'Un guichet unique pour les professionnels : information, orientation, coordination.',
    'Organisation du retour à domicile après hospitalisation et évaluation globale.',
  ],
  CPTS: [
    'Communauté professionnelle territoriale de santé regroupant médecins, infirmiers, pharmaciens et kinésithérapeutes.',
    'Parcours palliatif à domicile organisé avec les libéraux du territoire.',
    'Accès à un médecin traitant et soins non programmés.',
  ],
  RESEAU: [
    'Réseau de soins palliatifs : coordination et expertise pour le maintien à domicile.',
    'Visites d’évaluation par une infirmière coordinatrice et un médecin du réseau.',
    'Formations pour les professionnels libéraux et groupes de parole.',
  ],
  CELLULE_REGIONALE: [
    'Cellule d’animation régionale : formation, annuaire et appui aux équipes de la région.',
    'Organisation de journées régionales et de groupes de travail.',
  ],
  HAD: [
    'Hospitalisation à domicile : soins hospitaliers complets au domicile et en EHPAD.',
    'Astreinte médicale et infirmière, prise en charge de la douleur et des pansements complexes.',
    'Admission sur prescription du médecin traitant ou hospitalier, souvent en moins de 48 heures.',
  ],
  SSIAD: [
    'Service de soins infirmiers à domicile : soins d’hygiène et de confort sur prescription médicale.',
    'Interventions 7 jours sur 7 par des aides-soignantes et une infirmière coordinatrice.',
    'Places réservées aux personnes âgées et aux personnes en situation de handicap.',
  ],
  BENEVOLES: [
    'Bénévoles d’accompagnement formés, présents auprès des malades et de leurs proches.',
    'Écoute, présence et soutien des familles, à domicile, à l’hôpital et en EHPAD.',
    'Groupes d’entraide et accompagnement des personnes en deuil.',
    'Permanence téléphonique pour les aidants.',
  ],
  AUMONERIE: [
    'Aumônerie ouverte à toutes les convictions : accompagnement spirituel et religieux.',
    'Visites sur demande du patient, de la famille ou des soignants.',
  ],
  SERVICE_SOCIAL: [
    'Service social : droits, aides financières, congé de proche aidant et allocation journalière d’accompagnement.',
    'Aide aux démarches et à l’organisation des aides à domicile.',
  ],
  SOINS_SUPPORT: [
    'Soins de support : psychologue, diététicienne, socio-esthétique, sophrologie et activité physique adaptée.',
    'Ateliers de relaxation, hypnose, musicothérapie et art-thérapie.',
    'Accompagnement de la fatigue, de la nutrition et de l’image de soi.',
  ],
  MSP: [
    'Maison de santé pluriprofessionnelle : médecins généralistes, infirmiers, kinésithérapeutes et pharmaciens.',
    'Suivi à domicile des patients en soins palliatifs avec les équipes du territoire.',
    'Consultations sans rendez-vous le matin.',
  ],
  AUTRE: [
    'Plateforme d’accompagnement et de répit pour les aidants.',
    'Soutien psychologique, séjours de répit et relais à domicile.',
    'Accueil de jour et information sur les directives anticipées et la personne de confiance.',
  ],
};

export const COMMON_SENTENCES = [
  'Intervient sur {secteur}.',
  'Secteur : {secteur}.',
  'Appel préalable du médecin traitant souhaité.',
  'Intervention possible en EHPAD et en foyer d’accueil médicalisé.',
  'Information sur les directives anticipées et la personne de confiance.',
  'Soutien des aidants et orientation vers les dispositifs de répit.',
  'Prise en charge des patients atteints de cancer, de maladies neurologiques évoluées ou d’insuffisance d’organe.',
  'Téléconsultation possible pour les patients suivis.',
  'Accueil des stagiaires et formation des professionnels du territoire.',
  'Travail en lien avec la HAD, les SSIAD et les infirmiers libéraux.',
  'Accompagnement de la fin de vie à domicile dans le respect des souhaits du patient.',
  'Délai de réponse annoncé : sous 48 heures ouvrées.',
  'Permanence téléphonique pour les professionnels de santé.',
];

export const SERVICES = ['oncologie', 'pneumologie', 'gériatrie', 'médecine interne', 'gastro-entérologie', 'neurologie', 'cardiologie', 'hématologie'];

// ------------------------------------------------------------------------------------------------
// Texts people type in the directory search: words of the generated names, types and descriptions,
// with and without accents, a few typos, type acronyms and place names.

export const SEARCH_TEXTS = [
  'soins palliatifs', 'équipe mobile', 'equipe mobile', 'équipe mobile soins palliatifs', 'hospitalisation à domicile',
  'hospitalisation a domicile', 'HAD', 'USP', 'unité de soins palliatifs', 'unite soins palliatifs', 'EMSP', 'ETSP',
  'équipe territoriale', 'DAC', 'appui à la coordination', 'appui coordination', 'CPTS', 'SSIAD', 'soins infirmiers à domicile',
  'bénévoles', 'benevoles', 'bénévoles accompagnement', 'association accompagnement', 'deuil', 'accompagnement du deuil',
  'répit', 'repit aidants', 'aidants', 'douleur', 'consultation douleur', 'télé-expertise', 'tele expertise', 'pédiatrie',
  'soins palliatifs pédiatriques', 'pediatrique', 'EHPAD', 'domicile', 'fin de vie', 'sédation', 'directives anticipées',
  'personne de confiance', 'psychologue', 'sophrologie', 'hypnose', 'musicothérapie', 'socio-esthétique', 'diététicienne',
  'aumônerie', 'aumonerie', 'service social', 'allocation journalière', 'maison de santé', 'maison de sante pluriprofessionnelle',
  'MSP', 'hôpital de jour', 'hopital de jour', 'lits identifiés', 'LISP', 'gériatrie', 'oncologie', 'neurologie', 'astreinte',
  'astreinte nuit', 'infirmière coordinatrice', 'réseau soins palliatifs', 'reseau', 'ERISP', 'intervention rapide',
  'retour à domicile', 'parcours complexe', 'guichet unique', 'soins de support', 'art-thérapie', 'relaxation',
  // typos and truncations
  'palliatfs', 'soins paliatifs', 'equipe mobil', 'hospitalisaton domicile', 'benevole', 'accompagnemnt', 'geriatrie',
  'oncolgie', 'pediatrie', 'douleurs', 'deuill', 'aumonier', 'coordinaton', 'maison sante', 'soin de support', 'sophro',
];

/** Place words for searches: some commune names used in generated names (big towns appear most). */
export const SEARCH_PLACES = [
  'Lyon', 'Marseille', 'Toulouse', 'Nice', 'Nantes', 'Montpellier', 'Strasbourg', 'Bordeaux', 'Lille', 'Rennes', 'Reims',
  'Grenoble', 'Dijon', 'Angers', 'Nîmes', 'Nimes', 'Clermont-Ferrand', 'clermont', 'Besançon', 'besancon', 'Brest',
  'Limoges', 'Tours', 'Amiens', 'Perpignan', 'Metz', 'Orléans', 'orleans', 'Rouen', 'Caen', 'Nancy', 'Poitiers', 'Pau',
  'Saint-Étienne', 'st etienne', 'Le Mans', 'Avignon', 'Annecy', 'La Rochelle', 'Valence', 'Bayonne', 'Quimper',
  'Chambéry', 'chambery', 'Ajaccio', 'Bastia', 'Cayenne', 'Fort-de-France', 'Saint-Denis', 'Pointe-à-Pitre',
];

/**
 * The search texts sent by `directory-search`, deterministic: texts alone, texts with a place,
 * places alone.
 * @param {number} [count]
 */
export function searchQueries(count = 2000) {
  const random = prng(20261109);
  const pick = (/** @type {string[]} */ list) => /** @type {string} */ (list[Math.floor(random() * list.length)]);
  /** @type {string[]} */
  const out = [...SEARCH_TEXTS];
  while (out.length < count) {
    const r = random();
    if (r < 0.55) out.push(pick(SEARCH_TEXTS));
    else if (r < 0.9) out.push(`${pick(SEARCH_TEXTS)} ${pick(SEARCH_PLACES)}`);
    else out.push(pick(SEARCH_PLACES));
  }
  // Shuffle so the first requests do not all come from the fixed list.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [/** @type {string} */ (out[j]), /** @type {string} */ (out[i])];
  }
  return out;
}
