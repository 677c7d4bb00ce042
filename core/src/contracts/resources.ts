import { z } from 'zod';
import { requiredText as text } from './fields';

// Pure rules of the domain travel with its contracts (one export line in core/src/index.ts).
export * from '../resources';

export const KIT_KINDS = {
  ordonnance_type: 'Ordonnance type',
  protocole_titration: 'Protocole de titration',
  checklist_48h: 'Check-list des 48 premières heures',
  fiche_quoi_prescrire: 'Fiche «\u00a0quoi prescrire\u00a0»',
  prescription_anticipee: 'Modèle de prescription anticipée',
  fiche_urgence_pallia: 'Fiche «\u00a0URGENCE PALLIA\u00a0» (SFAP)',
} as const;
export type KitKind = keyof typeof KIT_KINDS;


export const placeholderSchema = z.object({
  key: z
    .string({ error: 'La clé du champ est requise.' })
    .regex(/^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)*$/, 'La clé d’un champ s’écrit comme patient.nom (lettres, chiffres, points).')
    .max(80),
  label: text('Le libellé du champ', 120),
  type: z.enum(['text', 'date', 'number'], { error: 'Le type d’un champ est « text », « date » ou « number ».' }),
  required: z.boolean().default(false),
});

export const kitVersionInputSchema = z.object({
  title: text('Le titre', 200),
  body: text('Le texte du document', 50_000),
  placeholders: z.array(placeholderSchema).max(100, 'Un document ne peut pas avoir plus de 100 champs.'),
  authors: z.array(text('Un auteur', 200)).min(1, 'Indiquez au moins un auteur.').max(20),
  source: text('La source', 1000),
  reviewDate: z.iso.date({ error: 'La date de révision doit être une date (AAAA-MM-JJ).' }),
  changeNote: z.string().trim().max(1000, 'La note de version ne peut pas dépasser 1000 caractères.').optional().default(''),
  /** The version this one replaces (absent for the first): a stale edit gets a 409, a retried one its own answer. */
  baseVersion: z.number().int().min(1).optional(),
});
export type KitVersionInput = z.input<typeof kitVersionInputSchema>;

export const kitDocumentInputSchema = kitVersionInputSchema.extend({
  slug: z
    .string({ error: "L'adresse courte est requise." })
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "L'adresse courte ne contient que des minuscules, des chiffres et des tirets.")
    .max(80, "L'adresse courte ne peut pas dépasser 80 caractères."),
  kind: z.enum(Object.keys(KIT_KINDS) as [KitKind, ...KitKind[]], { error: 'Type de document inconnu.' }),
});

export const kitFillSchema = z.object({
  values: z.record(z.string().max(80), z.union([z.string().max(2000), z.number(), z.null()]), { error: 'Les valeurs doivent être un objet { "clé": valeur }.' }),
});

export interface KitDocumentVersion {
  documentId: string;
  slug: string;
  kind: KitKind;
  isDemo: boolean;
  version: number;
  title: string;
  body: string;
  placeholders: { key: string; label: string; type: 'text' | 'date' | 'number'; required: boolean }[];
  authors: string[];
  source: string;
  reviewDate: string;
  changeNote: string;
  createdAt: string;
  createdByEmail: string | null;
}
