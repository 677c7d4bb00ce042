import { z } from 'zod';

/** The body of every error answer: one shape for the browser and scripts. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
