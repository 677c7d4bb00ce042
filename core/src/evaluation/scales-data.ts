import type { ScaleChoice, ScaleDefinition, ScaleId, ScaleItem } from './types';

/*
 * Version 1 of each scale, taken from the platform's reference facts (shared/reference/clinical-scales.md),
 * which cite the public sources below. Nothing here is of our own: where the reference says a wording is
 * UNCONFIRMED, the item carries `unconfirmed` and the product shows "à confirmer par un éditeur".
 * Editors publish later versions as data (FHIR Questionnaire import); this file is the seed.
 */

export const REFERENCE_FILE = 'Faits de référence Palliance « Clinical scales and billing codes » (reference/clinical-scales.md)';
const DATE = '2026-11-22';
const UNCONFIRMED_FR_LABEL = 'Libellé français exact non confirmé (la référence donne le sens, pas le texte validé).';

const yesNo = (linkId: string, text: string, extra: Partial<ScaleItem> = {}): ScaleItem => ({
  linkId,
  text,
  type: 'boolean',
  required: true,
  scored: true,
  ...extra,
});

const zeroToTen = (linkId: string, text: string, lowLabel: string, highLabel: string, extra: Partial<ScaleItem> = {}): ScaleItem => ({
  linkId,
  text,
  type: 'integer',
  min: 0,
  max: 10,
  lowLabel,
  highLabel,
  required: true,
  scored: true,
  ...extra,
});

const ESAS_ITEMS: [string, string, string, string][] = [
  ['douleur', 'Douleur', 'Pas de douleur', 'Pire douleur possible'],
  ['fatigue', 'Fatigue (manque d’énergie)', 'Pas de fatigue', 'Pire fatigue possible'],
  ['somnolence', 'Somnolence (envie de dormir)', 'Pas de somnolence', 'Pire somnolence possible'],
  ['nausees', 'Nausées', 'Pas de nausées', 'Pires nausées possibles'],
  ['appetit', 'Manque d’appétit', 'Pas de manque d’appétit', 'Pire manque d’appétit possible'],
  ['essoufflement', 'Essoufflement', 'Pas d’essoufflement', 'Pire essoufflement possible'],
  ['depression', 'Dépression (tristesse)', 'Pas de dépression', 'Pire dépression possible'],
  ['anxiete', 'Anxiété (nervosité)', 'Pas d’anxiété', 'Pire anxiété possible'],
  ['bien-etre', 'Bien-être (comment vous sentez-vous dans l’ensemble)', 'Meilleur bien-être', 'Pire bien-être possible'],
];

const esasR: ScaleDefinition = {
  id: 'esas-r',
  version: '1',
  date: DATE,
  title: 'Échelle d’évaluation des symptômes d’Edmonton, version révisée (ESAS-r)',
  shortTitle: 'ESAS-r',
  description:
    'Neuf symptômes cotés MAINTENANT de 0 à 10, plus un autre problème facultatif. Chaque item se lit seul : un item à 4 ou plus est couramment considéré comme cliniquement significatif.',
  items: [
    ...ESAS_ITEMS.map(([linkId, text, low, high]) => zeroToTen(linkId, text, low, high, { unconfirmed: UNCONFIRMED_FR_LABEL })),
    { linkId: 'autre-probleme', text: 'Autre problème (par exemple constipation)', type: 'string', required: false, scored: false },
    zeroToTen('autre', 'Intensité de l’autre problème', 'Aucun', 'Le pire possible', { required: false, scored: false, unconfirmed: UNCONFIRMED_FR_LABEL }),
    {
      linkId: 'rempli-par',
      text: 'Rempli par',
      type: 'choice',
      choices: [
        { value: 1, label: 'Le patient' },
        { value: 2, label: 'Un proche aidant' },
        { value: 3, label: 'Un soignant professionnel' },
      ],
      required: true,
      scored: false,
    },
  ],
  scoring: { kind: 'items-each', highlightAtOrAbove: 4 },
  threshold: null,
  scoreMin: 0,
  scoreMax: 90,
  sources: [
    'ESAS-r, Edmonton Symptom Assessment System revised (2010).',
    'Versions françaises : Canada, J Palliat Med, doi:10.1089/jpm.2016.0510 ; Suisse F-ESAS, Pautex et al., JPSM 2017;54(5):721-6 ; Ontario « EESE-r ».',
    REFERENCE_FILE,
  ],
  licence: 'Utilisation libre avec mention des auteurs ; ni la forme ni le nom ne peuvent être modifiés sans leur accord.',
  unconfirmed: [
    'Libellés français exacts des items : à confirmer par un éditeur sur une version française validée.',
    'Codes LOINC (panel 112503-8, items 112494-0 à 112502-0, total 112493-2) : non confirmés, non utilisés.',
    'Pas de seuils sur le total (0-90) : aucune source validée ; le total est affiché sans interprétation.',
  ],
};

