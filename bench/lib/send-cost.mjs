#!/usr/bin/env node
// What one "send a support request" costs, measured in-process (app.inject) on the database of the
// `inbox` scenario: SQL round trips (one per query the pg client sends), split between those before
// the answer and those after it (mails, timers), and CPU per send of the server and of the
// PostgreSQL backends of that database. Unlike the load test these barely move when other processes
// load the machine.
//
//   npm run bench -- inbox --keep --duration 5          # leaves palliance_bench_inbox seeded
//   node --import tsx bench/lib/send-cost.mjs [--count 600] [--concurrency 10] [--list]
//        [--database-url postgres://postgres@127.0.0.1:5432/palliance_bench_inbox]
//
// --list prints the statements of one send, in order, with the time each took (client side).
// --profile FILE: a CPU profile (.cpuprofile) of the measured sends.
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { startInProcess } from './in-process.mjs';
import { ROOT } from './server.mjs';
import { databaseBackendsCpuMs } from './cpu-meter.mjs';
import { startCpuProfile } from './cpu-profile.mjs';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '600' },
    warmup: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '10' },
    list: { type: 'boolean', default: false },
    profile: { type: 'string' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/palliance_bench_inbox' },
  },
});
const STRUCTURE = '00000000-0000-4000-8000-00000000a001';
const PATIENT = '00000000-0000-4000-8000-0000000d0001';

// Count every statement the server's pg clients send (the same module instance the server loads).
const pg = createRequire(path.join(ROOT, 'server', 'package.json'))('pg');
/** @type {{ text: string, ms: number }[] | null} */
let log = null;
let queries = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (/** @type {any} */ q, /** @type {any[]} */ ...rest) {
  queries++;
  if (!log) return original.call(this, q, ...rest);
  const entry = { text: String(typeof q === 'string' ? q : q?.text ?? '').replace(/\s+/g, ' ').trim().slice(0, 120), ms: 0 };
  log.push(entry);
  const t0 = performance.now();
  const done = () => (entry.ms = performance.now() - t0);
  // pool.query hands a callback; drizzle's transactions await the promise.
  const last = rest.length - 1;
  if (typeof rest[last] === 'function') {
    const cb = rest[last];
    rest[last] = (/** @type {unknown[]} */ ...args) => (done(), cb(...args));
  } else if (q && typeof q.callback === 'function') {
    const cb = q.callback;
    q.callback = (/** @type {unknown[]} */ ...args) => (done(), cb(...args));
  }
  const result = original.call(this, q, ...rest);
  if (result && typeof result.then === 'function') result.then(done, () => {});
  return result;
};

const { platform, config } = await startInProcess(/** @type {string} */ (values['database-url']));
const app = platform.app;
const origin = new URL(config.publicUrl).origin;

const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin }, payload: { email: 'medecin-traitant@example.org', password: 'Palliance-demo-2026' } });
if (login.statusCode !== 200) throw new Error(`connexion : ${login.statusCode} ${login.body}`);
const cookie = [login.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
const RUN = Date.now().toString(36);
let sent = 0;

const send = async () => {
  sent++;
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/patients/${PATIENT}/requests`,
    headers: { cookie, origin, 'content-type': 'application/json' },
    payload: { structureId: STRUCTURE, reason: 'pain', urgency: 'routine', body: 'Banc d’essai : demande envoyée.', evaluations: [], idempotencyKey: `cost-${RUN}-${sent}` },
  });
  if (res.statusCode !== 201) throw new Error(`envoi : ${res.statusCode} ${res.body}`);
  return res;
};
const settle = () => new Promise((r) => setTimeout(r, 300));

/** @param {number} n @param {number} concurrency */
async function run(n, concurrency) {
  const worker = async () => {
    while (n-- > 0) await send();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

// Round trips: sends one at a time, counting what happens before the answer and after it.
await run(Number(values.warmup), Number(values.concurrency));
await settle();
const SEQ = 20;
let before = 0;
let after = 0;
for (let i = 0; i < SEQ; i++) {
  if (values.list && i === SEQ - 1) log = [];
  const q0 = queries;
  await send();
  const q1 = queries;
  if (log) log.push({ text: '--- answer sent ---', ms: 0 });
  await settle();
  before += q1 - q0;
  after += queries - q1;
}
const listed = log;
log = null;

// CPU: `count` sends at `concurrency`, server process and the database's backends.
const database = new URL(values['database-url']).pathname.slice(1);
const n = Number(values.count);
const db0 = databaseBackendsCpuMs(database);
const stopProfile = await startCpuProfile(values.profile);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await run(n, Number(values.concurrency));
const wall = performance.now() - t0;
await settle();
const cpu = process.cpuUsage(cpu0);
await stopProfile();
let dbMs = 0;
for (const [pid, ms] of databaseBackendsCpuMs(database)) dbMs += ms - (db0.get(pid) ?? 0);

if (listed) for (const e of listed) console.log(`${e.ms.toFixed(2).padStart(7)} ms  ${e.text}`);
console.log(
  JSON.stringify({
    roundTripsBeforeAnswer: before / SEQ,
    roundTripsAfterAnswer: after / SEQ,
    sends: n,
    concurrency: Number(values.concurrency),
    serverCpuUsPerSend: Math.round((cpu.user + cpu.system) / n),
    dbCpuUsPerSend: Math.round((dbMs * 1000) / n),
    wallUsPerSend: Math.round((wall * 1000) / n),
  }),
);
await platform.stop();
process.exit(0);
