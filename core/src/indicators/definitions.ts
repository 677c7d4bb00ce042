/**
 * The territorial indicators of seed 004 ("Indicateurs simples de suivi"), as data: what each one
 * measures, how it is computed (the text users read), its unit, which way is better, and its default
 * target. Only one target is stated by the seed (mean response delay ≤ 48 h); every other default
 * target is empty until a coordinator sets one for a territory.
 */
export type IndicatorUnit = 'percent' | 'hours' | 'count';
export type IndicatorDirection = 'higher_is_better' | 'lower_is_better' | 'neutral';
/** Where the figures come from: live platform data over periods, the latest survey, or a source not yet wired. */
export type IndicatorKind = 'series' | 'survey';

export interface IndicatorDefinition {
  id: IndicatorId;
  label: string;
  /** "Comment c'est calculé", shown with the card. */
  computation: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  defaultTarget: number | null;
  /** Where the default target comes from (null when there is none). */
  defaultTargetSource: string | null;
  /** Where the data comes from. */
  source: string;
  kind: IndicatorKind;
  /** The breakdown shown under the card for the selected period, if any. */
  breakdown: 'structure' | 'profession' | null;
  /** FHIR Measure scoring. */
  scoring: 'proportion' | 'continuous-variable' | 'cohort';
}