const pallia10: ScaleDefinition = {
  id: 'pallia-10',
  version: '1',
  date: DATE,
  title: 'PALLIA 10 (SFAP) : quand faire appel à une équipe spécialisée de soins palliatifs',
  shortTitle: 'Pallia 10',
  description: 'Dix questions oui/non. Un « oui » à la question 1 est nécessaire pour répondre aux suivantes.',
  items: [
    yesNo('q1', 'Le patient est atteint d’une maladie qui ne guérira pas, en l’état actuel des connaissances.'),
    yesNo('q2', 'Il existe des facteurs pronostiques péjoratifs.'),
    yesNo('q3', 'La maladie est rapidement évolutive.'),
    yesNo('q4', 'Le patient ou son entourage sont demandeurs d’une prise en charge palliative et d’un accompagnement.'),
    yesNo('q5', 'Il persiste des symptômes non soulagés malgré la mise en place des traitements de première intention.'),
    yesNo('q6', 'Vous identifiez des facteurs de vulnérabilité d’ordre psychique pour le patient et/ou son entourage.'),
    yesNo('q7', 'Vous identifiez des facteurs de vulnérabilité d’ordre social pour le patient et/ou son entourage.', {
      unconfirmed: 'Formulation SFAP exacte non confirmée (la référence donne le sens de la question).',
    }),
    yesNo('q8', 'Le patient ou son entourage ont des difficultés à intégrer l’information sur la maladie ou le pronostic.', {
      unconfirmed: 'Formulation SFAP exacte non confirmée (la référence donne le sens de la question).',
    }),
    yesNo('q9', 'L’équipe s’interroge ou n’est pas d’accord sur la cohérence du projet de soins.', {
      unconfirmed: 'Formulation SFAP exacte non confirmée (la référence donne le sens de la question).',
    }),
    yesNo(
      'q10',
      'Il existe une incertitude sur un refus, une limitation ou un arrêt de traitement, une demande d’euthanasie, ou des conflits de valeurs.',
      { unconfirmed: 'Formulation SFAP exacte non confirmée (la référence donne le sens de la question).' },
    ),
  ],
  scoring: {
    kind: 'count-yes',
    gateLinkId: 'q1',
    gateNoText: 'Question 1 à « non » : la grille ne s’applique pas (un « oui » à la question 1 est nécessaire pour répondre aux suivantes).',
  },
  threshold: {
    atOrAbove: 4,
    reachedText: 'Au-delà de 3 réponses positives : envisagez de faire appel à une équipe spécialisée de soins palliatifs.',
    notReachedText: '3 réponses positives ou moins : le seuil de la SFAP (« au-delà de 3 réponses positives ») n’est pas atteint.',
    source: 'SFAP, dépliant PALLIA 10 : « au-delà de 3 réponses positives ». D’autres sources disent « 3 ou plus » ; PALLIA 10 CH (Suisse) retient 5.',
  },
  scoreMin: 0,
  scoreMax: 10,
  sources: ['SFAP (Société française d’accompagnement et de soins palliatifs), PALLIA 10, dépliant.', REFERENCE_FILE],
  licence: 'Outil de la SFAP, diffusé librement ; cité avec sa source.',
  unconfirmed: [
    'Formulation exacte des questions 7 à 10 : à confirmer sur le dépliant SFAP.',
    'Le score compte les réponses « oui » aux dix questions, question 1 comprise.',
  ],
};

const algoplus: ScaleDefinition = {
  id: 'algoplus',
  version: '1',
  date: DATE,
  title: 'Algoplus : douleur aiguë de la personne âgée ayant des troubles de la communication',
  shortTitle: 'Algoplus',
  description: 'Cinq items ; un seul comportement observé suffit pour coter l’item « oui ». Réévaluer après traitement.',
  items: [
    yesNo('visage', 'Visage : froncement des sourcils, grimaces, crispation, mâchoires serrées, visage figé.'),
    yesNo('regard', 'Regard : inattentif, fixe, lointain ou suppliant, pleurs, yeux fermés.'),
    yesNo('plaintes', 'Plaintes : « Aïe », « Ouille », « J’ai mal », gémissements, cris.'),
    yesNo('corps', 'Corps : retrait ou protection d’une zone, refus de mobilisation, attitudes figées.'),
    yesNo('comportements', 'Comportements : agitation ou agressivité, agrippement.'),
  ],
  scoring: { kind: 'count-yes' },
  threshold: {
    atOrAbove: 2,
    reachedText: 'Score de 2 ou plus : douleur (sensibilité 87 %, spécificité 80 %). Réévaluez après traitement.',
    notReachedText: 'Score inférieur à 2 : la grille ne retient pas de douleur.',
    source: 'Algoplus : un score ≥ 2 signe une douleur (Se 87 %, Sp 80 %).',
  },
  scoreMin: 0,
  scoreMax: 5,
  sources: ['Algoplus, grille d’évaluation de la douleur aiguë chez la personne âgée.', REFERENCE_FILE],
  licence: 'Grille diffusée librement ; citée avec sa source.',
  unconfirmed: [],
};

