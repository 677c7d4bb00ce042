// Fault: PostgreSQL goes away under a steady mix of reads and writes, then comes back. Guarantees:
// meanwhile the platform answers 503 (never another 5xx, never a request left hanging) and /healthz
// says "unavailable"; once PostgreSQL is back, the platform serves again by itself within a few
// seconds (no restart of the platform).
// By default on a private cluster (bench/lib/private-pg.mjs: initdb in a temporary folder, a port of
// its own), so other users of the machine's shared PostgreSQL see nothing; --cluster shared restarts
// the machine's cluster: never in CI, never on a shared machine.
import { spawn } from 'node:child_process';
import { startMemoryProbe } from '../lib/memory.mjs';
import { startServer } from '../lib/server.mjs';
import { api, makeLearners, sqlOn } from '../lib/stress.mjs';
import { eventRegistrations, quizAnswers } from './kinds.mjs';

const CLUSTER = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main';
/** The machine's shared cluster (what the suite runs with --cluster shared). */
export const SHARED_CLUSTER = { stop: `${CLUSTER} stop`, start: `${CLUSTER} start`, restart: `${CLUSTER} restart` };

/** @param {string} cmd @returns {Promise<{ code: number | null, ms: number, output: string }>} */
function sh(cmd) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', cmd], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, ms: performance.now() - t0, output: output.trim() }));
  });
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {{ db: import('../lib/types').DatabaseTarget, learners?: number, concurrency?: number, outageS?: number,
 *   recoverS?: number, commands: { stop: string, start: string, restart: string }, timeoutMs?: number, logName?: string,
 *   log?: (m: string) => void }} o outageS 0 = one "restart" command, else stop, wait outageS, start
 */
