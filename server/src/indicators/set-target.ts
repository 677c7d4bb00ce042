import { and, eq } from 'drizzle-orm';
import type { IndicatorTargetBody } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { indicatorTarget } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { assertCan } from '../http/permissions';
import { resolveTerritory } from './territory';

/**
 * Sets (or, with null, removes) the target of one indicator for one territory: coordinators of the
 * department, admins for any territory. Audited with the old and new values in the same transaction.
 * Setting the same value again is harmless (idempotent upsert).
 */
export async function setIndicatorTarget(deps: Pick<AppDeps, 'db' | 'now'>, actor: Actor | null, body: IndicatorTargetBody, ctx: RequestContext) {
  const territory = await resolveTerritory(deps.db, body.territory);
  assertCan(actor, 'indicators.set_target', { departement: territory.departement });
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const where = and(eq(indicatorTarget.territory, territory.code), eq(indicatorTarget.indicatorId, body.indicatorId));
    const [before] = await tx.select().from(indicatorTarget).where(where);
    if (body.target === null) await tx.delete(indicatorTarget).where(where);
    else
      await tx
        .insert(indicatorTarget)
        .values({ territory: territory.code, indicatorId: body.indicatorId, target: body.target, updatedBy: actor.id, updatedAt: now })
        .onConflictDoUpdate({ target: [indicatorTarget.territory, indicatorTarget.indicatorId], set: { target: body.target, updatedBy: actor.id, updatedAt: now } });
    await recordAuditEvent(tx, actor, ctx, {
      action: 'indicator.target_set',
      objectType: 'indicator_target',
      objectId: `${territory.code}/${body.indicatorId}`,
      details: { territory: territory.code, indicatorId: body.indicatorId, before: before?.target ?? null, after: body.target },
    });
    return { territory: territory.code, indicatorId: body.indicatorId, target: body.target, updatedAt: body.target === null ? null : now.toISOString() };
  });
}
