// Cold start: how long the platform takes to answer /healthz when started on a data folder that
// already holds its database (the usual restart, after an update or a reboot).
import { percentile } from '../lib/load.mjs';

/** @type {import('../lib/types').Scenario} */
export default {
  name: 'startup',
  description: 'démarrage à froid sur un dossier de données existant',
  defaultEngine: 'pglite',
  server: { demoData: true },
  async measure(ctx) {
    const db = await ctx.freshDatabase();
    try {
      // The first start creates the database (migrations, communes, demo data): not a cold start.
      const first = await ctx.startServer(db);
      await first.stop();
      ctx.log(`premier démarrage (base vide) : ${Math.round(first.readyMs)} ms`);

      /** @type {number[]} */
      const samples = [];
      /** @type {(number | null)[]} */
      const reported = [];
      let errors = 0;
      for (let run = 1; run <= ctx.options.runs; run++) {
        try {
          const server = await ctx.startServer(db, { readyTimeoutMs: 60_000 });
          samples.push(server.readyMs);
          reported.push(server.reportedMs);
          await server.stop();
          ctx.log(`démarrage ${run}/${ctx.options.runs} : ${Math.round(server.readyMs)} ms`);
        } catch (err) {
          errors++;
          ctx.log(`démarrage ${run}/${ctx.options.runs} en échec : ${err instanceof Error ? err.message : err}`);
        }
      }
      const sorted = [...samples].sort((a, b) => a - b);
      const round = (/** @type {number} */ v) => Math.round(v);
      return [
        {
          name: 'cold-start',
          count: ctx.options.runs,
          errors,
          rps: null,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          min: sorted.length ? round(/** @type {number} */ (sorted[0])) : null,
          max: sorted.length ? round(/** @type {number} */ (sorted[sorted.length - 1])) : null,
          samplesMs: samples.map(round),
          // The server's own figure (from its start to listening), without the Node/tsx boot before it.
          serverReportedMs: reported,
          firstStartMs: round(first.readyMs),
        },
      ];
    } finally {
      await db.dispose();
    }
  },
};