export async function dbRestart(o) {
  const log = o.log ?? (() => {});
  const databaseUrl = /** @type {string} */ (o.db.databaseUrl);
  if (!databaseUrl) throw new Error('db-restart demande PostgreSQL.');
  const sql = sqlOn(databaseUrl);
  const timeoutMs = o.timeoutMs ?? 8000;
  const outageS = o.outageS ?? 3;
  const recoverMs = (o.recoverS ?? 10) * 1000;
  /** @type {string[]} */
  const violations = [];
  const server = await startServer(o.db, { demoData: true, logName: o.logName ?? 'stress-db-restart' });
  const memory = startMemoryProbe(server.pid, { intervalMs: 1000 });
  try {
    const learners = await makeLearners(sql, o.learners ?? 40, Date.now().toString(36));
    const ctx = { baseUrl: server.baseUrl, sql, learners };
    const answers = await quizAnswers.prepare(ctx);
    const registrations = (await eventRegistrations.prepare(ctx)).filter((_, i) => i % 3 === 0);
    /** @type {Map<string, boolean>} whether each registration is currently on (toggled by POST / DELETE) */
    const registered = new Map();

    // One request of the mix: 60 % reads, 25 % quiz answers, 15 % registration or withdrawal.
    let n = 0;
    const next = () => {
      const i = n++;
      const l = learners[i % learners.length];
      const r = i % 20;
      if (r < 4) return { kind: 'read-courses', send: () => api(server.baseUrl, null, 'GET', '/api/v1/courses', undefined, { timeoutMs }) };
      if (r < 8) return { kind: 'read-events', send: () => api(server.baseUrl, null, 'GET', '/api/v1/events', undefined, { timeoutMs }) };
      if (r < 12) return { kind: 'read-mine', send: () => api(server.baseUrl, l.cookie, 'GET', '/api/v1/me/events', undefined, { timeoutMs }) };
      if (r < 17) {
        const w = answers[i % answers.length];
        return { kind: 'write-answer', send: () => api(server.baseUrl, w.learner.cookie, w.method, w.path, w.body, { timeoutMs }) };
      }
      const w = registrations[i % registrations.length];
      const on = registered.get(w.key) ?? false;
      return {
        kind: 'write-registration',
        send: async () => {
          const res = await api(server.baseUrl, w.learner.cookie, on ? 'DELETE' : 'POST', w.path, undefined, { timeoutMs });
          if (res.status >= 200 && res.status < 300) registered.set(w.key, !on);
          return res;
        },
      };
    };

    const t0 = performance.now();
    const now = () => performance.now() - t0;
    /** @type {{ t: number, end: number, kind: string, status: number, error?: string }[]} */
    const requests = [];
    /** @type {{ t: number, status: number }[]} */
    const health = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const req = next();
        const t = now();
        const res = await req.send();
        requests.push({ t, end: now(), kind: req.kind, status: res.status, error: res.error });
        // A client that got a 503 waits a little (Retry-After says 5 s; a bench client retries sooner).
        if (res.status === 503 || res.status === 0) await sleep(100);
      }
    };
    const poller = async () => {
      while (!stop) {
        const t = now();
        const res = await api(server.baseUrl, null, 'GET', '/healthz', undefined, { timeoutMs });
        health.push({ t, status: res.status });
        await sleep(200);
      }
    };
    const load = [...Array.from({ length: o.concurrency ?? 8 }, worker), poller()];

    await sleep(4000);
    const outage = { downAt: now(), upAt: 0, commands: /** @type {{ cmd: string, code: number | null, ms: number, output: string }[]} */ ([]) };
    const run = async (/** @type {string} */ cmd) => {
      log(`$ ${cmd}`);
      const res = await sh(cmd);
      outage.commands.push({ cmd, ...res, ms: Math.round(res.ms) });
      if (res.code !== 0) throw new Error(`« ${cmd} » a échoué (code ${res.code}) : ${res.output}`);
    };
    if (outageS === 0) {
      await run(o.commands.restart);
    } else {
      await run(o.commands.stop);
      await sleep(outageS * 1000);
      await run(o.commands.start);
    }
    outage.upAt = now();
    log(`PostgreSQL de retour après ${Math.round(outage.upAt - outage.downAt)} ms ; attente de la reprise`);

    // Recovered = a write and a read that started after PostgreSQL was back both answered 2xx.
    const deadline = outage.upAt + recoverMs + 5000;
    const ok = (/** @type {{ t: number, status: number }} */ x) => x.t >= outage.upAt && x.status >= 200 && x.status < 300;
    while (now() < deadline) {
      if (requests.some((x) => ok(x) && x.kind.startsWith('write')) && requests.some((x) => ok(x) && x.kind.startsWith('read'))) break;
      await sleep(100);
    }
    await sleep(3000);
    stop = true;
    await Promise.all(load);

    const firstOk = (/** @type {(x: typeof requests[number]) => boolean} */ f) => {
      const hits = requests.filter((x) => ok(x) && f(x)).map((x) => x.end);
      return hits.length ? Math.round(Math.min(...hits) - outage.upAt) : null;
    };
    const recovery = {
      firstWrite2xxMs: firstOk((x) => x.kind.startsWith('write')),
      firstRead2xxMs: firstOk((x) => x.kind.startsWith('read')),
      healthz200Ms: (() => {
        const h = health.find((x) => x.t >= outage.upAt && x.status === 200);
        return h ? Math.round(h.t - outage.upAt) : null;
      })(),
    };
    /** @type {Record<string, Record<string, number>>} */
    const perSecond = {};
    /** @type {Record<string, number>} */
    const totals = {};
    for (const x of requests) {
      const label = x.status === 0 ? `aucune réponse (${x.error})` : String(x.status);
      const s = String(Math.floor(x.end / 1000));
      (perSecond[s] ??= {})[label] = (perSecond[s][label] ?? 0) + 1;
      totals[label] = (totals[label] ?? 0) + 1;
    }
    const during = requests.filter((x) => x.end >= outage.downAt && x.t <= outage.upAt);
    const healthDuring = health.filter((x) => x.t >= outage.downAt && x.t <= outage.upAt).map((x) => x.status);

    const bad = requests.filter((x) => x.status >= 500 && x.status !== 503);
    if (bad.length) violations.push(`${bad.length} réponse(s) 5xx autres que 503 (${[...new Set(bad.map((x) => `${x.kind} ${x.status}`))].join(', ')})`);
    const silent = requests.filter((x) => x.status === 0);
    if (silent.length) violations.push(`${silent.length} requête(s) sans réponse (${[...new Set(silent.map((x) => x.error))].join(', ')}) : délai ${timeoutMs} ms`);
    if (!healthDuring.includes(503)) violations.push(`/healthz n'a pas répondu 503 pendant la coupure (vu : ${[...new Set(healthDuring)].join(', ') || 'rien'})`);
    for (const [name, ms] of Object.entries(recovery)) {
      if (ms === null || ms > recoverMs) violations.push(`reprise trop lente : ${name} = ${ms === null ? 'jamais' : `${ms} ms`} (limite ${recoverMs} ms)`);
    }
    const mem = memory.stop();
    const result = {
      fault: 'db-restart',
      learners: learners.length,
      concurrency: o.concurrency ?? 8,
      outage: { ...outage, downAt: Math.round(outage.downAt), upAt: Math.round(outage.upAt), lastedMs: Math.round(outage.upAt - outage.downAt) },
      recovery,
      requests: requests.length,
      duringOutage: during.reduce((/** @type {Record<string, number>} */ acc, x) => ((acc[x.status || 'none'] = (acc[x.status || 'none'] ?? 0) + 1), acc), {}),
      healthzDuringOutage: healthDuring.reduce((/** @type {Record<string, number>} */ acc, s) => ((acc[s] = (acc[s] ?? 0) + 1), acc), {}),
      slowestMs: Math.round(Math.max(0, ...requests.map((x) => x.end - x.t))),
      totals,
      perSecond,
      rssMB: { first: mem.samples[0]?.rssMB ?? null, last: mem.samples.at(-1)?.rssMB ?? null },
      violations,
      ok: violations.length === 0,
    };
    log(
      `coupure ${result.outage.lastedMs} ms ; pendant : ${JSON.stringify(result.duringOutage)} ; /healthz : ${JSON.stringify(result.healthzDuringOutage)} ; ` +
        `reprise : écriture ${recovery.firstWrite2xxMs} ms, lecture ${recovery.firstRead2xxMs} ms, /healthz ${recovery.healthz200Ms} ms ; plus lente ${result.slowestMs} ms`,
    );
    return result;
  } finally {
    memory.stop();
    await server.stop();
  }
}
