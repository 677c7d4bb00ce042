import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/client';
import { openTestDatabase } from '../test/template';
import { startJobQueue, type JobQueue } from './job-queue';

describe('job queue', () => {
  let db: { handle: DbHandle; drop: () => Promise<void> };
  let queue: JobQueue;
  beforeAll(async () => {
    db = await openTestDatabase();
    queue = await startJobQueue(db.handle);
  });
  afterAll(async () => {
    await queue?.stop();
    await db?.drop();
  });

  it('hands a worker the waiting jobs together, and a job that fails is failed alone', async () => {
    const jobs = Array.from({ length: 10 }, (_, i) => ({ name: 'essai-lot', data: { n: i, fail: i === 0 } }));
    await queue.sendMany(jobs);
    const done: number[] = [];
    const all = new Promise<void>((resolve) => {
      void queue.work<{ n: number; fail: boolean }>('essai-lot', async (job) => {
        if (job.fail) throw new Error('panne simulée');
        done.push(job.n);
        if (done.length === 9) resolve();
      });
    });
    await all;
    expect(done.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Give pg-boss the moment to mark the batch's jobs completed once the handler returned.
    let states: { state: string; n: number; started: string }[] = [];
    for (let i = 0; i < 50; i++) {
      states = await db.handle.query<{ state: string; n: number; started: string }>(
        "SELECT state, (data->>'n')::int AS n, started_on::text AS started FROM pgboss.job WHERE name = 'essai-lot' ORDER BY (data->>'n')::int",
      );
      if (states.filter((s) => s.state === 'completed').length === 9) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(states.map((s) => s.state)).toEqual(['retry', ...Array(9).fill('completed')]);
    // Fetched in one statement: one start time for all ten.
    expect(new Set(states.map((s) => s.started)).size).toBe(1);
  });
});
