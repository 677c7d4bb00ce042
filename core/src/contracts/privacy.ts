import { z } from 'zod';

export const deleteAccountBody = z.object({
  /** Absent for an account created through OpenID Connect (no password). */
  password: z.string().max(500).optional(),
  confirmation: z.literal('SUPPRIMER', { error: 'Tapez SUPPRIMER en majuscules pour confirmer.' }),
});
export type DeleteAccountBody = z.infer<typeof deleteAccountBody>;
