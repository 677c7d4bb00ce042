import { z } from 'zod';

// Pure scoring travels with the contracts (one export line in core/src/index.ts).
export * from '../learning/quiz-scoring';

const id = (label: string) => z.string({ error: `${label} est requis.` }).trim().min(1, `${label} est requis.`).max(40, `${label} ne peut pas dépasser 40 caractères.`);
const txt = (label: string, max: number) =>
  z.string({ error: `${label} est requis.` }).trim().min(1, `${label} est requis.`).max(max, `${label} ne peut pas dépasser ${max} caractères.`);
const optional = (label: string, max: number) => z.string().trim().max(max, `${label} ne peut pas dépasser ${max} caractères.`).optional();

const choiceSchema = z.object({ id: id("L'identifiant du choix"), text: txt('Le texte du choix', 500), feedback: optional('Le commentaire du choix', 1000) });
const choices = z.array(choiceSchema).min(2, 'Donnez au moins deux choix.').max(12, 'Pas plus de 12 choix.');

export const questionSpecSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('single'), choices, correct: id('La bonne réponse') }),
    z.object({ kind: z.literal('multiple'), choices, correct: z.array(id('Une bonne réponse')).min(1, 'Cochez au moins une bonne réponse.') }),
    z.object({ kind: z.literal('true_false'), correct: z.boolean({ error: 'Indiquez si l’affirmation est vraie ou fausse.' }), feedbackTrue: optional('Le commentaire', 1000), feedbackFalse: optional('Le commentaire', 1000) }),
    z.object({
      kind: z.literal('numeric'),
      value: z.number({ error: 'La valeur attendue doit être un nombre.' }),
      tolerance: z.number({ error: 'La tolérance doit être un nombre.' }).min(0, 'La tolérance ne peut pas être négative.'),
      unit: optional("L'unité", 30),
    }),
    z.object({ kind: z.literal('short'), accepted: z.array(txt('Une réponse acceptée', 200)).min(1, 'Donnez au moins une réponse acceptée.').max(20) }),
    z.object({
      kind: z.literal('matching'),
      pairs: z.array(z.object({ id: id("L'identifiant de la paire"), left: txt("L'élément de gauche", 300), right: txt("L'élément de droite", 300) })).min(2, 'Donnez au moins deux paires.').max(12),
    }),
    z.object({ kind: z.literal('ordering'), items: z.array(z.object({ id: id("L'identifiant de l'élément"), text: txt("L'élément", 300) })).min(2, 'Donnez au moins deux éléments.').max(12) }),
  ],
  { error: 'Le type de question doit être single, multiple, true_false, numeric, short, matching ou ordering.' },
);

export const QUESTION_KINDS = {
  single: 'Choix unique',
  multiple: 'Choix multiples',
  true_false: 'Vrai / faux',
  numeric: 'Réponse numérique',
  short: 'Réponse courte',
  matching: 'Appariement',
  ordering: 'Remise en ordre',
} as const;

export const questionInputSchema = z
  .object({
    prompt: txt("L'énoncé", 2000),
    explanation: z.string().trim().max(4000, "L'explication ne peut pas dépasser 4000 caractères.").optional().default(''),
    tags: z.array(z.string().trim().min(1).max(60)).max(10, 'Pas plus de 10 étiquettes.').optional().default([]),
    source: z.string().trim().max(300, 'La source ne peut pas dépasser 300 caractères.').optional().default(''),
    spec: questionSpecSchema,
  })
  .superRefine((q, ctx) => {
    const s = q.spec;
    const unique = (ids: string[], path: (string | number)[]) => {
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path, message: 'Deux éléments portent le même identifiant.' });
    };
    if (s.kind === 'single' || s.kind === 'multiple') {
      unique(s.choices.map((c) => c.id), ['spec', 'choices']);
      const known = new Set(s.choices.map((c) => c.id));
      const correct = s.kind === 'single' ? [s.correct] : s.correct;
      if (correct.some((c) => !known.has(c))) ctx.addIssue({ code: 'custom', path: ['spec', 'correct'], message: 'La bonne réponse doit être un des choix proposés.' });
    }
    if (s.kind === 'matching') unique(s.pairs.map((p) => p.id), ['spec', 'pairs']);
    if (s.kind === 'ordering') unique(s.items.map((p) => p.id), ['spec', 'items']);
  });
