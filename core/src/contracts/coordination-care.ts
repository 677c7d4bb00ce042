import { z } from 'zod';

// Pure rules of this half of Coordonner travel with its contracts (one export line in core/src/index.ts).
export * from '../coordination/rcp-agenda';
export * from '../coordination/pathway';
export * from '../coordination/evaluation-trend';
export * from '../coordination/rcp-criteria';

const idempotencyKey = z
  .string({ error: "La clé d'idempotence est requise (un identifiant tiré au hasard par le client)." })
  .min(8, "La clé d'idempotence doit contenir au moins 8 caractères.")
  .max(100, "La clé d'idempotence ne peut pas dépasser 100 caractères.");
const isoDay = (label: string) => z.iso.date({ error: `${label} doit être au format AAAA-MM-JJ.` });
const text = (label: string, max: number) =>
  z.string({ error: `${label} est requis.` }).trim().min(1, `${label} est requis.`).max(max, `${label} ne peut pas dépasser ${max} caractères.`);
const optionalText = (label: string, max: number) =>
  z.string({ error: `${label} doit être un texte.` }).trim().max(max, `${label} ne peut pas dépasser ${max} caractères.`).optional().default('');

// ---------------------------------------------------------------- saved evaluations
const answerValue = z.union([z.boolean(), z.number(), z.string().max(200), z.null()]);
export const saveEvaluationSchema = z.object({
  scales: z
    .array(
      z.object({
        scaleId: z.enum(['esas-r', 'pallia-10', 'algoplus', 'en', 'eva', 'evs', 'dn4', 'rass', 'ps-oms'], { error: 'Échelle inconnue.' }),
        answers: z.record(z.string().max(60), answerValue, { error: 'Les réponses doivent être un objet { "linkId": valeur }.' }),
      }),
    )
    .min(1, 'Remplissez au moins une échelle.')
    .max(12),
  pps: z.number().int().min(0, 'Le PPS est compris entre 0 et 100 %.').max(100, 'Le PPS est compris entre 0 et 100 %.').multipleOf(10, 'Le PPS se cote par paliers de 10 %.').nullable().optional(),
  /** When the evaluation took place (defaults to now); never in the future. */
  evaluatedAt: z.iso.datetime({ offset: true, error: 'La date de l’évaluation doit être une date et heure ISO.' }).optional(),
  idempotencyKey,
});
export type SaveEvaluationInput = z.input<typeof saveEvaluationSchema>;

export const savedEvaluationPartSchema = z.object({
  scaleId: z.string(),
  scaleTitle: z.string(),
  version: z.string(),
  answers: z.record(z.string(), z.unknown()),
  score: z.number().nullable(),
  thresholdReached: z.boolean(),
  interpretation: z.string(),
  highlighted: z.array(z.string()),
});
export const savedEvaluationSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  evaluatedAt: z.string(),
  evaluatorId: z.string().nullable(),
  evaluatorName: z.string(),
  pps: z.number().nullable(),
  parts: z.array(savedEvaluationPartSchema),
  mciJustification: z.string().nullable(),
  /** A Pallia 10 of this evaluation is at or above its threshold: the one-click request is offered. */
  palliaThresholdReached: z.boolean(),
});
export type SavedEvaluation = z.infer<typeof savedEvaluationSchema>;

export const trendSchema = z.object({
  evaluations: z.array(savedEvaluationSchema),
  series: z.array(z.object({ scaleId: z.string(), linkId: z.string(), label: z.string(), points: z.array(z.object({ evaluationId: z.string(), at: z.string(), value: z.number() })) })),
});
export type EvaluationTrendView = z.infer<typeof trendSchema>;

export const palliaRequestSchema = z.object({ idempotencyKey, body: optionalText('Le message', 10_000) });

// ---------------------------------------------------------------- places of care and pathway
export const CARE_PLACES = {
  home: 'Domicile',
  usp: 'Unité de soins palliatifs (USP)',
  day_hospital: 'Hôpital de jour',
  had: 'Hospitalisation à domicile (HAD)',
  ehpad: 'EHPAD',
  hospital: 'Hospitalisation',
  other: 'Autre lieu',
} as const;
export type CarePlaceKind = keyof typeof CARE_PLACES;
export const carePlaceInputSchema = z
  .object({
    kind: z.enum(Object.keys(CARE_PLACES) as [CarePlaceKind, ...CarePlaceKind[]], { error: 'Choisissez le lieu de soins dans la liste.' }),
    label: optionalText('Le nom du lieu', 200),
    startedOn: isoDay('La date de début'),
    endedOn: isoDay('La date de fin').nullable().optional(),
    note: optionalText('La note', 2000),
  })
  .refine((v) => !v.endedOn || v.endedOn >= v.startedOn, { path: ['endedOn'], message: 'La date de fin ne peut pas précéder la date de début.' });
