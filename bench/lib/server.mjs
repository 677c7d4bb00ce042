// Starts and stops the platform for a bench run, on a database made for it.
import { parseMajorGcs } from './memory.mjs';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

/** @typedef {import('./types').DatabaseTarget} DatabaseTarget */
/** @typedef {import('./types').StartedServer} StartedServer */
/** @typedef {import('./types').ServerOptions} ServerOptions */

/** @returns {Promise<number>} a TCP port nobody listens on right now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** @param {string} dir newest modification time (ms) of the files under dir, 0 when absent */
function newestMtime(dir) {
  let newest = 0;
  /** @param {string} d */
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return newest;
}

/** @type {'auto' | 'dist' | 'tsx'} */
let serverChoice = 'auto';
/** @param {'auto' | 'dist' | 'tsx'} choice */
export function chooseServer(choice) {
  serverChoice = choice;
}

/**
 * The command that runs the server: the build (server/dist) when it exists and is not older than
 * the sources, else the TypeScript sources through tsx (`node --import tsx`, not `npx tsx`: one
 * process, so signals and timings are its own). `--server dist|tsx` forces one.
 * @returns {{ kind: 'dist' | 'tsx', argv: string[], why: string }}
 */
export function serverCommand() {
  const dist = path.join(ROOT, 'server', 'dist', 'main.js');
  const tsx = ['--import', 'tsx', path.join(ROOT, 'server', 'src', 'main.ts')];
  if (serverChoice === 'tsx') return { kind: 'tsx', argv: tsx, why: '--server tsx' };
  if (!fs.existsSync(dist)) {
    if (serverChoice === 'dist') throw new Error('--server dist : server/dist/main.js absent (npm run build -w server)');
    return { kind: 'tsx', argv: tsx, why: 'server/dist absent' };
  }
  if (serverChoice === 'dist') return { kind: 'dist', argv: [dist], why: '--server dist' };
  const built = fs.statSync(dist).mtimeMs;
  const sources = Math.max(newestMtime(path.join(ROOT, 'server', 'src')), newestMtime(path.join(ROOT, 'core', 'src')));
  if (sources > built) return { kind: 'tsx', argv: tsx, why: 'server/dist plus ancien que les sources' };
  return { kind: 'dist', argv: [dist], why: 'server/dist à jour' };
}

/** pg is a dependency of the server workspace; borrow it from there rather than declare it twice. */
function loadPg() {
  const require = createRequire(path.join(ROOT, 'server', 'package.json'));
  return /** @type {typeof import('pg')} */ (require('pg'));
}

/**
 * A new empty database for a scenario: `palliance_bench_<scenario>` dropped and created again on
 * PostgreSQL, a fresh temporary DATA_DIR on PGlite.
 * @param {import('./types').Engine} engine
 * @param {string} scenario
 * @param {string} adminUrl URL of a PostgreSQL database we may connect to (to create ours)
 * @param {boolean} keep keep the database / folder after the run
 * @returns {Promise<DatabaseTarget>}
 */
export async function freshDatabase(engine, scenario, adminUrl, keep) {
  if (engine === 'pglite') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), `palliance-bench-${scenario}-`));
    return {
      engine,
      dataDir,
      async dispose() {
        if (!keep) await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `palliance_bench_${scenario.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  const { Client } = loadPg();
  const admin = async (/** @type {string} */ sql) => {
    const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${name}`);
  } catch (err) {
    throw new Error(
      `PostgreSQL injoignable ou refus (${adminUrl}) : ${err instanceof Error ? err.message : err}\n` +
        `  Démarrez-le (pg_ctlcluster … main start), passez --pg-url, ou utilisez --engine pglite.`,
      { cause: err },
    );
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    databaseUrl: url.toString(),
    async dispose() {
      if (!keep) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    },
  };
}

/**
 * @param {string} url
 * @param {number} timeoutMs
 * @returns {Promise<number>} the HTTP status, 0 when nothing answered
 */
function getStatus(url, timeoutMs) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/**
 * Starts the platform on `db` and resolves once GET /healthz answers 200.
 * The server's output goes to bench/results/<logName>.server.log.
 * @param {DatabaseTarget} db
 * @param {ServerOptions & { logName?: string, readyTimeoutMs?: number }} [opts]
 * @returns {Promise<StartedServer>}
 */
