import { z } from 'zod';
import { INDICATOR_IDS } from '../indicators/definitions';

// Pure rules of the domain travel with its contracts (one export line in core/src/index.ts).
export * from '../indicators';

/** « fr » (all of France), « reg:76 » (a region), « dep:34 » (a department). */
export const territoryCodeSchema = z
  .string()
  .regex(/^(fr|reg:[0-9]{2}|dep:(?:[0-9]{2}|2A|2B|97[1-6]))$/, 'Le territoire doit être « fr », « reg:<code région> » ou « dep:<code département> » (ex. dep:34).');

export const indicatorQuerySchema = z.object({
  territory: territoryCodeSchema.default('fr'),
  period: z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2])|-T[1-4])?$/, 'La période doit être un mois (2026-10), un trimestre (2026-T4) ou une année (2026).')
    .optional(),
});
export type IndicatorQuery = z.infer<typeof indicatorQuerySchema>;

export const figureSchema = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  status: z.enum(['ok', 'no_data', 'suppressed', 'unavailable']),
});

export const indicatorResultSchema = z.object({
  id: z.enum(INDICATOR_IDS),
  label: z.string(),
  computation: z.string(),
  unit: z.enum(['percent', 'hours', 'count']),
  direction: z.enum(['higher_is_better', 'lower_is_better', 'neutral']),
  source: z.string(),
  kind: z.enum(['series', 'survey']),
  target: z.object({ value: z.number().nullable(), origin: z.enum(['territory', 'default', 'none']), source: z.string().nullable(), met: z.boolean().nullable() }),
  current: figureSchema.extend({ period: z.string(), periodLabel: z.string() }),
  series: z.array(figureSchema.extend({ period: z.string(), label: z.string(), shortLabel: z.string() })),
  breakdown: z
    .object({ title: z.string(), rows: z.array(figureSchema.extend({ key: z.string(), label: z.string() })) })
    .nullable(),
  /** Context the reader needs (e.g. which survey the figure comes from). */
  note: z.string().nullable(),
});
export type IndicatorResult = z.infer<typeof indicatorResultSchema>;

export const indicatorDashboardSchema = z.object({
  territory: z.object({ code: z.string(), label: z.string() }),
  period: z.object({ key: z.string(), label: z.string(), granularity: z.enum(['month', 'quarter', 'year']), from: z.string(), to: z.string() }),
  generatedAt: z.string(),
  /** 'full' for coordinators of the territory and admins; 'public' withholds figures on fewer than 5 cases. */
  detail: z.enum(['full', 'public']),
  suppressionThreshold: z.number().int(),
  mayEditTargets: z.boolean(),
  indicators: z.array(indicatorResultSchema),
});
export type IndicatorDashboard = z.infer<typeof indicatorDashboardSchema>;

export const indicatorTargetBodySchema = z.object({
  territory: territoryCodeSchema,
  indicatorId: z.enum(INDICATOR_IDS, { error: "Cet indicateur n'existe pas." }),
  /** Null removes the territory's target (the default target applies again). */
  target: z.number({ error: 'La cible doit être un nombre.' }).min(0, 'La cible ne peut pas être négative.').max(100000, 'La cible est trop grande.').nullable(),
});
export type IndicatorTargetBody = z.infer<typeof indicatorTargetBodySchema>;

export const indicatorTargetSchema = z.object({ territory: z.string(), indicatorId: z.string(), target: z.number().nullable(), updatedAt: z.string().nullable() });
