import { z } from 'zod';

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

const isoDate = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} doit être une date ISO 8601 (ex. 2026-01-31T00:00:00Z).` }).optional();

export const auditListQuery = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(254).optional(),
  objectType: z.string().trim().max(100).optional(),
  objectId: z.string().trim().max(100).optional(),
  from: isoDate('La date de début'),
  to: isoDate('La date de fin'),
  page: z.coerce.number().int().min(1, 'La page doit être au moins 1.').max(100000).default(1),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;
export const auditListSchema = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), events: z.array(auditEventSchema) });
