import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';

/**
 * Deletes audit events older than the retention (AUDIT_RETENTION_DAYS), in one transaction that alone
 * may delete from the append-only table (migration 0017), and records how many went.
 */
export async function purgeOldAuditEvents(deps: AppDeps): Promise<number> {
  const days = deps.config.auditRetentionDays;
  if (!days) return 0;
  const before = new Date(deps.now().getTime() - days * 86_400_000);
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('palliance.audit_purge', 'on', true)`);
    const res = await tx.execute(sql`DELETE FROM audit_event WHERE at < ${before.toISOString()}::timestamptz`);
    await tx.execute(sql`SELECT set_config('palliance.audit_purge', 'off', true)`);
    const count = Number((res as { rowCount?: number; affectedRows?: number }).rowCount ?? (res as { affectedRows?: number }).affectedRows ?? 0);
    if (count > 0) {
      await recordAuditEvent(tx, null, null, {
        action: 'audit.purged',
        objectType: 'audit_event',
        details: { count, before: before.toISOString(), retentionDays: days },
      });
    }
    return count;
  });
}