export const pathwayEventSchema = z.object({
  source: z.enum(['place', 'request', 'rcp', 'evaluation', 'dormant']),
  at: z.string(),
  until: z.string().nullable().optional(),
  title: z.string(),
  detail: z.string(),
  link: z.string().nullable().optional(),
  id: z.string(),
});

// ---------------------------------------------------------------- HAD dormant file
/**
 * The fields of the SFAP "fiche URGENCE PALLIA" as the reference lists them
 * (/work/shared/reference/clinical-scales.md, "Palliative emergency and sedation"); contacts are kept apart.
 */
export const URGENCY_SHEET_SOURCE = 'SFAP, fiche URGENCE PALLIA (faits de référence du projet : clinical-scales.md)';
export const URGENCY_SHEET_FIELDS = {
  illnesses: 'Maladies et situation actuelle',
  expectedSymptoms: 'Symptômes attendus',
  productsAtHome: 'Produits disponibles au domicile (prescriptions anticipées personnalisées)',
  goalsOfCare: 'Objectifs des soins',
  resuscitation: 'Choix concernant la réanimation',
  sedationDiscussed: 'La sédation a-t-elle été discutée ? (avec qui, quand)',
} as const;
export type UrgencySheetField = keyof typeof URGENCY_SHEET_FIELDS;
const urgencySheetSchema = z.object(
  Object.fromEntries(Object.entries(URGENCY_SHEET_FIELDS).map(([k, label]) => [k, optionalText(label, 4000)])) as Record<UrgencySheetField, ReturnType<typeof optionalText>>,
);
const contactSchema = z.object({ name: text('Le nom du contact', 200), role: optionalText('Le rôle du contact', 200), phone: optionalText('Le téléphone', 40) });
export const dormantFileInputSchema = z.object({
  structureId: z.uuid({ error: 'Choisissez l’HAD dans l’annuaire.' }),
  urgencySheet: urgencySheetSchema.optional().default({} as never),
  contacts: z.array(contactSchema).max(20).optional().default([]),
});
export const dormantFileUpdateSchema = z.object({ urgencySheet: urgencySheetSchema, contacts: z.array(contactSchema).max(20) });
export const dormantDocumentInputSchema = z.object({
  documentId: z.string({ error: 'Choisissez un document du kit.' }).min(1).max(100),
  values: z.record(z.string().max(60), z.string().max(2000)).optional().default({}),
});
export const dormantFileSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  structureId: z.string(),
  structureName: z.string(),
  status: z.enum(['dormant', 'activated', 'closed']),
  urgencySheet: z.record(z.string(), z.string()),
  contacts: z.array(z.object({ name: z.string(), role: z.string(), phone: z.string() })),
  documents: z.array(z.object({ id: z.string(), kitDocumentId: z.string(), kitVersion: z.number(), title: z.string(), createdAt: z.string() })),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
  activatedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type DormantFile = z.infer<typeof dormantFileSchema>;

