import { z } from 'zod';

export const communeSearchQuery = z.object({
  q: z
    .string({ error: 'Le texte de recherche est requis.' })
    .trim()
    .min(1, 'Saisissez au moins un caractère du nom ou du code postal.')
    .max(100, 'La recherche ne peut pas dépasser 100 caractères.'),
  limit: z.coerce
    .number({ error: 'La limite doit être un nombre.' })
    .int('La limite doit être un nombre entier.')
    .min(1, 'La limite doit être au moins 1.')
    .max(50, 'La limite ne peut pas dépasser 50.')
    .default(10),
});
export type CommuneSearchQuery = z.infer<typeof communeSearchQuery>;

export const communeSchema = z.object({
  code: z.string(),
  nom: z.string(),
  codesPostaux: z.array(z.string()),
  departement: z.string(),
  region: z.string(),
});
export type Commune = z.infer<typeof communeSchema>;
export const communeListSchema = z.array(communeSchema);

export const departementSchema = z.object({ code: z.string(), nom: z.string(), region: z.string() });
export type Departement = z.infer<typeof departementSchema>;
export const regionSchema = z.object({ code: z.string(), nom: z.string() });
export type Region = z.infer<typeof regionSchema>;
export const territoryListsSchema = z.object({
  regions: z.array(regionSchema),
  departements: z.array(departementSchema),
});
