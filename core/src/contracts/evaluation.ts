import { z } from 'zod';

// Pure rules of the domain travel with its contracts (one export line in core/src/index.ts).
export * from '../evaluation';
export * from '../billing';

const answerValue = z.union([z.boolean(), z.number(), z.string().max(200), z.null()]);

/** Answers keyed by linkId; each value is checked against its item by checkAnswers (message naming the linkId). */
export const scaleAnswersSchema = z.record(z.string().max(60), answerValue, { error: 'Les réponses doivent être un objet { "linkId": valeur }.' });

export const scoreRequestSchema = z.object({
  answers: scaleAnswersSchema,
});

export const scoreAnswerSchema = z.object({
  scaleId: z.string(),
  version: z.string(),
  score: z.number().nullable(),
  interpretation: z.string(),
  thresholdReached: z.boolean(),
  highlighted: z.array(z.string()),
});
export type ScoreAnswer = z.infer<typeof scoreAnswerSchema>;

export const scaleSummarySchema = z.object({
  id: z.string(),
  version: z.string(),
  date: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  description: z.string(),
  questionnaireUrl: z.string(),
  unconfirmed: z.boolean(),
});
export type ScaleSummary = z.infer<typeof scaleSummarySchema>;

const scaleIdSchema = z.enum(['esas-r', 'pallia-10', 'algoplus', 'en', 'eva', 'evs', 'dn4', 'rass', 'ps-oms'], {
  error: 'Échelle inconnue : esas-r, pallia-10, algoplus, en, eva, evs, dn4, rass ou ps-oms.',
});

/** The standard sheet: several scales answered together, plus a typed PPS value (its table is not shipped). */
export const evaluationSheetSchema = z.object({
  scales: z
    .array(z.object({ scaleId: scaleIdSchema, answers: scaleAnswersSchema }))
    .min(1, 'Remplissez au moins une échelle.')
    .max(12),
  pps: z.number().int().min(0, 'Le PPS est compris entre 0 et 100 %.').max(100, 'Le PPS est compris entre 0 et 100 %.').multipleOf(10, 'Le PPS se cote par paliers de 10 %.').nullable().optional(),
  /** Free text the professional types (initials, not a full identity, in calculator mode). */
  patientLabel: z.string().trim().max(80, 'Le repère patient ne peut pas dépasser 80 caractères.').optional().default(''),
  evaluator: z.string().trim().max(120, 'Le nom de l’évaluateur ne peut pas dépasser 120 caractères.').optional().default(''),
  communeCode: z.string().regex(/^[0-9AB]{5}$/, 'Le code commune (INSEE) comporte 5 caractères.').optional(),
});
export type EvaluationSheetInput = z.input<typeof evaluationSheetSchema>;

export const billingEligibilitySchema = z.object({
  profession: z.enum(['medecin', 'infirmier', 'kinesitherapeute'], { error: 'Choisissez : médecin, infirmier(e) ou masseur-kinésithérapeute.' }),
  patient: z.object({
    palliative: z.boolean(),
    age: z.number().int().min(0, 'L’âge doit être positif.').max(130, 'L’âge ne peut pas dépasser 130 ans.').nullable().optional(),
    exoneratingAld: z.boolean().default(false),
    neurodegenerative: z.boolean().default(false),
    unableToTravel: z.boolean().default(false),
  }),
  act: z.object({
    homeVisit: z.boolean(),
    treatingGp: z.boolean().optional(),
    becomingTreatingGp: z.boolean().optional(),
    vlThisYear: z.number().int().min(0).max(366).optional(),
    ngapTitleXviCare: z.boolean().optional(),
    prescriptionSaysPalliative: z.boolean().optional(),
  }),
});

const memoText = (label: string, max: number) => z.string({ error: `${label} est requis.` }).trim().min(1, `${label} est requis.`).max(max, `${label} ne peut pas dépasser ${max} caractères.`);
const memoList = (label: string) => z.array(memoText(label, 2000)).max(20);

/** One code of the memo as an editor sends it; the eligibility rules stay keyed by the code. */
export const billingCodeSchema = z.object({
  code: z.enum(['VSP', 'VL', 'MCI', 'PLL', 'BSI', 'MD'], { error: 'Code inconnu : VSP, VL, MCI, PLL, BSI ou MD.' }),
  label: memoText('Le libellé', 200),
  profession: z.enum(['medecin', 'infirmier', 'kinesitherapeute'], { error: 'Profession inconnue.' }),
  who: memoText('« Qui peut coter »', 200),
  amount: memoText('Le montant', 200),
  conditions: memoList('Une condition').min(1, 'Indiquez au moins une condition.'),
  combination: memoList('Une règle de cumul'),
  supportingDocuments: memoList('Un justificatif'),
  sources: memoList('Une source').min(1, 'Indiquez au moins une source.'),
  unconfirmed: memoList('Un point à confirmer'),
});

export const billingMemoInputSchema = z.object({
  codes: z
    .array(billingCodeSchema)
    .refine((codes) => ['VSP', 'VL', 'MCI', 'PLL', 'BSI', 'MD'].every((c) => codes.filter((x) => x.code === c).length === 1), 'Le mémo contient chacun des codes VSP, VL, MCI, PLL, BSI et MD, une fois.'),
  changeNote: z.string().trim().max(1000, 'La note de version ne peut pas dépasser 1000 caractères.').optional().default(''),
  /** The version the editor started from: 409 if another was published in between. */
  baseVersion: z.number({ error: 'Indiquez la version de départ (baseVersion).' }).int().min(1),
});
