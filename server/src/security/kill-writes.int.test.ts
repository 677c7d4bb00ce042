import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adminUrl, engine } from '../test/template';

// The fast variant of `npm run stress -- kill-writes` (bench/stress/): the real server process,
// killed with SIGKILL in the middle of 300 writes of every kind (quiz answers, event registrations,
// enrolments, forum replies, support requests), restarted on the same PostgreSQL database.
// Only on PostgreSQL: the embedded engine lives inside the killed process.

interface KindRound {
  writes: number;
  acknowledged: number;
  lost: number;
  doubled: number;
  storedUnacknowledged: number;
  retryFailures: number;
  notOnceAfterRetry: number;
}
interface KillWritesResult {
  ok: boolean;
  violations: string[];
  rounds: { writes: number; acknowledged: number; inFlightAtKill: number; perKind: Record<string, KindRound> }[];
}
interface DatabaseTarget {
  dispose(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');
const benchModule = (file: string) => import(pathToFileURL(path.join(ROOT, 'bench', file)).href);

describe.runIf(engine() === 'postgres')('server killed during a burst of writes (PostgreSQL)', () => {
  it('keeps every acknowledged write, none twice, and stores each retried one once', { timeout: 180_000 }, async () => {
    const server = (await benchModule('lib/server.mjs')) as {
      chooseServer(c: 'tsx'): void;
      freshDatabase(engine: 'postgres', scenario: string, adminUrl: string, keep: boolean): Promise<DatabaseTarget>;
    };
    const { killWrites } = (await benchModule('stress/kill-writes.mjs')) as {
      killWrites(o: { db: DatabaseTarget; learners: number; rounds: number; concurrency: number; maxWrites: number; logName: string }): Promise<KillWritesResult>;
    };
    // The sources, not a build that may be older than them.
    server.chooseServer('tsx');
    const db = await server.freshDatabase('postgres', 'stress_ci', adminUrl(), false);
    try {
      const result = await killWrites({ db, learners: 30, rounds: 1, concurrency: 24, maxWrites: 300, logName: 'stress-kill-writes-ci' });
      expect(result.violations).toEqual([]);
      const [round] = result.rounds;
      // The kill did land mid-burst: some writes answered, some did not.
      expect(round.writes).toBe(300);
      expect(round.acknowledged).toBeGreaterThan(0);
      expect(round.acknowledged).toBeLessThan(300);
      // Every kind of write was in the burst (the 300 are drawn at random among all prepared).
      expect(Object.keys(round.perKind).sort()).toEqual(['enrolment', 'event-registration', 'forum-replies', 'quiz-answer', 'support-requests']);
      for (const k of Object.values(round.perKind)) expect(k.writes).toBeGreaterThan(0);
      for (const [name, k] of Object.entries(round.perKind)) {
        expect({ name, lost: k.lost, doubled: k.doubled, retryFailures: k.retryFailures, notOnceAfterRetry: k.notOnceAfterRetry }).toEqual({
          name,
          lost: 0,
          doubled: 0,
          retryFailures: 0,
          notOnceAfterRetry: 0,
        });
      }
      expect(result.ok).toBe(true);
    } finally {
      await db.dispose();
    }
  });
});
