import PgBoss from 'pg-boss';
import type { DbHandle } from '../db/client';
import { coalesce } from '../db/coalesce';

export type JobHandler<T> = (data: T) => Promise<void>;

/** Jobs fetched at once by a worker. */
const BATCH = 20;

export interface JobQueue {
  send<T extends object>(name: string, data: T, opts?: { singletonKey?: string; startAfter?: Date }): Promise<void>;
  /** Several jobs in one statement (one commit instead of one per job). */
  sendMany(jobs: { name: string; data: object; singletonKey?: string; startAfter?: Date }[]): Promise<void>;
  work<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
  /** Runs the job on a cron schedule (Europe/Paris), once across all instances. */
  schedule(name: string, cron: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Background jobs in PostgreSQL (pg-boss), on the server as on the embedded engine:
 * a job sent is kept across restarts and retried when its handler fails.
 */
export async function startJobQueue(handle: DbHandle, opts: { pollingSeconds?: number } = {}): Promise<JobQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => handle.executeSql(text, values) },
    schema: 'pgboss',
    // Maintenance (expiry, archiving) every few minutes is enough for our volumes.
    maintenanceIntervalSeconds: 300,
  });
  boss.on('error', (err: Error) => {
    // A dropped connection during a database restart is retried by pg-boss itself.
    if (!/terminat|ECONNREFUSED|closed/i.test(err.message)) console.error('[file de tâches]', err.message);
  });
  await boss.start();
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 20, retryBackoff: true });
    created.add(name);
  };

  // Under load, the jobs of many requests share one insert (and one commit).
  const insert = coalesce<PgBoss.JobInsert>((jobs) => boss.insert(jobs));

  return {
    async send(name, data, o) {
      await ensureQueue(name);
      await insert([{ name, data, singletonKey: o?.singletonKey, startAfter: o?.startAfter }]);
    },
    async sendMany(jobs) {
      if (jobs.length === 0) return;
      for (const name of new Set(jobs.map((j) => j.name))) await ensureQueue(name);
      await insert(jobs.map((j) => ({ name: j.name, data: j.data, singletonKey: j.singletonKey, startAfter: j.startAfter })));
    },
    async work(name, handler) {
      await ensureQueue(name);
      // Up to BATCH jobs a poll (a team's ten mails leave together, not one a second); a job that
      // fails is failed alone (retried by its queue's policy), the others of its batch complete.
      await boss.work(name, { pollingIntervalSeconds: opts.pollingSeconds ?? 1, batchSize: BATCH }, async (jobs) => {
        for (const job of jobs) {
          try {
            await handler(job.data as never);
          } catch (err) {
            await boss.fail(name, job.id, { message: err instanceof Error ? err.message : String(err) });
          }
        }
      });
    },
    async schedule(name, cron) {
      await ensureQueue(name);
      await boss.schedule(name, cron, {}, { tz: 'Europe/Paris' });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