export const INDICATOR_IDS = [
  'liberal_share',
  'first_response_mean',
  'first_response_median',
  'answered_within_48h',
  'rcp_cases',
  'knows_support_number',
  'bills_palliative_codes',
  'training_enrolments',
  'training_completion',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** The structure types counted as EM(T)SP: mobile palliative care teams, intra/extra/inter-hospital, and territorial teams. */
export const EMTSP_TYPE_CODES = ['EMSP_INTRA', 'EMSP_EXTRA', 'EMSP_INTER', 'ETSP'] as const;

/** Small counts can point to a person: public figures computed on fewer cases than this are withheld. */
export const SMALL_CELL_THRESHOLD = 5;

/** Fixed delay of the seed's service commitment ("réponse ≤ 48 h"), whatever a structure's own setting. */
export const RESPONSE_THRESHOLD_HOURS = 48;

const SEED_004 = 'Enquête régionale auprès des professionnels libéraux (seed 004), recommandations : « Indicateurs simples de suivi »';

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'liberal_share',
    label: "Part des demandes d'appui aux EM(T)SP venant de professionnels libéraux",
    computation:
      "Demandes d'appui envoyées pendant la période à une équipe mobile ou territoriale de soins palliatifs (types EMSP intra, extra, inter-hospitalière, ETSP) pour un patient domicilié dans le territoire. Numérateur : celles dont l'auteur exerce en libéral (mode d'exercice de son profil). Dénominateur : toutes celles dont l'auteur est connu.",
    unit: 'percent',
    direction: 'higher_is_better',
    defaultTarget: null,
    defaultTargetSource: null,
    source: "Palliance, demandes d'appui (Coordonner). " + SEED_004 + ' : « % de demandes issues de la ville vers EM(T)SP ».',
    kind: 'series',
    breakdown: 'structure',
    scoring: 'proportion',
  },
  {
    id: 'first_response_mean',
    label: 'Délai moyen de première réponse',
    computation:
      "Pour les demandes d'appui envoyées pendant la période (patient domicilié dans le territoire) et déjà répondues : moyenne, en heures calendaires, du temps entre l'envoi et la première réponse de la structure (accusé de réception, acceptation ou refus). Les demandes encore sans réponse ne sont pas comptées ; elles le sont dans la part répondue en 48 h.",
    unit: 'hours',
    direction: 'lower_is_better',
    defaultTarget: 48,
    defaultTargetSource: SEED_004 + ' : « délai moyen de réponse (cible ≤ 48 h) ».',
    source: "Palliance, demandes d'appui (Coordonner).",
    kind: 'series',
    breakdown: 'structure',
    scoring: 'continuous-variable',
  },
  {
    id: 'first_response_median',
    label: 'Délai médian de première réponse',
    computation:
      "Mêmes demandes que le délai moyen : la valeur du milieu des délais de première réponse classés (moyenne des deux valeurs du milieu pour un nombre pair de demandes). Moins sensible que la moyenne à quelques réponses très tardives.",
    unit: 'hours',
    direction: 'lower_is_better',
    defaultTarget: null,
    defaultTargetSource: null,
    source: "Palliance, demandes d'appui (Coordonner).",
    kind: 'series',
    breakdown: 'structure',
    scoring: 'continuous-variable',
  },
  {
    id: 'answered_within_48h',
    label: 'Part des demandes répondues en 48 h',
    computation:
      "Demandes d'appui envoyées pendant la période (patient domicilié dans le territoire). Numérateur : celles dont la première réponse est arrivée au plus 48 h après l'envoi. Dénominateur : celles qui ont reçu une réponse, plus celles toujours sans réponse 48 h après l'envoi (une demande de moins de 48 h encore sans réponse n'est pas encore jugée). Le seuil est de 48 h pour toutes les structures, même si l'une d'elles a réglé un autre engagement.",
    unit: 'percent',
    direction: 'higher_is_better',
    defaultTarget: null,
    defaultTargetSource: null,
    source: "Palliance, demandes d'appui (Coordonner). " + SEED_004 + ' : « Engagement de service : réponse ≤ 48 h côté EMTSP/DAC pour les demandes libérales ».',
    kind: 'series',
    breakdown: 'structure',
    scoring: 'proportion',
  },
  {
    id: 'rcp_cases',
    label: 'Nombre de cas discutés en mini-RCP',
    computation: 'Nombre de cas de patients discutés lors des mini-RCP tenues pendant la période, pour les patients du territoire.',
    unit: 'count',
    direction: 'higher_is_better',
    defaultTarget: null,
    defaultTargetSource: null,
    source: 'Palliance, mini-RCP (Coordonner). ' + SEED_004 + ' : « Nombre de cas discutés en mini-RCP ».',
    kind: 'series',
    breakdown: null,
    scoring: 'cohort',
  },
  {
    id: 'knows_support_number',
    label: "Part des professionnels qui connaissent le numéro d'appui territorial",
    computation:
      "Dernière enquête de la plateforme qui pose les questions « appui-territorial » et « cotations » (questionnaire du seed 004) : réponses « oui » à la question sur le numéro d'appui, sur le nombre de répondants à cette question (les non-réponses ne comptent pas). L'enquête n'est pas ventilée par territoire : le chiffre est le même pour tous les territoires.",
    unit: 'percent',
    direction: 'higher_is_better',
    defaultTarget: null,
    defaultTargetSource: null,
    source: 'Palliance, questionnaires (Mesurer). ' + SEED_004 + " : « % de professionnels connaissant le n° d'appui territorial ».",
    kind: 'survey',
    breakdown: null,
    scoring: 'proportion',
  },
  {
    id: 'bills_palliative_codes',
    label: 'Part des professionnels qui cotent les actes palliatifs',
    computation:
      "Même enquête : réponses « oui » à la question sur la cotation des actes palliatifs (MCI, VSP, PLL), sur le nombre de répondants à cette question. L'enquête n'est pas ventilée par territoire.",
    unit: 'percent',
    direction: 'higher_is_better',
    defaultTarget: null,
    defaultTargetSource: null,
    source: 'Palliance, questionnaires (Mesurer). ' + SEED_004 + ' : « Taux de valorisation des actes (MCI, VSP, PLL) ».',
    kind: 'survey',
    breakdown: null,
    scoring: 'proportion',
  },
  {
    id: 'training_enrolments',
    label: 'Inscriptions aux formations',
    computation:
      "Nombre d'inscriptions confirmées (hors liste d'attente et désistements) à une session de formation, faites pendant la période par des professionnels dont le département de profil est dans le territoire. Ventilé par profession.",
    unit: 'count',
    direction: 'higher_is_better',
    defaultTarget: null,
    defaultTargetSource: null,
    source: 'Palliance, formations (Se former).',
    kind: 'series',
    breakdown: 'profession',
    scoring: 'cohort',
  },
  {
    id: 'training_completion',
    label: 'Part des inscrits qui ont validé la formation',
    computation:
      "Inscriptions confirmées de la période (comme ci-dessus). Numérateur : celles dont l'apprenant a obtenu l'attestation de réussite du cours (non révoquée). Dénominateur : toutes ces inscriptions. Une session encore en cours fait baisser la part : lire les périodes récentes avec prudence. Ventilé par profession.",
    unit: 'percent',
    direction: 'higher_is_better',
    defaultTarget: null,
    defaultTargetSource: null,
    source: 'Palliance, formations et attestations (Se former).',
    kind: 'series',
    breakdown: 'profession',
    scoring: 'proportion',
  },
];

export function indicatorDefinition(id: string): IndicatorDefinition | undefined {
  return INDICATORS.find((d) => d.id === id);
}
