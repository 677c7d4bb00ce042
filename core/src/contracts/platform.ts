import { z } from 'zod';

/** Settings of the server the web app needs (nothing secret). */
export const publicConfigSchema = z.object({
  mapTiles: z.object({ url: z.string(), attribution: z.string() }).nullable(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;
