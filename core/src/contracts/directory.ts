import { z } from 'zod';
import { directoryContactSchema, scheduleSchema } from '../directory/opening-hours';

export const AUDIENCES = { professionnels: 'Professionnels', patients: 'Patients', familles: 'Familles et proches' } as const;
export type Audience = keyof typeof AUDIENCES;
export const audienceSchema = z.enum(Object.keys(AUDIENCES) as [Audience, ...Audience[]], { error: 'Public inconnu.' });

/** An entry whose data was last confirmed longer ago than this is shown "à vérifier". */
export const STALE_AFTER_DAYS = 183;

export const structureTypeSchema = z.object({
  code: z.string(),
  label: z.string(),
  description: z.string(),
  source: z.string().nullable(),
  /** The description is not (or not as a general description) in its source: editors must review it. */
  editorReview: z.boolean(),
  /** Why, in French, for editors; null when not flagged. */
  editorReviewReason: z.string().nullable(),
});
export type StructureType = z.infer<typeof structureTypeSchema>;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} ne peut pas dépasser ${max} caractères.`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const depCode = z.string().trim().regex(/^(\d{2}|2A|2B|9[78]\d)$/, "Code de département non valide (ex. 06, 2A, 974).");
const communeCode = z.string().trim().regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE de commune non valide (5 caractères).');

export const coverageInputSchema = z.object({
  departements: z.array(depCode).max(120, 'Au plus 120 départements.').default([]),
  communes: z.array(communeCode).max(5000, 'Au plus 5 000 communes.').default([]),
});
export type CoverageInput = z.infer<typeof coverageInputSchema>;

export const structureInputSchema = z.object({
  name: z.string({ error: 'Le nom est requis.' }).trim().min(2, 'Le nom est requis (2 caractères au moins).').max(200, 'Le nom ne peut pas dépasser 200 caractères.'),
  types: z.array(z.string().trim().min(1).max(40), { error: 'Choisissez au moins un type.' }).min(1, 'Choisissez au moins un type.').max(6, 'Au plus 6 types.'),
  parentId: z.uuid({ error: "L'organisation de rattachement n'est pas valide." }).nullable().optional(),
  finess: z
    .string()
    .trim()
    .regex(/^[0-9AB]{9}$/, 'Le numéro FINESS comporte 9 caractères.')
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  siret: z
    .string()
    .trim()
    .regex(/^\d{14}$/, 'Le SIRET comporte 14 chiffres.')
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  rorId: optionalText(60, "L'identifiant ROR"),
  addressLine: optionalText(300, "L'adresse"),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'Le code postal comporte 5 chiffres.')
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  communeCode: communeCode.nullable().optional(),
  latitude: z.number({ error: 'La latitude doit être un nombre.' }).min(-90).max(90).nullable().optional(),
  longitude: z.number({ error: 'La longitude doit être un nombre.' }).min(-180).max(180).nullable().optional(),
  audience: z.array(audienceSchema).min(1, 'Indiquez qui peut faire appel à la structure.').default(['professionnels']),
  contacts: z.array(directoryContactSchema).max(30, 'Au plus 30 contacts.').default([]),
  openingHours: scheduleSchema.nullable().optional(),
  accessDelayDays: z.number({ error: "Le délai d'accès doit être un nombre de jours." }).int().min(0).max(365).nullable().optional(),
  accessDelayConfirmedAt: z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ.' }).nullable().optional(),
  capacityBeds: z.number({ error: 'La capacité doit être un nombre de lits.' }).int().min(0).max(10000).nullable().optional(),
  description: optionalText(5000, 'La description'),
  coverage: coverageInputSchema.default({ departements: [], communes: [] }),
});
export type StructureInput = z.infer<typeof structureInputSchema>;
export type StructureInputRaw = z.input<typeof structureInputSchema>;

export const structureSchema = z.object({
  id: z.string(),
  name: z.string(),
  types: z.array(z.string()),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  finess: z.string().nullable(),
  siret: z.string().nullable(),
  rorId: z.string().nullable(),
  addressLine: z.string().nullable(),
  postalCode: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  departement: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  timeZone: z.string(),
  audience: z.array(audienceSchema),
  contacts: z.array(directoryContactSchema),
  openingHours: scheduleSchema.nullable(),
  accessDelayDays: z.number().nullable(),
  accessDelayConfirmedAt: z.string().nullable(),
  capacityBeds: z.number().nullable(),
  description: z.string().nullable(),
  coverage: z.object({ departements: z.array(z.string()), communes: z.array(z.object({ code: z.string(), nom: z.string() })) }),
  status: z.enum(['pending', 'published', 'archived']),
  isDemo: z.boolean(),
  confirmedAt: z.string(),
  toVerify: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
  url: z.string(),
});
export type Structure = z.infer<typeof structureSchema>;

export const callNowSchema = z.object({
  kind: z.string(),
  label: z.string().nullable(),
  number: z.string(),
  reason: z.enum(['horaires_ouverture', 'ligne_nuit_weekend']),
  openUntil: z.string().nullable(),
});

export const coverageQuerySchema = z.object({
  commune: communeCode,
  at: z.iso.datetime({ offset: true, error: 'Le moment doit être une date ISO 8601 avec fuseau (ex. 2026-11-21T21:00:00+01:00).' }).optional(),
  type: z.string().trim().max(40).optional(),
});

export const coverageStructureSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  types: z.array(z.string()),
  accessDelayDays: z.number().nullable(),
  accessDelayConfirmedAt: z.string().nullable(),
  toVerify: z.boolean(),
  isDemo: z.boolean(),
  call: callNowSchema.nullable(),
  nextOpening: z.string().nullable(),
  email: z.string().nullable(),
  coversWholeDepartement: z.boolean(),
});
export type CoverageStructure = z.infer<typeof coverageStructureSchema>;

export const coverageAnswerSchema = z.object({
  commune: z.object({ code: z.string(), nom: z.string(), departement: z.string(), codesPostaux: z.array(z.string()) }),
  at: z.string(),
  groups: z.array(z.object({ type: z.string(), label: z.string(), structures: z.array(coverageStructureSchema) })),
});
export type CoverageAnswer = z.infer<typeof coverageAnswerSchema>;

export const structureSearchQuerySchema = z.object({
  q: z.string().trim().max(200, 'La recherche ne peut pas dépasser 200 caractères.').optional(),
  type: z.string().trim().max(40).optional(),
  departement: depCode.optional(),
  status: z.enum(['pending', 'published', 'archived']).optional(),
  page: z.coerce.number().int().min(1, 'La page doit être au moins 1.').max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const structureSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  types: z.array(z.string()),
  departement: z.string().nullable(),
  communeName: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  status: z.enum(['pending', 'published', 'archived']),
  toVerify: z.boolean(),
  isDemo: z.boolean(),
  url: z.string(),
  snippet: z.string().nullable(),
});
export type StructureSummary = z.infer<typeof structureSummarySchema>;
export const structureSearchAnswerSchema = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(structureSummarySchema) });

export const structureVersionSchema = z.object({
  version: z.number(),
  changedAt: z.string(),
  changedByEmail: z.string().nullable(),
  changeKind: z.string(),
  changedFields: z.array(z.string()),
});

export const REPORT_STATUSES = { ouvert: 'Ouvert', en_cours: 'En cours', corrige: 'Corrigé', rejete: 'Rejeté' } as const;
export type ReportStatus = keyof typeof REPORT_STATUSES;
export const reportInputSchema = z.object({
  field: z.string().trim().max(100).optional(),
  message: z.string({ error: 'Décrivez l’erreur.' }).trim().min(5, 'Décrivez l’erreur (5 caractères au moins).').max(2000, 'Le message ne peut pas dépasser 2 000 caractères.'),
  email: z.email({ error: "L'adresse e-mail n'est pas valide." }).optional(),
});
export const reportAnswerSchema = z.object({
  status: z.enum(['en_cours', 'corrige', 'rejete'], { error: 'Choisissez un statut.' }),
  answer: z.string().trim().min(2, 'Écrivez une réponse.').max(2000),
});
export const structureReportSchema = z.object({
  id: z.string(),
  structureId: z.string(),
  field: z.string().nullable(),
  message: z.string(),
  status: z.enum(['ouvert', 'en_cours', 'corrige', 'rejete']),
  answer: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
