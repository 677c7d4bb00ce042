#!/usr/bin/env node
// CPU time the server spends per request, measured in-process with app.inject and
// process.cpuUsage: unlike wall-clock load tests, it barely moves when other processes load the
// machine, so it is the figure to decide on while the machine is shared.
//
//   node --import tsx bench/lib/cpu-per-request.mjs coverage-now [--count 4000] [--concurrency 50]
//   node --import tsx bench/lib/cpu-per-request.mjs directory-search --database-url postgres://…
//   node --import tsx bench/lib/cpu-per-request.mjs coverage-now --http --count 20000
//
// --http: the app listens and a child process sends the requests with autocannon (50 connections),
// so HTTP parsing and socket writes count too while the load generator's own CPU does not.
// --profile FILE: a CPU profile (.cpuprofile, for Chrome DevTools) of the measured requests only.
//
// Runs the platform (server/src through tsx) on the cached national database (see
// bench/generate-national.mjs; `npm run bench -- coverage` builds it) with the request paths of the
// `coverage` scenario. Prints µs of CPU (user + system) per request after a warm-up pass, and the
// wall time per request (which does include waits on PostgreSQL).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startInProcess } from './in-process.mjs';
import { ROOT } from './server.mjs';
import { startCpuProfile } from './cpu-profile.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    count: { type: 'string', default: '4000' },
    warmup: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '50' },
    http: { type: 'boolean', default: false },
    profile: { type: 'string' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/palliance_bench_national' },
  },
});
const kind = positionals[0] ?? 'coverage-now';
const scenario = (await import('../scenarios/coverage.mjs')).default;
const kinds = scenario.requests ?? [];
const found = kinds.find((r) => r.name === kind);
if (!found) throw new Error(`kind inconnu : ${kind} (${kinds.map((r) => r.name).join(', ')})`);
const request = found;
/** The coverage scenario's paths need no per-kind state (no setup). */
const pathAt = (/** @type {number} */ i) => request.path(i, /** @type {any} */ (undefined));

const { platform } = await startInProcess(/** @type {string} */ (values['database-url']));
const app = platform.app;

let next = 0;
/** @type {string | null} */
let baseUrl = null;
if (values.http) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/**
 * Sends `count` requests over HTTP from a child process (its CPU is not ours).
 * @param {number} count
 */
async function runHttp(count) {
  const { spawn } = await import('node:child_process');
  const paths = Array.from({ length: count }, () => pathAt(next++));
  const script = `
    const autocannon = require('autocannon');
    const paths = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    let i = 0;
    autocannon({ url: ${JSON.stringify(baseUrl)}, connections: ${Number(values.concurrency)}, amount: paths.length,
      requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }] },
      (err, res) => { console.log(JSON.stringify({ non2xx: res ? res.non2xx : -1, errors: res ? res.errors : -1 })); process.exit(err ? 1 : 0); });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: path.join(ROOT, 'bench'), stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(paths));
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await new Promise((resolve) => child.on('exit', resolve));
  const res = JSON.parse(out.trim().split('\n').pop() || '{}');
  return (res.non2xx ?? 0) + (res.errors ?? 0);
}

/** @param {number} count */
async function run(count) {
  if (values.http) return runHttp(count);
  const concurrency = Number(values.concurrency);
  let statusErrors = 0;
  const worker = async () => {
    while (count-- > 0) {
      const res = await app.inject({ method: 'GET', url: pathAt(next++) });
      if (res.statusCode !== 200) statusErrors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statusErrors;
}

await run(Number(values.warmup));
const n = Number(values.count);
const stopProfile = await startCpuProfile(values.profile);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const errors = await run(n);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await stopProfile();
console.log(
  JSON.stringify({
    kind,
    requests: n,
    errors,
    cpuUsPerRequest: Math.round((cpu.user + cpu.system) / n),
    wallUsPerRequest: Math.round((wall * 1000) / n),
  }),
);
await platform.stop();
process.exit(0);
