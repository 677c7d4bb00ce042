import type { Db } from '../db/client';
import { auditEvent } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';

export interface AuditInput {
  action: string;
  objectType: string;
  objectId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one audit event. Call it with the transaction of the write it describes,
 * so the event exists if and only if the write does.
 */
export async function recordAuditEvent(
  tx: Db,
  actor: Pick<Actor, 'id' | 'email'> | null,
  ctx: RequestContext | null,
  input: AuditInput,
): Promise<void> {
  await tx.insert(auditEvent).values({
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? null,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId ?? null,
    ip: ctx?.ip ?? null,
    details: input.details ?? null,
  });
}
