import { z } from 'zod';

/** What the public verification shows: the facts of the attestation and minimal personal data. */
export const attestationPublicSchema = z.object({
  code: z.string(),
  status: z.enum(['valide', 'révoquée']),
  learnerName: z.string(),
  courseTitle: z.string(),
  sessionStartsAt: z.string(),
  sessionEndsAt: z.string(),
  hours: z.number(),
  scorePercent: z.number(),
  dpcReference: z.string().nullable(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
});
export type AttestationPublic = z.infer<typeof attestationPublicSchema>;

export const attestationSchema = attestationPublicSchema.extend({
  id: z.string(),
  courseId: z.string(),
  profession: z.string(),
  verifyUrl: z.string(),
});
export type Attestation = z.infer<typeof attestationSchema>;

export const revocationBodySchema = z.object({
  reason: z
    .string({ error: 'Le motif de la révocation est requis.' })
    .trim()
    .min(3, 'Le motif de la révocation est requis (au moins 3 caractères).')
    .max(500, 'Le motif ne peut pas dépasser 500 caractères.'),
});

export const attestationCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{8,40}$/i, "Ce code de vérification n'a pas la bonne forme.");
