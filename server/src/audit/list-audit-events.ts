import { and, count, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditListQuery } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { auditEvent } from '../db/schema';
import type { Actor } from '../http/actor';
import { assertCan } from '../http/permissions';

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(deps: AppDeps, actor: Actor | null, q: AuditListQuery) {
  assertCan(actor, 'audit.read');
  const conditions: SQL[] = [];
  if (q.action) conditions.push(ilike(auditEvent.action, `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (q.actor) conditions.push(ilike(auditEvent.actorEmail, `%${q.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (q.objectType) conditions.push(eq(auditEvent.objectType, q.objectType));
  if (q.objectId) conditions.push(eq(auditEvent.objectId, q.objectId));
  if (q.from) conditions.push(gte(auditEvent.at, new Date(q.from)));
  if (q.to) conditions.push(lte(auditEvent.at, new Date(q.to)));
  const where = conditions.length ? and(...conditions) : undefined;
  const [{ total }] = await deps.db.select({ total: count() }).from(auditEvent).where(where);
  const rows = await deps.db
    .select()
    .from(auditEvent)
    .where(where)
    .orderBy(desc(auditEvent.at), desc(auditEvent.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((q.page - 1) * AUDIT_PAGE_SIZE);
  const events: AuditEvent[] = rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorEmail: r.actorEmail,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    ip: r.ip,
    details: r.details,
  }));
  return { total, page: q.page, pageSize: AUDIT_PAGE_SIZE, events };
}
