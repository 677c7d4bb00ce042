import { eq } from 'drizzle-orm';
import type { Attestation } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import { attestation } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { notFound } from '../../http/errors';
import { assertCan, requireActor } from '../../http/permissions';
import { findByCode, toAttestation } from './read-attestations';

/**
 * Revokes an attestation (a teacher of its course or an admin), with the reason, audited.
 * The verification page then shows it as revoked; revoking again keeps the first revocation.
 */
export async function revokeAttestation(deps: AppDeps, actor: Actor | null, code: string, reason: string, ctx: RequestContext): Promise<Attestation> {
  const a = requireActor(actor);
  const existing = await findByCode(deps.db, code);
  if (!existing) throw notFound('Attestation introuvable.');
  assertCan(a, 'learning.attestation.revoke', { courseId: existing.courseId });
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(attestation).where(eq(attestation.id, existing.id)).for('update');
    if (row.revokedAt) return toAttestation(row, deps.config.publicUrl);
    const [updated] = await tx.update(attestation).set({ revokedAt: deps.now(), revokedBy: a.id, revocationReason: reason }).where(eq(attestation.id, row.id)).returning();
    await recordAuditEvent(tx, a, ctx, { action: 'attestation.revoked', objectType: 'attestation', objectId: row.id, details: { courseId: row.courseId, userId: row.userId, reason } });
    return toAttestation(updated, deps.config.publicUrl);
  });
}