// ---------------------------------------------------------------- mini-RCP flash
export const rcpCriterionSchema = z.object({ id: z.string().min(1).max(40), text: text('Le critère', 500), source: optionalText('La source', 300) });
export const rcpSeriesInputSchema = z.object({
  departement: z.string({ error: 'Le département est requis.' }).regex(/^(\d{2}|2A|2B|\d{3})$/, 'Le département est un code (73, 2A, 974…).'),
  title: text('Le titre', 200),
  weekday: z.number({ error: 'Le jour de la semaine est requis (1 = lundi … 7 = dimanche).' }).int().min(1).max(7),
  localTime: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'L’heure est au format HH:MM.'),
  durationMinutes: z.number().int().min(10, 'La durée est d’au moins 10 minutes.').max(240, 'La durée ne peut pas dépasser 240 minutes.'),
  videoLink: z.union([z.url({ error: 'Le lien de visioconférence doit être une adresse web.' }), z.literal('')]).optional().default(''),
  maxCases: z.number().int().min(1, 'Au moins un cas par réunion.').max(20, 'Au plus 20 cas par réunion.'),
  criteria: z.array(rcpCriterionSchema).max(20).optional().default([]),
});
/** What an organiser may change of a series: everything but its department (upcoming meetings follow, past ones keep their date). */
export const rcpSeriesUpdateSchema = rcpSeriesInputSchema.omit({ departement: true, criteria: true }).extend({
  /** Omitted: the access criteria stay as they are. */
  criteria: z.array(rcpCriterionSchema).max(20).optional(),
});
export const rcpSeriesSchema = z.object({
  id: z.string(),
  departement: z.string(),
  title: z.string(),
  weekday: z.number(),
  localTime: z.string(),
  durationMinutes: z.number(),
  videoLink: z.string(),
  maxCases: z.number(),
  criteria: z.array(z.object({ id: z.string(), text: z.string(), source: z.string() })),
  upcoming: z.array(z.object({ meetingAt: z.string(), cases: z.number() })),
  /** Meetings already begun that have cases or registered participants, most recent first (attendance is recorded on them). */
  recent: z.array(z.object({ meetingAt: z.string(), cases: z.number(), attendanceRecorded: z.boolean() })),
});
/** One meeting: its agenda and who took part (the sheet is filled by an organiser once the meeting has begun). */
export const rcpAgendaSchema = z.object({
  series: rcpSeriesSchema,
  meetingAt: z.string(),
  /** The meeting has begun: attendance can be recorded. */
  started: z.boolean(),
  participants: z.array(z.string()),
  /** Registered participants and case submitters; `attended` is null until the sheet is recorded. */
  attendance: z.array(z.object({ userId: z.string(), name: z.string(), registered: z.boolean(), attended: z.boolean().nullable() })),
  attendanceRecordedAt: z.string().nullable(),
  cases: z.array(z.object({ id: z.string(), patientLabel: z.string(), question: z.string(), submitterName: z.string(), status: z.string() })),
});
export type RcpAgenda = z.infer<typeof rcpAgendaSchema>;
export const rcpAttendanceSheetSchema = z.object({
  meetingAt: z.iso.datetime({ offset: true, error: 'La date de la réunion doit être une date et heure ISO.' }),
  attendedUserIds: z.array(z.uuid({ error: 'Cochez les participants dans la liste.' })).max(200, 'Au plus 200 participants.'),
});
/** Who may own an action decided on a case: the patient's care circle and the meeting's participants. */
export const rcpOwnerCandidateSchema = z.object({ userId: z.string(), name: z.string(), reason: z.string() });
export type RcpOwnerCandidate = z.infer<typeof rcpOwnerCandidateSchema>;
export const rcpCaseInputSchema = z.object({
  seriesId: z.uuid({ error: 'Choisissez la réunion.' }),
  question: text('La question posée', 4000),
  criteriaChecked: z.array(z.string().max(40)).max(20).optional().default([]),
  idempotencyKey,
});
export const rcpCaseSchema = z.object({
  id: z.string(),
  seriesId: z.string(),
  meetingAt: z.string(),
  postponed: z.boolean(),
  patientId: z.string(),
  /** Minimal identity for the meeting: initials and age. */
  patientLabel: z.string(),
  question: z.string(),
  submitterName: z.string(),
  status: z.enum(['scheduled', 'discussed']),
  report: z.object({ summary: z.string(), decisions: z.string() }).nullable(),
  actions: z.array(z.object({ id: z.string(), label: z.string(), ownerId: z.string(), ownerName: z.string(), dueOn: z.string(), doneAt: z.string().nullable(), overdue: z.boolean() })),
});
export type RcpCase = z.infer<typeof rcpCaseSchema>;
export const rcpReportInputSchema = z.object({
  summary: text('La synthèse', 10_000),
  decisions: text('Les décisions', 10_000),
  actions: z
    .array(z.object({ label: text('L’action', 1000), ownerId: z.uuid({ error: 'Choisissez le responsable de l’action.' }), dueOn: isoDay('L’échéance') }))
    .max(30)
    .optional()
    .default([]),
});
export const rcpActionSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  patientId: z.string(),
  patientLabel: z.string(),
  label: z.string(),
  dueOn: z.string(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});
