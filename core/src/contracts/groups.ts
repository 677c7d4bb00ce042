import { z } from 'zod';

// Multidisciplinary groups of a course: members, a private discussion, versioned work and reviews.

export const REVIEW_STATUSES = { a_revoir: 'À revoir', valide: 'Validé' } as const;
export const reviewStatusSchema = z.enum(['a_revoir', 'valide'], { error: 'Le statut doit être « a_revoir » (à revoir) ou « valide » (validé).' });

export const groupMemberSchema = z.object({ id: z.string(), displayName: z.string(), profession: z.string() });

export const groupReviewSchema = z.object({
  id: z.string(),
  status: reviewStatusSchema,
  comment: z.string(),
  reviewer: z.string(),
  createdAt: z.string(),
});

export const groupSubmissionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  body: z.string(),
  author: z.string(),
  file: z.object({ name: z.string(), type: z.string(), size: z.number().int(), url: z.string() }).nullable(),
  createdAt: z.string(),
  reviews: z.array(groupReviewSchema),
});
export type GroupSubmission = z.infer<typeof groupSubmissionSchema>;

export const groupSummarySchema = z.object({
  id: z.string(),
  courseId: z.string(),
  name: z.string(),
  assignment: z.string(),
  members: z.array(groupMemberSchema),
  discussionThreadId: z.string().nullable(),
  latestVersion: z.number().int().nullable(),
  /** Status of the latest version: its last review, or « soumis » / « aucun rendu ». */
  status: z.enum(['aucun_rendu', 'soumis', 'a_revoir', 'valide']),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const groupsOverviewSchema = z.object({
  courseId: z.string(),
  courseTitle: z.string(),
  mayManage: z.boolean(),
  groups: z.array(groupSummarySchema),
  /** Enrolled learners in no group yet (teachers only). */
  unassigned: z.array(groupMemberSchema),
});
export type GroupsOverview = z.infer<typeof groupsOverviewSchema>;

export const groupSpaceSchema = groupSummarySchema.extend({
  courseTitle: z.string(),
  mayManage: z.boolean(),
  submissions: z.array(groupSubmissionSchema),
});
export type GroupSpace = z.infer<typeof groupSpaceSchema>;

const name = z.string({ error: 'Le nom du groupe est requis.' }).trim().min(1, 'Le nom du groupe est requis.').max(100, 'Le nom du groupe ne peut pas dépasser 100 caractères.');
const assignment = z.string().trim().max(5000, 'La consigne ne peut pas dépasser 5000 caractères.').optional().default('');

export const groupInputSchema = z.object({
  name,
  assignment,
  memberIds: z.array(z.uuid({ error: "Un membre du groupe n'est pas valide." })).max(200, 'Un groupe ne peut pas dépasser 200 membres.').optional().default([]),
});
export const autoMixInputSchema = z.object({
  groupCount: z
    .number({ error: 'Le nombre de groupes doit être un nombre entier.' })
    .int('Le nombre de groupes doit être un nombre entier.')
    .min(1, 'Il faut au moins un groupe.')
    .max(100, 'Le nombre de groupes ne peut pas dépasser 100.'),
  assignment,
});

export const MAX_SUBMISSION_FILE_BYTES = 5 * 1024 * 1024;
export const submissionInputSchema = z
  .object({
    body: z.string().trim().max(20_000, 'Le texte du rendu ne peut pas dépasser 20000 caractères.').optional().default(''),
    file: z
      .object({
        name: z.string().trim().min(1, 'Le nom du fichier est requis.').max(200, 'Le nom du fichier ne peut pas dépasser 200 caractères.'),
        type: z.string().trim().max(120).optional().default('application/octet-stream'),
        contentBase64: z.string().max(Math.ceil((MAX_SUBMISSION_FILE_BYTES * 4) / 3) + 4, 'Le fichier ne peut pas dépasser 5 Mo.'),
      })
      .nullable()
      .optional(),
    idempotencyKey: z.string().trim().min(8).max(100).optional(),
  })
  .refine((s) => s.body.length > 0 || !!s.file, { message: 'Écrivez un texte ou joignez un fichier.', path: ['body'] });
export type SubmissionInput = z.infer<typeof submissionInputSchema>;

export const reviewInputSchema = z.object({
  status: reviewStatusSchema,
  comment: z.string().trim().max(5000, 'Le commentaire ne peut pas dépasser 5000 caractères.').optional().default(''),
});