export async function startServer(db, opts = {}) {
  const [port, mailPort] = [await freePort(), await freePort()];
  /** @type {Record<string, string | undefined>} */
  const env = {
    ...process.env,
    NODE_ENV: undefined,
    PUBLIC_URL: undefined,
    // Several processes (WORKERS > 1) cannot share the development mail catcher: give them an SMTP
    // address instead (nothing listens there; benchmarks send no mail).
    SMTP_URL: Number(process.env.WORKERS ?? 1) > 1 ? `smtp://127.0.0.1:${mailPort}` : undefined,
    HOST: '127.0.0.1',
    PORT: String(port),
    MAIL_CATCHER_PORT: String(mailPort),
    LOG_LEVEL: 'warn',
    DEMO_DATA: opts.demoData ? 'true' : 'false',
    DATABASE_URL: db.databaseUrl,
    DATA_DIR: db.dataDir ?? path.join(os.tmpdir(), 'palliance-bench-unused'),
    ...opts.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const logPath = path.join(RESULTS_DIR, `${opts.logName ?? 'bench'}.server.log`);
  const logFd = fs.openSync(logPath, 'a');
  const cmd = serverCommand();
  const t0 = performance.now();
  // BENCH_SERVER_NODE_ARGS: Node options for the server alone (e.g. --trace-gc, which NODE_OPTIONS refuses).
  const nodeArgs = [...(opts.traceGc ? ['--trace-gc'] : []), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];
  /** Heap size after each full (mark-compact) collection, when --trace-gc is on. @type {import('./memory.mjs').HeapSample[]} */
  const majorGcs = [];
  const gcState = {};
  const child = spawn(process.execPath, [...nodeArgs, ...cmd.argv], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  /** @type {number | null} */
  let reportedMs = null;
  let exited = /** @type {null | { code: number | null, signal: string | null }} */ (null);
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(undefined);
    });
  });
  let tail = '';
  const sink = (/** @type {Buffer} */ chunk) => {
    fs.writeSync(logFd, chunk);
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-4000);
    const m = /prête sur .* en (\d+) ms/.exec(text);
    if (m) reportedMs = Number(m[1]);
    if (opts.traceGc) majorGcs.push(...parseMajorGcs(text, Date.now(), gcState));
  };
  child.stdout.on('data', sink);
  child.stderr.on('data', sink);

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 180_000);
  let readyMs = -1;
  while (Date.now() < deadline) {
    if (exited) break;
    const status = await getStatus(`${baseUrl}/healthz`, 1000);
    if (status === 200) {
      readyMs = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitPromise;
      clearTimeout(killer);
    }
    fs.closeSync(logFd);
  };
  if (readyMs < 0) {
    const why = exited ? `le serveur s'est arrêté (code ${exited.code ?? exited.signal})` : "/healthz n'a pas répondu 200 à temps";
    await stop();
    throw new Error(`Démarrage du serveur impossible : ${why}.\n--- fin du journal (${logPath}) ---\n${tail}`);
  }
  return { baseUrl, port, pid: child.pid ?? -1, readyMs, reportedMs, majorGcs, stop };
}

/**
 * Counts warnings and errors the server logged (pino JSON lines, level 40 and up).
 * @param {string} logName
 */
export function serverLogSummary(logName) {
  const logPath = path.join(RESULTS_DIR, `${logName}.server.log`);
  let warnings = 0;
  let errors = 0;
  /** @type {string[]} */
  const samples = [];
  let text;
  try {
    text = fs.readFileSync(logPath, 'utf8');
  } catch {
    return { log: path.relative(ROOT, logPath), warnings, errors, samples };
  }
  for (const line of text.split('\n')) {
    const m = /"level":(\d+)/.exec(line);
    if (!m) continue;
    const level = Number(m[1]);
    if (level >= 50) errors++;
    else if (level >= 40) warnings++;
    if (level >= 40 && samples.length < 5) samples.push(line.slice(0, 300));
  }
  return { log: path.relative(ROOT, logPath), warnings, errors, samples };
}
