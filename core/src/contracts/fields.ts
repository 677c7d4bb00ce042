import { z } from 'zod';

/**
 * Field builders shared by the contracts, so that every form of the platform words the same mistake
 * the same way: "<Le titre> est requis.", "<Le titre> ne peut pas dépasser 200 caractères."
 */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} est requis.` })
    .trim()
    .min(1, `${label} est requis.`)
    .max(max, `${label} ne peut pas dépasser ${max} caractères.`);

/** Absent or empty is ''. */
export const optionalText = (label: string, max: number) =>
  z.string({ error: `${label} doit être un texte.` }).trim().max(max, `${label} ne peut pas dépasser ${max} caractères.`).optional().default('');

/** An instant with its offset, as the browser sends it. */
export const isoInstant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} doit être une date ISO 8601 avec fuseau (ex. 2026-11-23T08:00:00+01:00).` });
