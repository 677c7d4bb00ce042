import { z } from 'zod';

// Forum of a course and of its modules (and the discussion of a group, same model).

const markdown = (label: string, max: number) =>
  z
    .string({ error: `${label} est requis.` })
    .trim()
    .min(1, `${label} est requis.`)
    .max(max, `${label} ne peut pas dépasser ${max} caractères.`);

/** A key chosen by the browser for one submission: a retried POST is stored once. */
export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(8, "La clé d'idempotence doit contenir au moins 8 caractères.")
  .max(100, "La clé d'idempotence ne peut pas dépasser 100 caractères.")
  .optional();

export const threadInputSchema = z.object({
  title: markdown('Le titre', 200),
  body: markdown('Le message', 20_000),
  moduleId: z.uuid({ error: "Le module n'est pas valide." }).nullable().optional(),
  idempotencyKey: idempotencyKeySchema,
});
export type ThreadInput = z.infer<typeof threadInputSchema>;

export const replyInputSchema = z.object({ body: markdown('La réponse', 20_000), idempotencyKey: idempotencyKeySchema });
export const postEditSchema = z.object({ body: markdown('Le message', 20_000) });
export const previewInputSchema = z.object({ body: z.string().max(20_000, 'Le message ne peut pas dépasser 20000 caractères.') });
export const previewSchema = z.object({ html: z.string() });

export const threadModerationSchema = z
  .object({ pinned: z.boolean({ error: '« Épinglé » doit être vrai ou faux.' }).optional(), locked: z.boolean({ error: '« Verrouillé » doit être vrai ou faux.' }).optional() })
  .refine((m) => m.pinned !== undefined || m.locked !== undefined, { message: 'Indiquez « épinglé » ou « verrouillé ».', path: ['pinned'] });
export const postHiddenSchema = z.object({ hidden: z.boolean({ error: '« Masqué » doit être vrai ou faux.' }) });
export const forumReportInputSchema = z.object({
  reason: markdown('Le motif du signalement', 1000).refine((s) => s.length >= 3, 'Le motif du signalement doit contenir au moins 3 caractères.'),
});
export const REPORT_OUTCOMES = { hidden: 'Message masqué', dismissed: 'Signalement classé sans suite' } as const;
export const reportResolutionSchema = z.object({
  outcome: z.enum(['hidden', 'dismissed'], { error: 'La décision doit être « hidden » (masquer) ou « dismissed » (classer).' }),
});

export const forumAuthorSchema = z.object({ id: z.string(), displayName: z.string(), profession: z.string() });

export const forumPostSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  author: forumAuthorSchema,
  isOpening: z.boolean(),
  /** Empty for a deleted post, and for a hidden post unless the reader moderates. */
  bodySource: z.string(),
  bodyHtml: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  hidden: z.boolean(),
  likeCount: z.number().int(),
  likedByMe: z.boolean(),
  mine: z.boolean(),
});
export type ForumPost = z.infer<typeof forumPostSchema>;

export const threadSummarySchema = z.object({
  id: z.string(),
  courseId: z.string(),
  moduleId: z.string().nullable(),
  groupId: z.string().nullable(),
  title: z.string(),
  author: forumAuthorSchema,
  pinned: z.boolean(),
  locked: z.boolean(),
  replyCount: z.number().int(),
  likeCount: z.number().int(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

export const forumModuleSchema = z.object({ id: z.string(), position: z.number().int(), title: z.string(), threadCount: z.number().int() });

export const forumSchema = z.object({
  course: z.object({ id: z.string(), title: z.string() }),
  module: z.object({ id: z.string(), title: z.string(), position: z.number().int() }).nullable(),
  modules: z.array(forumModuleSchema),
  threads: z.array(threadSummarySchema),
  mayModerate: z.boolean(),
  openReports: z.number().int(),
});
export type Forum = z.infer<typeof forumSchema>;

export const threadDetailSchema = threadSummarySchema.extend({
  courseTitle: z.string(),
  moduleTitle: z.string().nullable(),
  posts: z.array(forumPostSchema),
  following: z.boolean(),
  mayModerate: z.boolean(),
  mayReply: z.boolean(),
});
export type ThreadDetail = z.infer<typeof threadDetailSchema>;

export const likeStateSchema = z.object({ postId: z.string(), liked: z.boolean(), likeCount: z.number().int() });
export const followStateSchema = z.object({ threadId: z.string(), following: z.boolean() });

export const forumReportSchema = z.object({
  id: z.string(),
  reason: z.string(),
  reporter: forumAuthorSchema,
  createdAt: z.string(),
  post: forumPostSchema,
  threadTitle: z.string(),
});
export type ForumReport = z.infer<typeof forumReportSchema>;

export const forumMemberSchema = forumAuthorSchema;
export const forumMembersQuerySchema = z.object({ q: z.string().trim().max(80).optional().default('') });

export const forumQuerySchema = z.object({ module: z.uuid({ error: "Le module n'est pas valide." }).optional() });

/** Activity counts for the teachers (like the figures of seed 001: publications, commentaires, « J'aime »). */
export const forumStatsQuerySchema = z.object({
  bucket: z.enum(['day', 'week', 'month'], { error: 'La période doit être « day », « week » ou « month ».' }).optional().default('week'),
});
export const forumStatsRowSchema = z.object({
  period: z.string(),
  moduleId: z.string().nullable(),
  threads: z.number().int(),
  replies: z.number().int(),
  likes: z.number().int(),
});
export const forumStatsSchema = z.object({
  courseId: z.string(),
  bucket: z.enum(['day', 'week', 'month']),
  totals: z.object({ threads: z.number().int(), replies: z.number().int(), likes: z.number().int() }),
  modules: z.array(z.object({ moduleId: z.string().nullable(), title: z.string(), threads: z.number().int(), replies: z.number().int(), likes: z.number().int() })),
  series: z.array(forumStatsRowSchema),
});
export type ForumStats = z.infer<typeof forumStatsSchema>;

/**
 * The members named in a text: "@" followed by a member's display name (what the picker inserts).
 * Longest names first, so "@Anne Marie Durand" is not read as "@Anne Marie". Pure, used on both sides.
 */
export function findMentions<T extends { id: string; displayName: string }>(text: string, members: T[]): T[] {
  const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('fr-FR');
  const src = norm(text);
  const sorted = [...members].filter((m) => m.displayName.trim()).sort((a, b) => b.displayName.length - a.displayName.length);
  const found = new Map<string, T>();
  const taken: [number, number][] = [];
  for (const m of sorted) {
    const needle = '@' + norm(m.displayName.trim());
    let from = 0;
    for (;;) {
      const at = src.indexOf(needle, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + needle.length;
      const before = at === 0 ? '' : src[at - 1];
      const after = src[end] ?? '';
      // "@" must start a word (not an e-mail address) and the name must end at a word boundary.
      if (before && /[\p{L}\p{N}_.-]/u.test(before)) continue;
      if (after && /[\p{L}\p{N}_]/u.test(after)) continue;
      if (taken.some(([s, e]) => at < e && end > s)) continue;
      taken.push([at, end]);
      found.set(m.id, m);
      break;
    }
  }
  return [...found.values()];
}
