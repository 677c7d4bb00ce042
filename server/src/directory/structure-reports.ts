import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { structureReport } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, notFound } from '../http/errors';
import { assertCan } from '../http/permissions';
import { getStructure } from './queries';

const toReport = (r: typeof structureReport.$inferSelect) => ({
  id: r.id,
  structureId: r.structureId,
  field: r.field,
  message: r.message,
  status: r.status as 'ouvert' | 'en_cours' | 'corrige' | 'rejete',
  answer: r.answer,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Anyone, signed in or not, may report an error on an entry; its managers are the ones who answer. */
export async function reportError(
  deps: AppDeps,
  actor: Actor | null,
  structureId: string,
  input: { field?: string; message: string; email?: string },
  ctx: RequestContext,
) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const s = await getStructure(tx, structureId, now);
    if (!s || s.status === 'archived') throw notFound('Cette structure n’existe pas.');
    const [r] = await tx
      .insert(structureReport)
      .values({
        structureId,
        reporterId: actor?.id ?? null,
        reporterEmail: actor?.email ?? input.email ?? null,
        field: input.field ?? null,
        message: input.message,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAuditEvent(tx, actor, ctx, { action: 'directory.report_created', objectType: 'structure', objectId: structureId, details: { report: r.id } });
    return toReport(r);
  });
}

export async function listReports(deps: AppDeps, actor: Actor | null, structureId: string) {
  const s = await getStructure(deps.db, structureId, deps.now());
  if (!s) throw notFound('Cette structure n’existe pas.');
  assertCan(actor, 'directory.edit', { structureId, departement: s.departement });
  const rows = await deps.db
    .select()
    .from(structureReport)
    .where(sql`${structureReport.structureId} = ${structureId}`)
    .orderBy(sql`${structureReport.createdAt} DESC`);
  return rows.map(toReport);
}

export async function answerReport(
  deps: AppDeps,
  actor: Actor | null,
  structureId: string,
  reportId: string,
  input: { status: 'en_cours' | 'corrige' | 'rejete'; answer: string },
  ctx: RequestContext,
) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const s = await getStructure(tx, structureId, now);
    if (!s) throw notFound('Cette structure n’existe pas.');
    assertCan(actor, 'directory.edit', { structureId, departement: s.departement });
    const [r] = await tx
      .update(structureReport)
      .set({ status: input.status, answer: input.answer, answeredBy: actor.id, updatedAt: now })
      .where(sql`${structureReport.id} = ${reportId} AND ${structureReport.structureId} = ${structureId}`)
      .returning();
    if (!r) throw badInput('reportId', 'Ce signalement n’existe pas pour cette structure.');
    await recordAuditEvent(tx, actor, ctx, {
      action: 'directory.report_answered',
      objectType: 'structure',
      objectId: structureId,
      details: { report: reportId, status: input.status },
    });
    return toReport(r);
  });
}
