import { z } from 'zod';

/** The directory map: counts per department for a choropleth, and the located structures as points. */
export const directoryMapQuerySchema = z.object({
  type: z.string().trim().min(1).max(40).optional(),
});

export const directoryMapDepartementSchema = z.object({
  code: z.string(),
  nom: z.string(),
  /** Published structures whose coverage includes this department wholly or one of its communes. */
  structures: z.number(),
  /** Published structures located in a commune of this department. */
  located: z.number(),
});

export const directoryMapStructureSchema = z.object({
  id: z.string(),
  name: z.string(),
  types: z.array(z.string()),
  departement: z.string().nullable(),
  communeName: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  url: z.string(),
});

export const directoryMapSchema = z.object({
  departements: z.array(directoryMapDepartementSchema),
  structures: z.array(directoryMapStructureSchema),
});
export type DirectoryMap = z.infer<typeof directoryMapSchema>;
export type DirectoryMapStructure = z.infer<typeof directoryMapStructureSchema>;