export type QuestionInput = z.infer<typeof questionInputSchema>;

export const questionSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  prompt: z.string(),
  explanation: z.string(),
  tags: z.array(z.string()),
  source: z.string(),
  spec: questionSpecSchema,
  updatedAt: z.string(),
});
export type Question = z.infer<typeof questionSchema>;

export const responseSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('single'), choiceId: z.string().max(40) }),
    z.object({ kind: z.literal('multiple'), choiceIds: z.array(z.string().max(40)).max(12) }),
    z.object({ kind: z.literal('true_false'), value: z.boolean({ error: 'Répondez vrai ou faux.' }) }),
    z.object({ kind: z.literal('numeric'), value: z.number({ error: 'La réponse doit être un nombre.' }) }),
    z.object({ kind: z.literal('short'), text: z.string().max(200, 'La réponse ne peut pas dépasser 200 caractères.') }),
    z.object({ kind: z.literal('matching'), matches: z.record(z.string().max(40), z.string().max(40)) }),
    z.object({ kind: z.literal('ordering'), order: z.array(z.string().max(40)).max(12) }),
  ],
  { error: 'La réponse ne correspond à aucun type de question.' },
);
export const answerBodySchema = z.object({ response: responseSchema });

export const QUIZ_KINDS = { self_assessment: 'Auto-évaluation', graded: 'Évaluation notée' } as const;
export const REVIEW_MODES = {
  after_submit: 'Correction dès la remise',
  after_close: 'Correction après la fermeture du quiz',
  score_only: 'Note seulement, sans correction',
} as const;

