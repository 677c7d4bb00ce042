import { z } from 'zod';
import { isoInstant as instant } from './fields';

// Pure rules of the domain travel with its contracts (one export line in core/src/index.ts).
export * from '../surveys';


export const SURVEY_MODES = { anonymous: 'Anonyme (sans connexion)', identified: 'Identifié (une réponse par personne connectée)' } as const;
export const surveyModeSchema = z.enum(['anonymous', 'identified'], { error: 'Le mode doit être « anonymous » ou « identified ».' });
export const surveyStateSchema = z.enum(['not_yet_open', 'open', 'closed']);
export type SurveyState = z.infer<typeof surveyStateSchema>;

export const surveyItemSchema = z.object({
  linkId: z.string(),
  text: z.string(),
  kind: z.enum(['single', 'multiple', 'boolean', 'integer', 'decimal', 'scale', 'text', 'date']),
  required: z.boolean(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.object({ code: z.string(), label: z.string() })),
  enableWhen: z.array(z.object({ question: z.string(), operator: z.enum(['exists', '=', '!=', '>', '<', '>=', '<=']), answer: z.union([z.string(), z.number(), z.boolean()]) })),
  enableBehavior: z.enum(['all', 'any']),
  section: z.object({ linkId: z.string(), text: z.string() }).nullable(),
  scaleGroup: z.object({ linkId: z.string(), text: z.string() }).nullable(),
});

export const surveySummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  isTemplate: z.boolean(),
  isDemo: z.boolean(),
  mode: surveyModeSchema,
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  state: surveyStateSchema,
  questionCount: z.number().int(),
  responseCount: z.number().int(),
  draftCount: z.number().int(),
  /** The public link (absent for a template). */
  publicUrl: z.string().nullable(),
});
export type SurveySummary = z.infer<typeof surveySummarySchema>;

export const surveyDetailSchema = surveySummarySchema.extend({
  description: z.string(),
  questions: z.array(surveyItemSchema),
});
export type SurveyDetail = z.infer<typeof surveyDetailSchema>;

export const fhirQuestionnaireSchema = z.looseObject({ resourceType: z.literal('Questionnaire', { error: 'Le fichier doit être une ressource FHIR « Questionnaire ».' }) });

export const surveyCreateSchema = z.union(
  [
    z.object({ templateId: z.uuid({ error: "L'identifiant du modèle n'est pas valide." }), title: z.string().trim().min(1).max(200).optional() }),
    z.object({ questionnaire: fhirQuestionnaireSchema, title: z.string().trim().min(1).max(200).optional() }),
  ],
  { error: 'Donnez un questionnaire FHIR (questionnaire) ou un modèle (templateId).' },
);
export type SurveyCreateInput = z.infer<typeof surveyCreateSchema>;

export const surveySettingsSchema = z
  .object({
    title: z.string({ error: 'Le titre est requis.' }).trim().min(1, 'Le titre est requis.').max(200, 'Le titre ne peut pas dépasser 200 caractères.'),
    mode: surveyModeSchema,
    opensAt: instant("La date d'ouverture").nullable(),
    closesAt: instant('La date de clôture').nullable(),
  })
  .refine((v) => !v.opensAt || !v.closesAt || new Date(v.opensAt) < new Date(v.closesAt), { path: ['closesAt'], message: "La date de clôture doit suivre la date d'ouverture." });
export type SurveySettingsInput = z.infer<typeof surveySettingsSchema>;

export const answersInputSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]), { error: 'Les réponses doivent être un objet { linkId: valeur }.' });

export const draftBodySchema = z.object({
  /** Anonymous mode: a random key the browser keeps, so saving again updates the same draft. */
  draftKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'La clé de brouillon doit compter 16 à 64 lettres, chiffres ou tirets.').optional(),
  answers: answersInputSchema,
});
export type DraftBody = z.infer<typeof draftBodySchema>;

export const respondentViewSchema = z.object({
  title: z.string(),
  description: z.string(),
  mode: surveyModeSchema,
  state: surveyStateSchema,
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  questions: z.array(surveyItemSchema),
  /** Identified mode: the user's own answers so far. */
  mine: z.object({ status: z.enum(['draft', 'submitted']), answers: z.record(z.string(), z.unknown()), updatedAt: z.string() }).nullable(),
});
export type RespondentView = z.infer<typeof respondentViewSchema>;

export const savedResponseSchema = z.object({ status: z.enum(['draft', 'submitted']), updatedAt: z.string(), submittedAt: z.string().nullable() });

export const importResultSchema = z.object({ importId: z.uuid(), imported: z.number().int(), alreadyImported: z.boolean() });
export const importProblemSchema = z.object({ line: z.number().int().optional(), column: z.string(), message: z.string() });
export const importRejectedSchema = z.object({ code: z.literal('invalid_file'), message: z.string(), problems: z.array(importProblemSchema), problemCount: z.number().int() });
export type ImportRejected = z.infer<typeof importRejectedSchema>;

const dimensionSchema = z.object({
  linkId: z.string().min(1, 'Choisissez une question.'),
  merges: z.array(z.object({ label: z.string().trim().min(1, 'Le regroupement doit avoir un nom.').max(80), codes: z.array(z.string()).min(1, 'Le regroupement doit contenir au moins une réponse.') })).max(30).optional(),
  bins: z
    .array(z.object({ label: z.string().trim().min(1, 'La classe doit avoir un nom.').max(80), min: z.number().nullable().optional(), max: z.number().nullable().optional() }))
    .max(30)
    .optional(),
});
export const reportOptionsSchema = z.object({
  groupBy: dimensionSchema.nullable().optional(),
  crossTables: z.array(z.object({ rows: dimensionSchema, columns: z.string().min(1, 'Choisissez la question en colonnes.') })).max(10).optional(),
});
export type ReportOptionsInput = z.infer<typeof reportOptionsSchema>;

export const themesBodySchema = z.object({
  themes: z.array(z.string().trim().min(1, 'Un thème ne peut pas être vide.').max(60, 'Un thème ne peut pas dépasser 60 caractères.')).max(10, 'Au plus 10 thèmes par réponse.'),
});
