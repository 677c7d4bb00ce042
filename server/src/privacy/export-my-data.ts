import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor, RequestContext } from '../http/actor';
import { personalDataSources } from './personal-data';

/** Everything the platform keeps about the signed-in person, as one JSON document (RGPD art. 15 and 20). */
export async function exportMyData(deps: AppDeps, actor: Actor, ctx: RequestContext): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {
    format: 'palliance-donnees-personnelles/1',
    exporteLe: deps.now().toISOString(),
  };
  for (const source of personalDataSources) out[source.key] = await source.export(deps.handle, actor.id);
  await recordAuditEvent(deps.db, actor, ctx, { action: 'account.data_exported', objectType: 'user', objectId: actor.id });
  return out;
}
