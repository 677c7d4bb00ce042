import { z } from 'zod';
import { forumStatsSchema } from './forum';
import { questionStatsSchema } from './quiz';

// Teacher analytics of a course (#4 « Tableaux de bord enseignants ») and the end-of-course
// satisfaction survey of seed 000 (note sur 5, utile, recommanderait, commentaire).
// Every figure travels with its denominator so that a screen never shows a bare percentage.

const yesNo = (label: string) =>
  z
    .boolean({ error: `${label} : répondez oui ou non.` })
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export const satisfactionInputSchema = z
  .object({
    rating: z
      .number({ error: 'La note doit être un nombre entier de 1 à 5.' })
      .int('La note doit être un nombre entier de 1 à 5.')
      .min(1, 'La note doit être comprise entre 1 et 5.')
      .max(5, 'La note doit être comprise entre 1 et 5.')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    useful: yesNo('Formation utile'),
    wouldRecommend: yesNo('Recommanderiez-vous'),
    comment: z
      .string({ error: 'Le commentaire doit être un texte.' })
      .trim()
      .max(2000, 'Le commentaire ne peut pas dépasser 2 000 caractères.')
      .optional()
      .transform((v) => v ?? ''),
  })
  .superRefine((v, ctx) => {
    if (v.rating === null && v.useful === null && v.wouldRecommend === null && v.comment === '')
      ctx.addIssue({ code: 'custom', path: ['rating'], message: 'Répondez à au moins une question (la note, par exemple).' });
  });
export type SatisfactionInput = z.input<typeof satisfactionInputSchema>;

export const satisfactionAnswerSchema = z.object({
  sessionId: z.string(),
  rating: z.number().nullable(),
  useful: z.boolean().nullable(),
  wouldRecommend: z.boolean().nullable(),
  comment: z.string(),
  answeredAt: z.string(),
});
export type SatisfactionAnswer = z.infer<typeof satisfactionAnswerSchema>;

/** What a learner sees: whether the survey is offered now, and their answer once given. */
export const satisfactionStatusSchema = z.object({
  sessionId: z.string(),
  offered: z.boolean(),
  /** Why it is not offered yet, in French. */
  reason: z.string().nullable(),
  answer: satisfactionAnswerSchema.nullable(),
});
export type SatisfactionStatus = z.infer<typeof satisfactionStatusSchema>;

export const analyticsQuerySchema = z.object({
  session: z.uuid({ error: "L'identifiant de la session n'est pas valide." }).optional(),
  bucket: z.enum(['day', 'week'], { error: 'La période doit être « day » ou « week ».' }).optional().default('week'),
});
export type AnalyticsQuery = z.input<typeof analyticsQuerySchema>;

export const ANALYTICS_TABLES = ['inscriptions', 'professions', 'regions', 'departements', 'completion', 'lecons', 'quiz', 'forum', 'satisfaction', 'commentaires'] as const;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];
export const analyticsCsvParamsSchema = z.object({
  id: z.uuid({ error: "L'identifiant du cours n'est pas valide." }),
  table: z.enum(ANALYTICS_TABLES, { error: `Tableau inconnu : choisissez parmi ${ANALYTICS_TABLES.join(', ')}.` }),
});

/** A count out of a denominator; rate is count / total (0..1), null when total is 0. */
export const shareSchema = z.object({ count: z.number(), total: z.number(), rate: z.number().nullable() });
export type Share = z.infer<typeof shareSchema>;

export const courseAnalyticsSchema = z.object({
  courseId: z.string(),
  courseTitle: z.string(),
  sessions: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string() })),
  /** null: every session of the course. */
  sessionId: z.string().nullable(),
  bucket: z.enum(['day', 'week']),
  /** Learners enrolled (not waiting, not withdrawn): the denominator of the learner tables. */
  enrolled: z.number(),
  registrations: z.array(z.object({ period: z.string(), count: z.number(), cumulative: z.number() })),
  professions: z.array(z.object({ profession: z.string(), label: z.string(), share: shareSchema })),
  /** area: « France métropolitaine », « Outre-mer », or « Non renseigné (étranger…) » when no département is given. */
  regions: z.array(z.object({ code: z.string().nullable(), label: z.string(), area: z.string(), share: shareSchema })),
  departements: z.array(z.object({ code: z.string().nullable(), label: z.string(), region: z.string(), share: shareSchema })),
  completion: z.object({
    course: shareSchema,
    modules: z.array(z.object({ moduleId: z.string(), position: z.number(), title: z.string(), share: shareSchema })),
  }),
  lessons: z.array(z.object({ lessonId: z.string(), title: z.string(), module: z.string(), viewers: shareSchema })),
  quizzes: z.array(z.object({ quizId: z.string(), title: z.string(), kind: z.string(), questions: z.array(questionStatsSchema) })),
  forum: forumStatsSchema,
  satisfaction: z.object({
    /** Learners who answered the survey, out of those enrolled. */
    respondents: shareSchema,
    rating: z.object({ mean: z.number().nullable(), answered: z.number(), distribution: z.array(z.object({ rating: z.number(), count: z.number() })) }),
    useful: shareSchema,
    wouldRecommend: shareSchema,
    comments: z.array(z.object({ rating: z.number().nullable(), text: z.string(), answeredAt: z.string() })),
  }),
});
export type CourseAnalytics = z.infer<typeof courseAnalyticsSchema>;