const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label} doit être une date ISO 8601 avec fuseau.` });

export const quizSelectionSchema = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('fixed'), questionIds: z.array(z.uuid({ error: "Une question choisie n'est pas valide." })).min(1, 'Choisissez au moins une question.').max(100) }),
    z.object({
      mode: z.literal('draw'),
      count: z.number({ error: 'Le nombre de questions tirées doit être un nombre.' }).int().min(1, 'Tirez au moins une question.').max(100),
      tags: z.array(z.string().trim().min(1).max(60)).max(10).optional().default([]),
    }),
  ],
  { error: 'Le choix des questions doit être « fixed » (liste) ou « draw » (tirage).' },
);

export const quizInputSchema = z
  .object({
    title: txt('Le titre', 200),
    description: z.string().trim().max(4000).optional().default(''),
    kind: z.enum(['self_assessment', 'graded'], { error: 'Le type doit être « self_assessment » ou « graded ».' }),
    isFinal: z.boolean().optional().default(false),
    selection: quizSelectionSchema,
    maxAttempts: z.number().int().min(1, 'Au moins une tentative.').max(50).nullable().optional().default(null),
    passMarkPercent: z.number({ error: 'Le seuil de réussite doit être un pourcentage.' }).min(0, 'Le seuil de réussite est entre 0 et 100.').max(100, 'Le seuil de réussite est entre 0 et 100.').optional().default(0),
    opensAt: instant("L'ouverture").nullable().optional().default(null),
    closesAt: instant('La fermeture').nullable().optional().default(null),
    timeLimitMinutes: z.number().int().min(1, 'La durée limite est d’au moins une minute.').max(600).nullable().optional().default(null),
    reviewMode: z.enum(['after_submit', 'after_close', 'score_only']).optional().default('after_submit'),
  })
  .superRefine((q, ctx) => {
    if (q.opensAt && q.closesAt && Date.parse(q.opensAt) >= Date.parse(q.closesAt)) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: "La fermeture doit suivre l'ouverture." });
    }
    if (q.isFinal && q.kind !== 'graded') ctx.addIssue({ code: 'custom', path: ['isFinal'], message: "L'évaluation finale doit être une évaluation notée." });
  });
export type QuizInput = z.infer<typeof quizInputSchema>;

export const quizSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(['self_assessment', 'graded']),
  isFinal: z.boolean(),
  selection: quizSelectionSchema,
  maxAttempts: z.number().nullable(),
  passMarkPercent: z.number(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  timeLimitMinutes: z.number().nullable(),
  reviewMode: z.enum(['after_submit', 'after_close', 'score_only']),
  questionCount: z.number(),
});
export type Quiz = z.infer<typeof quizSchema>;

export const attemptSummarySchema = z.object({
  id: z.string(),
  number: z.number(),
  startedAt: z.string(),
  deadlineAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  scorePercent: z.number().nullable(),
  passed: z.boolean().nullable(),
});
export type AttemptSummary = z.infer<typeof attemptSummarySchema>;

/** A quiz as a learner sees it: settings, own attempts, and whether a new attempt may start now. */
export const quizForLearnerSchema = quizSchema.extend({
  attempts: z.array(attemptSummarySchema),
  canStart: z.boolean(),
  /** Why not, in French, when canStart is false. */
  blockedReason: z.string().nullable(),
  mayEdit: z.boolean(),
});
export type QuizForLearner = z.infer<typeof quizForLearnerSchema>;

/** A question as shown during an attempt: no correct answer in it; ordering and matching shuffled. */
export const playQuestionSchema = z.object({
  id: z.string(),
  kind: z.enum(['single', 'multiple', 'true_false', 'numeric', 'short', 'matching', 'ordering']),
  prompt: z.string(),
  choices: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  unit: z.string().optional(),
  /** Matching: left items (by pair id) and the right sides to pick from (by pair id, shuffled). */
  left: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  right: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  /** Ordering: items in a shuffled starting order. */
  items: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
});
export type PlayQuestion = z.infer<typeof playQuestionSchema>;

export const answerResultSchema = z.object({
  questionId: z.string(),
  /** null: not answered (shown in the correction). */
  response: responseSchema.nullable(),
  /** Present when feedback may be shown now (self-assessment, or after a graded submission per its settings). */
  points: z.number().optional(),
  correct: z.boolean().optional(),
  feedback: z.array(z.string()).optional(),
  explanation: z.string().optional(),
  /** The expected answer, in words, when the correction is shown. */
  expected: z.string().optional(),
});
export type AnswerResult = z.infer<typeof answerResultSchema>;

export const attemptSchema = attemptSummarySchema.extend({
  quizId: z.string(),
  quizTitle: z.string(),
  quizKind: z.enum(['self_assessment', 'graded']),
  isFinal: z.boolean(),
  courseId: z.string(),
  passMarkPercent: z.number(),
  questions: z.array(playQuestionSchema),
  answers: z.array(answerResultSchema),
  /** Whether the correction (right answers, explanations) is shown. */
  reviewShown: z.boolean(),
  attestationCode: z.string().nullable(),
});
export type Attempt = z.infer<typeof attemptSchema>;

/** Teacher analytics: per question, how learners answered (submitted attempts only). */
export const questionStatsSchema = z.object({
  questionId: z.string(),
  prompt: z.string(),
  kind: z.string(),
  attempts: z.number(),
  correctRate: z.number().nullable(),
  averagePoints: z.number().nullable(),
  /** How many times each answer was given (choice id, "true"/"false", or the folded text/number). */
  distribution: z.array(z.object({ answer: z.string(), label: z.string(), count: z.number() })),
});
export type QuestionStats = z.infer<typeof questionStatsSchema>;
