#!/usr/bin/env node
// What a structure search costs when no answer is cached: every distinct text of the national
// load's searches once, one at a time, in-process (app.inject) on the cached national database.
//
//   node --import tsx bench/lib/search-cost.mjs [--database-url postgres://…] [--repeat 1]
//
// Prints p50/p95/p99/max of the wall time per search (which includes PostgreSQL) and the slowest
// texts. The first round warms up; no answer is found kept (each round asks another page size).
import { parseArgs } from 'node:util';
import { startInProcess } from './in-process.mjs';
import { searchQueries } from './national-data.mjs';

const { values } = parseArgs({
  options: {
    repeat: { type: 'string', default: '1' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/palliance_bench_national' },
  },
});
const { platform } = await startInProcess(/** @type {string} */ (values['database-url']));
const texts = [...new Set(searchQueries())];
/** @type {{ text: string, ms: number, total: number }[]} */
const samples = [];
for (let round = 0; round < Number(values.repeat) + 1; round++) {
  for (const text of texts) {
    // Answers are kept per page size: each round asks another one, so none is found kept.
    const t0 = performance.now();
    const res = await platform.app.inject({ method: 'GET', url: `/api/v1/structures?q=${encodeURIComponent(text)}&pageSize=${20 - round}` });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${text}: ${res.statusCode} ${res.body}`);
    if (round > 0) samples.push({ text, ms, total: JSON.parse(res.body).total });
  }
}
const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
const q = (/** @type {number} */ p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]?.toFixed(1);
console.log(`${texts.length} distinct texts, ${samples.length} searches: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`);
for (const s of samples.sort((a, b) => b.ms - a.ms).slice(0, 15)) console.log(`  ${s.ms.toFixed(1).padStart(7)} ms  ${String(s.total).padStart(5)} found  ${s.text}`);
await platform.stop();
