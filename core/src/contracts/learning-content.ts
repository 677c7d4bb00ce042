import { z } from 'zod';

// Lesson content, progress and completion of "Se former". The pure rules travel with the contracts.
export * from '../learning/intervals';
export * from '../learning/completion';

const uuid = (label: string) => z.uuid({ error: `${label} n'est pas valide.` });
const title = (label: string, max = 200) => z.string({ error: `${label} est requis.` }).trim().max(max, `${label} ne peut pas dépasser ${max} caractères.`);

/** Upload limits, shown to authors and enforced while the body streams to disk. */
export const MEDIA_LIMITS = { video: 500 * 1024 * 1024, subtitles: 2 * 1024 * 1024, document: 50 * 1024 * 1024 } as const;

/** Document types accepted for download blocks, by MIME type, with the extension the file keeps. */
export const DOCUMENT_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'text/plain': 'txt',
};
export const VIDEO_TYPES: Record<string, string> = { 'video/webm': 'webm', 'video/mp4': 'mp4', 'video/ogg': 'ogv' };

export const mediaKindSchema = z.enum(['video', 'subtitles', 'document']);
export const mediaUploadQuerySchema = z.object({
  name: z.string().trim().max(200, 'Le nom du fichier ne peut pas dépasser 200 caractères.').optional().default(''),
  duration: z.coerce.number({ error: 'La durée doit être un nombre de secondes.' }).positive('La durée doit être positive.').max(86_400, 'La durée ne peut pas dépasser 24 heures.').optional(),
});
export const mediaFileSchema = z.object({
  id: z.string(),
  kind: mediaKindSchema,
  mime: z.string(),
  sizeBytes: z.number(),
  originalName: z.string(),
  durationSeconds: z.number().nullable(),
  url: z.string(),
});
export type MediaFile = z.infer<typeof mediaFileSchema>;

export const blockInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('text'), title: title('Le titre').optional().default(''), markdown: z.string({ error: 'Le texte est requis.' }).trim().min(1, 'Le texte est requis.').max(100_000, 'Le texte ne peut pas dépasser 100 000 caractères.') }),
    z.object({
      kind: z.literal('video'),
      title: title('Le titre').optional().default(''),
      mediaId: uuid('La vidéo'),
      subtitlesId: uuid('Les sous-titres').nullable().optional(),
      transcript: z.string().trim().max(200_000, 'La transcription ne peut pas dépasser 200 000 caractères.').optional().default(''),
    }),
    z.object({ kind: z.literal('document'), title: title('Le titre du document').min(1, 'Le titre du document est requis.'), mediaId: uuid('Le document') }),
    z.object({ kind: z.literal('quiz'), title: title('Le titre du quiz').min(1, 'Le titre du quiz est requis.'), quizId: uuid('Le quiz') }),
  ],
  { error: 'Le type de bloc doit être « text », « video », « document » ou « quiz ».' },
);
export type BlockInput = z.infer<typeof blockInputSchema>;

export const orderInputSchema = z.object({
  ids: z.array(uuid("L'identifiant"), { error: 'La liste ordonnée des identifiants est requise.' }).min(1, 'La liste ordonnée des identifiants est requise.').max(500),
});

export const lessonBlockSchema = z.object({
  id: z.string(),
  position: z.number(),
  kind: z.enum(['video', 'text', 'document', 'quiz']),
  title: z.string(),
  /** text: the Markdown (for editing); video: the transcript. */
  body: z.string(),
  /** text: safe HTML rendered from the Markdown. */
  html: z.string(),
  media: mediaFileSchema.nullable(),
  subtitles: mediaFileSchema.nullable(),
  quizId: z.string().nullable(),
});
export type LessonBlock = z.infer<typeof lessonBlockSchema>;

export const videoProgressSchema = z.object({
  blockId: z.string(),
  positionSeconds: z.number(),
  watchedPercent: z.number(),
  watched: z.array(z.tuple([z.number(), z.number()])),
});
export type VideoProgress = z.infer<typeof videoProgressSchema>;

const lessonLinkSchema = z.object({ id: z.string(), title: z.string(), moduleTitle: z.string(), opensAt: z.string().nullable(), locked: z.boolean() });

export const moduleProgressSchema = z.object({
  moduleId: z.string(),
  position: z.number(),
  title: z.string(),
  opensAt: z.string().nullable(),
  locked: z.boolean(),
  lessonsComplete: z.number(),
  lessonsTotal: z.number(),
  percent: z.number(),
  complete: z.boolean(),
  lessons: z.array(z.object({ lessonId: z.string(), title: z.string(), seen: z.boolean(), complete: z.boolean() })),
});
export type ModuleProgress = z.infer<typeof moduleProgressSchema>;

export const resumePointSchema = z.object({ lessonId: z.string(), lessonTitle: z.string(), blockId: z.string().nullable(), positionSeconds: z.number() });

export const courseProgressSchema = z.object({
  courseId: z.string(),
  /** The session whose release dates apply (the learner's), null for an author without one. */
  sessionId: z.string().nullable(),
  percent: z.number(),
  complete: z.boolean(),
  modules: z.array(moduleProgressSchema),
  /** "Reprendre là où je me suis arrêté(e)": the last lesson opened and the second reached in its video. */
  resume: resumePointSchema.nullable(),
});
export type CourseProgress = z.infer<typeof courseProgressSchema>;

export const lessonPageSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  module: z.object({ id: z.string(), position: z.number(), title: z.string() }),
  blocks: z.array(lessonBlockSchema),
  videoProgress: z.array(videoProgressSchema),
  previous: lessonLinkSchema.nullable(),
  next: lessonLinkSchema.nullable(),
  mayEdit: z.boolean(),
  /** Progress is recorded (the reader is an enrolled learner, not an author previewing). */
  tracked: z.boolean(),
});
export type LessonPage = z.infer<typeof lessonPageSchema>;

/** Sent by the player every 30 s and when the page is left. */
export const progressInputSchema = z.object({
  positionSeconds: z.number({ error: 'La position doit être un nombre de secondes.' }).min(0, 'La position ne peut pas être négative.').max(86_400),
  durationSeconds: z.number().positive().max(86_400).nullable().optional(),
  /** Parts played since the last report; at most about a minute of playing at double speed. */
  watched: z
    .array(z.tuple([z.number().min(0).max(86_400), z.number().min(0).max(86_400)]), { error: 'Les parties regardées doivent être des paires [début, fin].' })
    .max(50, 'Trop de parties dans un seul envoi.')
    .optional()
    .default([])
    .refine((parts) => parts.every(([s, e]) => e >= s), 'Chaque partie regardée doit finir après son début.')
    .refine((parts) => parts.reduce((a, [s, e]) => a + (e - s), 0) <= 150, 'Un envoi ne peut pas couvrir plus de 150 secondes de lecture.'),
  /** The player's clock (ms since 1970) when the report was made: a late retry never moves the position back. */
  sentAt: z.number({ error: "L'heure d'envoi est requise." }).int().positive(),
});
export type ProgressInput = z.infer<typeof progressInputSchema>;

export const completionRuleInputSchema = z.object({
  requireLessonsSeen: z.boolean(),
  videoPercent: z.number().int('La part de vidéo doit être un entier.').min(0).max(100, 'La part de vidéo ne peut pas dépasser 100 %.'),
  requireQuizzesPassed: z.boolean(),
});

export const moduleUpdateSchema = z.object({ title: z.string({ error: 'Le titre du module est requis.' }).trim().min(1, 'Le titre du module est requis.').max(200) });