const en: ScaleDefinition = {
  id: 'en',
  version: '1',
  date: DATE,
  title: 'Échelle numérique (EN) de la douleur',
  shortTitle: 'EN',
  description: 'Le patient donne une note de 0 à 10.',
  items: [zeroToTen('intensite', 'Intensité de la douleur', 'Pas de douleur', 'Douleur maximale imaginable')],
  scoring: { kind: 'single-value' },
  threshold: null,
  scoreMin: 0,
  scoreMax: 10,
  sources: [REFERENCE_FILE],
  licence: 'Échelle d’usage courant, libre.',
  unconfirmed: [],
};

const eva: ScaleDefinition = {
  id: 'eva',
  version: '1',
  date: DATE,
  title: 'Échelle visuelle analogique (EVA) de la douleur',
  shortTitle: 'EVA',
  description: 'Réglette de 0 à 100 mm ; le côté présenté au patient n’est pas gradué.',
  items: [
    {
      linkId: 'intensite-mm',
      text: 'Position du curseur (mm)',
      type: 'integer',
      min: 0,
      max: 100,
      lowLabel: 'Pas de douleur',
      highLabel: 'Douleur maximale imaginable',
      required: true,
      scored: true,
    },
  ],
  scoring: { kind: 'single-value' },
  threshold: null,
  scoreMin: 0,
  scoreMax: 100,
  sources: [REFERENCE_FILE],
  licence: 'Échelle d’usage courant, libre.',
  unconfirmed: ['Libellés des extrémités de la réglette EVA : repris de l’EN, à confirmer par un éditeur.'],
};

const evsChoices: ScaleChoice[] = [
  { value: 0, label: 'Absente' },
  { value: 1, label: 'Faible' },
  { value: 2, label: 'Modérée' },
  { value: 3, label: 'Intense' },
  { value: 4, label: 'Insupportable' },
];

const evs: ScaleDefinition = {
  id: 'evs',
  version: '1',
  date: DATE,
  title: 'Échelle verbale simple (EVS) de la douleur',
  shortTitle: 'EVS',
  description: 'Le patient choisit le mot qui décrit sa douleur.',
  items: [{ linkId: 'intensite', text: 'Votre douleur est…', type: 'choice', choices: evsChoices, required: true, scored: true }],
  scoring: { kind: 'single-value' },
  threshold: null,
  scoreMin: 0,
  scoreMax: 4,
  sources: [REFERENCE_FILE],
  licence: 'Échelle d’usage courant, libre.',
  unconfirmed: [],
};

const dn4: ScaleDefinition = {
  id: 'dn4',
  version: '1',
  date: DATE,
  title: 'DN4 : repérage d’une douleur neuropathique',
  shortTitle: 'DN4',
  description: 'Dix items oui/non : sept à l’interrogatoire, trois à l’examen.',
  items: [
    yesNo('brulure', 'Brûlure', { group: 'Interrogatoire' }),
    yesNo('froid-douloureux', 'Sensation de froid douloureux', { group: 'Interrogatoire' }),
    yesNo('decharges-electriques', 'Décharges électriques', { group: 'Interrogatoire' }),
    yesNo('fourmillements', 'Fourmillements', { group: 'Interrogatoire' }),
    yesNo('picotements', 'Picotements', { group: 'Interrogatoire' }),
    yesNo('engourdissements', 'Engourdissements', { group: 'Interrogatoire' }),
    yesNo('demangeaisons', 'Démangeaisons', { group: 'Interrogatoire' }),
    yesNo('hypoesthesie-tact', 'Hypoesthésie au tact', { group: 'Examen' }),
    yesNo('hypoesthesie-piqure', 'Hypoesthésie à la piqûre', { group: 'Examen' }),
    yesNo('frottement', 'Douleur provoquée ou augmentée par le frottement', { group: 'Examen' }),
  ],
  scoring: { kind: 'count-yes' },
  threshold: {
    atOrAbove: 4,
    reachedText: 'Score de 4 ou plus : douleur neuropathique probable (sensibilité 82,9 %, spécificité 89,9 %).',
    notReachedText: 'Score inférieur à 4 : le seuil du DN4 n’est pas atteint.',
    source: 'DN4 : 4 réponses positives ou plus sur 10 (Se 82,9 %, Sp 89,9 %).',
  },
  scoreMin: 0,
  scoreMax: 10,
  sources: ['DN4, questionnaire de repérage de la douleur neuropathique.', REFERENCE_FILE],
  licence: 'Questionnaire diffusé librement ; cité avec sa source.',
  unconfirmed: [],
};

