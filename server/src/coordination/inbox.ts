import { sql } from 'drizzle-orm';
import type { InboxPage } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { getStructure } from '../directory/queries';
import type { Actor, RequestContext } from '../http/actor';
import { badInput } from '../http/errors';
import { assertCan, requireActor } from '../http/permissions';
import { actorStructureIds } from './patient-access';
import { listRequests, responseHoursOf, toRequestSummary } from './request-queries';

const encode = (at: Date | string, id: string) => Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');
function decode(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const d = new Date(at);
  if (!id || Number.isNaN(d.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw badInput('after', "Le curseur de page n'est pas valide : repartez de la première page.");
  return { at: d, id };
}

/**
 * A structure's inbox for its members and managers. Open requests come nearest due time first;
 * closed and declined ones most recent first. Keyset pages (the cursor is the last row's sort key)
 * read from the partial index, so the first page costs the same with 10 or 10,000 open requests.
 */
export async function structureInbox(
  deps: AppDeps,
  actor: Actor | null,
  structureId: string,
  q: { state: 'open' | 'closed'; after?: string; limit: number },
  ctx: RequestContext,
): Promise<InboxPage> {
  assertCan(actor, 'coordination.inbox', { structureId });
  const after = q.after ? decode(q.after) : null;
  const open = q.state === 'open';
  const where = open
    ? sql`r.structure_id = ${structureId} AND r.status IN ('sent', 'received', 'accepted', 'in_progress') ${after ? sql`AND (r.due_at, r.id) > (${after.at}, ${after.id})` : sql``}`
    : sql`r.structure_id = ${structureId} AND r.status IN ('declined', 'closed') ${after ? sql`AND (r.sent_at, r.id) < (${after.at}, ${after.id})` : sql``}`;
  const order = open ? sql`r.due_at, r.id` : sql`r.sent_at DESC, r.id DESC`;
  const rows = await listRequests(deps.db, where, order, q.limit + 1);
  const page = rows.slice(0, q.limit);
  await recordAuditEvent(deps.db, actor, ctx, { action: 'support_request.inbox_read', objectType: 'structure', objectId: structureId, details: { state: q.state, count: page.length } });
  const last = page.at(-1);
  const now = deps.now();
  return {
    items: page.map((r) => toRequestSummary(r, now)),
    next: rows.length > q.limit && last ? encode(open ? last.due_at : last.sent_at, last.id) : null,
  };
}

/** The structures the signed-in user works for, with their open requests and response commitment. */
export async function myStructures(deps: AppDeps, actor: Actor | null) {
  const a = requireActor(actor);
  const ids = [...new Set(actorStructureIds(a))];
  const out = [];
  for (const id of ids) {
    const s = await getStructure(deps.db, id, deps.now());
    if (!s) continue;
    const res = (await deps.db.execute(sql`
      SELECT count(*)::int AS n FROM support_request WHERE structure_id = ${id} AND status IN ('sent', 'received', 'accepted', 'in_progress')`)) as unknown as { rows: { n: number }[] };
    const manager = a.roles.some((g) => g.role === 'structure_manager' && g.scope === id);
    out.push({ id, name: s.name, role: manager ? 'structure_manager' : 'structure_member', openRequests: Number(res.rows[0].n), responseHours: (await responseHoursOf(deps.db, id)) ?? 48 });
  }
  return out.sort((x, y) => x.name.localeCompare(y.name, 'fr'));
}

/** A structure's response commitment (calendar hours); applies to requests sent from now on. */
export async function setResponseHours(deps: AppDeps, actor: Actor | null, structureId: string, responseHours: number, ctx: RequestContext) {
  assertCan(actor, 'coordination.structure.manage', { structureId });
  const s = await getStructure(deps.db, structureId, deps.now());
  if (!s) throw badInput('structureId', "Cette structure n'est pas dans l'annuaire.");
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO coordination_structure_setting (structure_id, response_hours, updated_by, updated_at) VALUES (${structureId}, ${responseHours}, ${actor!.id}, ${now})
      ON CONFLICT (structure_id) DO UPDATE SET response_hours = EXCLUDED.response_hours, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`);
    await recordAuditEvent(tx, actor, ctx, { action: 'support_request.response_hours_set', objectType: 'structure', objectId: structureId, details: { responseHours } });
  });
  return { responseHours };
}