const rass: ScaleDefinition = {
  id: 'rass',
  version: '1',
  date: DATE,
  title: 'RASS (Richmond Agitation-Sedation Scale) : vigilance et agitation',
  shortTitle: 'RASS',
  description: 'De +4 (combatif) à −5 (non réveillable), notamment pour surveiller une sédation.',
  items: [
    {
      linkId: 'niveau',
      text: 'Niveau observé',
      type: 'choice',
      required: true,
      scored: true,
      choices: [
        { value: 4, label: '+4 Combatif' },
        { value: 3, label: '+3 Très agité' },
        { value: 2, label: '+2 Agité' },
        { value: 1, label: '+1 Ne tient pas en place' },
        { value: 0, label: '0 Éveillé et calme' },
        { value: -1, label: '−1 Somnolent (contact visuel à la voix plus de 10 secondes)' },
        { value: -2, label: '−2 Diminution légère de la vigilance (contact visuel à la voix moins de 10 secondes)' },
        { value: -3, label: '−3 Diminution modérée de la vigilance (mouvement à la voix, sans contact visuel)' },
        { value: -4, label: '−4 Diminution profonde de la vigilance (mouvement seulement à la stimulation physique)' },
        { value: -5, label: '−5 Non réveillable' },
      ],
    },
  ],
  scoring: { kind: 'single-value' },
  threshold: null,
  scoreMin: -5,
  scoreMax: 4,
  sources: ['RASS, Richmond Agitation-Sedation Scale.', REFERENCE_FILE],
  licence: 'Échelle diffusée librement ; citée avec sa source.',
  unconfirmed: [],
};

const psOms: ScaleDefinition = {
  id: 'ps-oms',
  version: '1',
  date: DATE,
  title: 'Indice de performance OMS / ECOG',
  shortTitle: 'PS OMS',
  description: 'Grade de 0 à 5 (Oken 1982).',
  items: [
    {
      linkId: 'grade',
      text: 'Grade',
      type: 'choice',
      required: true,
      scored: true,
      choices: [0, 1, 2, 3, 4, 5].map((value) => ({ value, label: `Grade ${value}` })),
      unconfirmed: 'Libellés des grades non fournis par la référence : à compléter par un éditeur (Oken et al., 1982).',
    },
  ],
  scoring: { kind: 'single-value' },
  threshold: null,
  scoreMin: 0,
  scoreMax: 5,
  sources: ['Oken MM et al., Toxicity and response criteria of the Eastern Cooperative Oncology Group, 1982.', REFERENCE_FILE],
  licence: 'Échelle d’usage courant, libre.',
  unconfirmed: ['Libellés des grades 0 à 5 : à compléter par un éditeur.'],
};

export const SCALES: Record<ScaleId, ScaleDefinition> = {
  'esas-r': esasR,
  'pallia-10': pallia10,
  algoplus,
  en,
  eva,
  evs,
  dn4,
  rass,
  'ps-oms': psOms,
};

export const SCALE_IDS = Object.keys(SCALES) as ScaleId[];

export function isScaleId(id: string): id is ScaleId {
  return Object.prototype.hasOwnProperty.call(SCALES, id);
}

/** PPS (Palliative Performance Scale v2): its table is copyrighted, so only a typed value is kept. */
export const PPS_NOTE =
  'PPS v2 : la table est protégée (Victoria Hospice Society) et n’est pas reproduite ; saisissez la valeur évaluée (0 à 100 %, par paliers de 10).';

/** Every point still to confirm, for the editors' list. */
export function unconfirmedPoints(scales: ScaleDefinition[] = Object.values(SCALES)): { scaleId: ScaleId; linkId: string | null; note: string }[] {
  return scales.flatMap((s) => [
    ...s.unconfirmed.map((note) => ({ scaleId: s.id, linkId: null, note })),
    ...s.items.filter((i) => i.unconfirmed).map((i) => ({ scaleId: s.id, linkId: i.linkId, note: i.unconfirmed! })),
  ]);
}
