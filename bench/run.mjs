#!/usr/bin/env node
// npm run bench -- <scenario> [options]: starts the platform on a fresh database, loads it with
// autocannon per request kind, writes bench/results/<scenario>.json and judges the budgets.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { judge, loadBudgets } from './lib/budgets.mjs';
import { PreparedKind, rateSummary, runLoad, summarize } from './lib/load.mjs';
import { startCpuMeter } from './lib/cpu-meter.mjs';
import { RESULTS_DIR, ROOT, chooseServer, freshDatabase, serverCommand, serverLogSummary, startServer } from './lib/server.mjs';

/** @typedef {import('./lib/types').Scenario} Scenario */
/** @typedef {import('./lib/types').RunOptions} RunOptions */
/** @typedef {import('./lib/types').KindResult} KindResult */
/** @typedef {import('./lib/types').Engine} Engine */

const SCENARIOS_DIR = path.join(ROOT, 'bench', 'scenarios');

const USAGE = `Usage : npm run bench -- <scénario> [options]

Scénarios : ${listScenarios().join(', ')}

Options :
  --connections N   connexions simultanées (défaut 50)
  --duration S      secondes de mesure par type de requête (défaut 30 ; national : durée totale, défaut 600)
  --warmup S        secondes de chauffe avant chaque mesure (défaut 3)
  --engine E        postgres (défaut) ou pglite
  --mode M          separate (défaut : un type de requête après l'autre) ou mix (tous mêlés selon leur poids)
  --rate R          mesurer aussi à débit fixé (R req/s au total) après la mesure à saturation ; sans --rate,
                    un type de requête dont le budget nomme un "rate" est mesuré à ce débit
  --pacing P        smooth (défaut : créneaux réguliers par connexion) ou burst (overallRate d'autocannon)
  --only K1,K2      ne mesurer que ces types de requête
  --regenerate      refaire les données mises en cache par le scénario (p. ex. la base nationale de coverage)
  --runs N          démarrages mesurés (scénario startup, défaut 5)
  --server S        auto (défaut : server/dist s'il est à jour, sinon tsx), dist ou tsx
  --pg-url URL      base PostgreSQL d'administration (défaut $BENCH_PG_URL ou postgres://postgres@127.0.0.1:5432/postgres)
  --keep            garder la base / le dossier de données après la mesure
  --enforce         code de sortie 1 si un budget n'est pas tenu
  --learners N      apprenants simultanés (scénario national, défaut 2000)
  --coordinators N  coordinateurs (scénario national, défaut 200)
  --users N         comptes créés (scénario national, défaut 100000)
`;

function listScenarios() {
  try {
    return fs
      .readdirSync(SCENARIOS_DIR)
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => f.replace(/\.mjs$/, ''))
      .sort();
  } catch {
    return [];
  }
}

/** @returns {RunOptions | null} */
function parseOptions() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      connections: { type: 'string', default: '50' },
      duration: { type: 'string' },
      warmup: { type: 'string', default: '3' },
      engine: { type: 'string' },
      mode: { type: 'string', default: 'separate' },
      rate: { type: 'string' },
      pacing: { type: 'string', default: 'smooth' },
      only: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      runs: { type: 'string', default: '5' },
      server: { type: 'string', default: 'auto' },
      'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      keep: { type: 'boolean', default: false },
      learners: { type: 'string' },
      coordinators: { type: 'string' },
      users: { type: 'string' },
      enforce: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length !== 1) return null;
  const num = (/** @type {string} */ name, /** @type {string} */ v, min = 1) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} doit être un nombre ≥ ${min} (reçu « ${v} »)`);
    return n;
  };
  if (values.engine !== undefined && values.engine !== 'postgres' && values.engine !== 'pglite') {
    throw new Error(`--engine doit valoir postgres ou pglite (reçu « ${values.engine} »)`);
  }
  if (values.server !== 'auto' && values.server !== 'dist' && values.server !== 'tsx') {
    throw new Error(`--server doit valoir auto, dist ou tsx (reçu « ${values.server} »)`);
  }
  chooseServer(values.server);
  if (values.mode !== 'separate' && values.mode !== 'mix') throw new Error(`--mode doit valoir separate ou mix (reçu « ${values.mode} »)`);
  if (values.pacing !== 'smooth' && values.pacing !== 'burst') throw new Error(`--pacing doit valoir smooth ou burst (reçu « ${values.pacing} »)`);
  return {
    scenario: /** @type {string} */ (positionals[0]),
    engine: /** @type {Engine | undefined} */ (values.engine),
    connections: Math.floor(num('connections', values.connections)),
    durationS: num('duration', values.duration ?? '30'),
    durationGiven: values.duration !== undefined,
    warmupS: num('warmup', values.warmup, 0),
    mode: values.mode,
    rate: values.rate === undefined ? null : num('rate', values.rate),
    pacing: values.pacing,
    only: values.only ? values.only.split(',').map((k) => k.trim()).filter(Boolean) : null,
    regenerate: values.regenerate,
    runs: Math.floor(num('runs', values.runs)),
    enforce: values.enforce,
    keep: values.keep,
    pgUrl: values['pg-url'],
    learners: values.learners === undefined ? null : Math.floor(num('learners', values.learners, 0)),
    coordinators: values.coordinators === undefined ? null : Math.floor(num('coordinators', values.coordinators, 0)),
    users: values.users === undefined ? null : Math.floor(num('users', values.users)),
  };
}

/** @param {string} name @returns {Promise<Scenario>} */
async function loadScenario(name) {
  if (!/^[a-z0-9-]+$/.test(name) || !listScenarios().includes(name)) {
    throw new Error(`Scénario inconnu « ${name} ». Scénarios : ${listScenarios().join(', ')}`);
  }
  const mod = await import(pathToFileURL(path.join(SCENARIOS_DIR, `${name}.mjs`)).href);
  const scenario = /** @type {Scenario} */ (mod.default);
  if (!scenario || (!scenario.requests && !scenario.measure)) {
    throw new Error(`bench/scenarios/${name}.mjs doit exporter par défaut { name, description, requests } ou { …, measure }`);
  }
  return scenario;
}

const log = (/** @type {string} */ msg) => console.log(`[bench] ${msg}`);

/** The built web app, building it once if it is missing. @returns {string | null} why it is unavailable */
function ensureWeb() {
  const index = path.join(ROOT, 'web', 'dist', 'index.html');
  if (fs.existsSync(index)) return null;
  log("web/dist absent : construction de l'application web (npm run build -w web)…");
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['run', 'build', '-w', 'web'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status === 0 && fs.existsSync(index)) return null;
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  const cause = /error during build:\s*\n(.*)/.exec(out)?.[1] ?? out.trim().split('\n').slice(-3).join(' ');
  return `application web non construite (npm run build -w web a échoué : ${cause.trim()})`;
}

/** @param {string} baseUrl */
function setupContext(baseUrl) {
  return {
    baseUrl,
    /** @param {string} email @param {string} password */
    async login(email, password) {
      const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!res.ok) throw new Error(`connexion de ${email} refusée : HTTP ${res.status} ${await res.text()}`);
      const cookies = res.headers.getSetCookie().map((c) => c.split(';', 1)[0]);
      if (cookies.length === 0) throw new Error(`connexion de ${email} : aucun cookie de session`);
      return cookies.join('; ');
    },
  };
}

/** One request of a kind outside the load, to fail early with a clear message. @param {string} baseUrl @param {PreparedKind} k */
async function preflight(baseUrl, k) {
  const req = k.build();
  k.next = 0;
  const res = await fetch(`${baseUrl}${req.path}`, { method: req.method, headers: req.headers, body: req.body });
  const text = await res.text();
  if (res.status < 200 || res.status >= 300) {
    return `${req.method} ${req.path} → HTTP ${res.status} ${text.slice(0, 200)}`;
  }
  return null;
}

/**
 * The fixed rate a kind is measured at after its saturation run: --rate, else the rate its budget
 * names, else none. In --mode mix only --rate applies (to the whole mix).
 * @param {Scenario} scenario @param {RunOptions} options @param {string} kind
 */
function rateFor(scenario, options, kind) {
  if (options.rate) return options.rate;
  const budget = loadBudgets()[scenario.name]?.[kind];
  return budget?.rate ?? null;
}

/**
 * Waits until the server has finished what earlier runs left it: autocannon drops the requests in
 * flight when a run ends, but the server goes on answering them (and a slow kind can leave seconds of
 * queued queries), which would slow the next run down. Idle = /healthz (one database round trip)
 * answers in under 100 ms. @param {string} baseUrl @returns {Promise<number>} ms waited
 */
async function drain(baseUrl, maxMs = 120_000) {
  const t0 = performance.now();
  while (performance.now() - t0 < maxMs) {
    const t = performance.now();
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.ok && performance.now() - t < 100) break;
    } catch {
      /* still busy */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return Math.round(performance.now() - t0);
}

/** @param {Record<string, number | null> | undefined} cpu */
const contendedCpu = (cpu) => cpu?.othersPct != null && cpu.othersPct > 10;

/**
 * @param {Scenario} scenario
 * @param {RunOptions} options
 * @param {Engine} engine
 * @returns {Promise<{ rows: KindResult[], extra: Record<string, unknown> }>}
 */
async function runHttpScenario(scenario, options, engine) {
  const wanted = (/** @type {string} */ name) => !options.only || options.only.includes(name);
  const kinds = (scenario.requests ?? []).filter((k) => wanted(k.name));
  const probes = (scenario.probes ?? []).filter((p) => wanted(p.name));
  if (options.only) {
    const known = [...(scenario.requests ?? []), ...(scenario.probes ?? [])].map((k) => k.name);
    const unknown = options.only.filter((k) => !known.includes(k));
    if (unknown.length) throw new Error(`--only : type(s) de requête inconnu(s) : ${unknown.join(', ')} (connus : ${known.join(', ')})`);
  }
  /** @type {Map<string, string>} */
  const skipped = new Map();
  if ([...kinds, ...probes].some((k) => k.requires?.includes('web'))) {
    const why = ensureWeb();
    if (why) for (const k of [...kinds, ...probes]) if (k.requires?.includes('web')) skipped.set(k.name, why);
  }

  const db = scenario.database
    ? await scenario.database({ engine, options, log, adminUrl: options.pgUrl, startServer: (d, o) => startServer(d, { ...scenario.server, ...o, logName: o?.logName ?? scenario.name }) })
    : await freshDatabase(engine, scenario.name, options.pgUrl, options.keep);
  log(`base : ${db.databaseUrl ?? db.dataDir}`);
  const server = await startServer(db, { ...scenario.server, logName: scenario.name });
  log(`serveur prêt en ${Math.round(server.readyMs)} ms (${server.baseUrl})`);
  /** @type {KindResult[]} */
  const rows = [];
  /** @type {Record<string, unknown>} */
  const extra = {};
  let broken = false;
  try {
    const ctx = setupContext(server.baseUrl);
    /** @type {PreparedKind[]} */
    const prepared = [];
    for (const kind of kinds) {
      if (skipped.has(kind.name)) continue;
      const state = (kind.setup ? await kind.setup(ctx) : undefined) ?? {};
      const p = new PreparedKind(kind, state);
      const failure = await preflight(server.baseUrl, p);
      if (failure) {
        skipped.set(kind.name, `requête d'essai en échec : ${failure}`);
        broken = true;
        continue;
      }
      prepared.push(p);
    }

    /** Waits for the server to be idle, saying so when that took long. @param {string} names */
    const settle = async (names) => {
      const ms = await drain(server.baseUrl);
      if (ms > 1000) log(`${names} : ${(ms / 1000).toFixed(1)} s d'attente pour que le serveur finisse les requêtes de l'étape précédente`);
      return ms;
    };

    /** One timed run; its rows carry the CPU it used. @param {PreparedKind[]} ks @param {number | null} rate */
    const timed = async (ks, rate) => {
      const names = ks.map((k) => k.kind.name).join(' + ');
      const drainedMs = await settle(names);
      const how = rate ? `à ${rate} req/s (${options.pacing === 'smooth' ? 'créneaux réguliers' : 'overallRate autocannon'})` : 'à saturation';
      log(`${names} : mesure ${how}, ${options.durationS} s, ${options.connections} connexions`);
      const stopMeter = startCpuMeter({ serverPid: server.pid, database: db.databaseUrl ? new URL(db.databaseUrl).pathname.slice(1) : undefined });
      const figures = await runLoad({
        baseUrl: server.baseUrl,
        kinds: ks,
        connections: options.connections,
        durationS: options.durationS,
        rate: rate ?? undefined,
        pacing: options.pacing,
      });
      const cpu = stopMeter();
      if (contendedCpu(cpu)) {
        log(`attention : d'autres processus ont pris ${cpu.othersPct} % du CPU de la machine pendant la mesure ; chiffres faussés.`);
        extra.contended = true;
      }
      const alone = ks.length === 1;
      for (const [name, f] of figures.perKind) {
        if (f.ok.length === 0) log(`attention : ${name} : aucune réponse réussie pendant la mesure (requêtes plus longues que la mesure, ou toutes en erreur).`);
      }
      if (!alone && figures.socketErrors > 0) {
        const key = rate ? 'unattributedSocketErrorsAtRate' : 'unattributedSocketErrors';
        extra[key] = figures.socketErrors;
      }
      const schedule = rateSummary(figures);
      if (schedule && schedule.achievedRps < 0.97 * schedule.target) {
        log(`attention : débit visé ${schedule.target} req/s, obtenu ${schedule.achievedRps} req/s.`);
      }
      /** @type {KindResult[]} */
      const rows = summarize(figures, alone).map((r) => ({ ...r, cpu, ...(drainedMs > 1000 ? { drainedBeforeMs: drainedMs } : {}) }));
      return { rows, schedule };
    };

    /** @param {PreparedKind[]} ks @param {number | null} rate */
    const measure = async (ks, rate) => {
      const names = ks.map((k) => k.kind.name).join(' + ');
      const warmupRequests = ks.reduce((n, k) => n + (k.kind.warmupRequests ?? 0), 0);
      // Failures during warm-up are not measured but must not go unseen.
      /** @type {Map<string, number>} */
      const warmupErrors = new Map();
      const countErrors = (/** @type {import('./lib/load.mjs').LoadFigures} */ f) => {
        for (const [name, k] of f.perKind) warmupErrors.set(name, (warmupErrors.get(name) ?? 0) + k.non2xx + (ks.length === 1 ? f.socketErrors : 0));
      };
      if (options.warmupS > 0 && warmupRequests > 0) {
        log(`${names} : chauffe de ${warmupRequests} requêtes`);
        countErrors(await runLoad({ baseUrl: server.baseUrl, kinds: ks, connections: options.connections, durationS: 0, amount: warmupRequests }));
      }
      if (options.warmupS > 0) {
        log(`${names} : chauffe ${options.warmupS} s`);
        countErrors(await runLoad({ baseUrl: server.baseUrl, kinds: ks, connections: options.connections, durationS: options.warmupS }));
      }
      for (const [name, n] of warmupErrors) if (n > 0) log(`attention : ${name} : ${n} erreur(s) pendant la chauffe (non comptées dans la mesure ; voir le journal du serveur).`);
      const withWarmup = (/** @type {KindResult[]} */ rs) => rs.map((r) => (warmupErrors.get(r.name) ? { ...r, warmupErrors: warmupErrors.get(r.name) } : r));
      // Saturation first: as many requests as the connections can get answered gives the maximum
      // throughput. Then, if a rate applies, the same kinds at that fixed rate, for the latencies.
      const saturation = await timed(ks, null);
      if (!rate) return withWarmup(saturation.rows.map((r) => ({ ...r, rate: null })));
      const atRate = await timed(ks, rate);
      return withWarmup(atRate.rows.map((r) => {
        const sat = saturation.rows.find((x) => x.name === r.name);
        const pick = (/** @type {KindResult | undefined} */ x) =>
          x && {
            count: x.count,
            errors: x.errors,
            rps: x.rps,
            p50: x.p50,
            p95: x.p95,
            p99: x.p99,
            max: x.max,
            serverP50: x.serverP50,
            serverP95: x.serverP95,
            serverP99: x.serverP99,
            statusCodes: x.statusCodes,
            measuredS: x.measuredS,
            cpu: x.cpu,
          };
        return {
          ...r,
          // Both timed runs together; rps = the maximum throughput (saturation run); latencies
          // and server-side durations from the fixed-rate run.
          count: r.count + (sat?.count ?? 0),
          errors: r.errors + (sat?.errors ?? 0),
          rps: sat?.rps ?? null,
          statusCodes: addCounts(/** @type {Record<string, number>} */ (r.statusCodes), /** @type {Record<string, number> | undefined} */ (sat?.statusCodes)),
          timeouts: /** @type {number} */ (r.timeouts ?? 0) + /** @type {number} */ (sat?.timeouts ?? 0),
          rate: schedule(atRate.schedule, r),
          atRate: pick(r),
          saturation: pick(sat),
        };
      }));
    };
    /** @param {Record<string, number>} a @param {Record<string, number> | undefined} b */
    const addCounts = (a, b) => {
      /** @type {Record<string, number>} */
      const out = { ...a };
      for (const [k, v] of Object.entries(b ?? {})) out[k] = (out[k] ?? 0) + v;
      return out;
    };
    /** The schedule of a fixed-rate run, with this kind's own achieved rate. @param {ReturnType<typeof rateSummary>} sch @param {KindResult} r */
    const schedule = (sch, r) => (sch ? { ...sch, kindRps: r.rps } : null);

    if (options.mode === 'mix' && prepared.length > 1) rows.push(...(await measure(prepared, options.rate)));
    else for (const p of prepared) rows.push(...(await measure([p], rateFor(scenario, options, p.kind.name))));

    for (const probe of probes) {
      if (skipped.has(probe.name)) continue;
      await settle(probe.name);
      log(`${probe.name} : ${probe.description ?? 'mesure'}`);
      try {
        const row = await probe.run({ baseUrl: server.baseUrl, options, log });
        rows.push({ count: 0, errors: 0, rps: null, p50: null, p95: null, p99: null, ...row, name: probe.name });
      } catch (err) {
        skipped.set(probe.name, `mesure en échec : ${err instanceof Error ? err.message : err}`);
        broken = true;
      }
    }
  } finally {
    await server.stop();
    await db.dispose();
  }
  const order = [...kinds, ...probes].map((k) => k.name);
  for (const name of order) {
    const why = skipped.get(name);
    if (why) rows.push({ name, count: 0, errors: 0, rps: null, p50: null, p95: null, p99: null, skipped: why });
  }
  rows.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  extra.serverReadyMs = Math.round(server.readyMs);
  if (broken) extra.broken = true;
  return { rows, extra };
}

/** @param {number | null | undefined} v @param {number} [digits] */
const fmt = (v, digits = 2) => (v == null ? '—' : v.toFixed(digits));

/** @param {number | null | undefined} bytes */
const kb = (bytes) => (bytes == null ? '—' : `${(bytes / 1000).toFixed(1)} Ko`);

/** @param {KindResult[]} rows @param {ReturnType<typeof judge>} verdicts */
function printTable(rows, verdicts) {
  const header = ['requête', 'nombre', 'erreurs', 'req/s max', 'débit fixé', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'serveur p50/p95/p99', 'CPU serveur/charge/base/autres'];
  const lines = rows.map((r) => {
    const cpu = /** @type {Record<string, number | null> | undefined} */ (r.cpu);
    const p = (/** @type {string} */ k) => (cpu?.[k] == null ? '—' : `${cpu[k]} %`);
    const rate = /** @type {{ target: number, kindRps: number } | null | undefined} */ (r.rate);
    const server = [r.serverP50, r.serverP95, r.serverP99].map((v) => fmt(/** @type {number | null | undefined} */ (v))).join(' / ');
    return [
      r.name,
      String(r.count),
      String(r.errors),
      fmt(r.rps, 1),
      rate ? `${rate.target} → ${fmt(rate.kindRps, 0)}` : '',
      fmt(r.p50),
      fmt(r.p95),
      fmt(r.p99),
      fmt(/** @type {number | null | undefined} */ (r.max)),
      r.serverP50 == null && r.serverP95 == null ? '' : server,
      cpu ? `${p('serverPct')} / ${p('loadGeneratorPct')} / ${p('databasePct')} / ${p('othersPct')}` : '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (/** @type {string[]} */ cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log('');
  console.log(row(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const l of lines) console.log(row(l));
  for (const r of rows) {
    if (r.skipped) console.log(`  ${r.name} non mesuré : ${r.skipped}`);
    if (typeof r.bytes === 'number') {
      const files = Array.isArray(r.files) ? r.files.length : 0;
      console.log(`  ${r.name} : ${kb(r.bytes)} transférés en ${files} réponses (${kb(/** @type {number} */ (r.uncompressedBytes))} décompressés)`);
    }
  }
  if (verdicts.length) {
    console.log('\nBudgets :');
    for (const v of verdicts) {
      const tag = v.status === 'pass' ? 'PASS' : v.status === 'fail' ? 'FAIL' : 'SKIP';
      console.log(`  ${tag}  ${v.kind}  ${v.status === 'skip' ? v.reason : v.checks.join(', ')}`);
    }
  }
  console.log('');
}

async function main() {
  let options;
  try {
    options = parseOptions();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error(USAGE);
    return 2;
  }
  if (!options) {
    console.log(USAGE);
    return process.argv.includes('--help') || process.argv.includes('-h') ? 0 : 2;
  }
  const scenario = await loadScenario(options.scenario);
  // Two runs of one scenario would share (and drop) the same database and result files.
  const release = takeLock(scenario.name);
  if (!release) return 1;
  try {
    return await runScenario(scenario, options);
  } finally {
    release();
  }
}

/** @param {string} name @returns {(() => void) | null} */
function takeLock(name) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const lock = path.join(RESULTS_DIR, `${name}.lock`);
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      /* stale lock from a run that died */
    }
    if (alive) {
      console.error(`[bench] le scénario ${name} tourne déjà (processus ${pid}) ; attendez sa fin.`);
      return null;
    }
    fs.writeFileSync(lock, String(process.pid));
  }
  return () => fs.rmSync(lock, { force: true });
}

/** @param {Scenario} scenario @param {RunOptions} options */
async function runScenario(scenario, options) {
  const engine = options.engine ?? scenario.defaultEngine ?? 'postgres';
  const startedAt = new Date().toISOString();
  const cmd = serverCommand();
  log(`scénario ${scenario.name} — ${scenario.description} — moteur ${engine} — serveur ${cmd.kind} (${cmd.why})`);

  fs.rmSync(path.join(RESULTS_DIR, `${scenario.name}.server.log`), { force: true });
  /** @type {KindResult[]} */
  let rows;
  /** @type {Record<string, unknown>} */
  let extra = {};
  if (scenario.measure) {
    rows = await scenario.measure({
      options,
      engine,
      freshDatabase: () => freshDatabase(engine, scenario.name, options.pgUrl, options.keep),
      startServer: (db, opts) => startServer(db, { ...scenario.server, ...opts, logName: opts?.logName ?? scenario.name }),
      log,
    });
  } else {
    ({ rows, extra } = await runHttpScenario(scenario, options, engine));
  }
  extra.server = serverLogSummary(scenario.name);

  const budgets = loadBudgets()[scenario.name] ?? {};
  const verdicts = judge(budgets, rows, { engine, connections: options.connections });
  const cpus = os.cpus();
  const result = {
    scenario: scenario.name,
    engine,
    connections: scenario.measure ? null : options.connections,
    durationS: scenario.measure ? null : options.durationS,
    requests: rows,
    startedAt,
    mode: scenario.measure ? undefined : options.mode,
    rate: scenario.measure ? undefined : options.rate,
    pacing: scenario.measure ? undefined : options.pacing,
    warmupS: scenario.measure ? undefined : options.warmupS,
    serverCommand: cmd.kind,
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    budgets: verdicts,
    ...extra,
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(RESULTS_DIR, `${scenario.name}.json`);
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  printTable(rows, verdicts);
  const server = /** @type {{ warnings: number, errors: number, log: string } | undefined} */ (extra.server);
  if (server && (server.errors || server.warnings)) log(`journal du serveur : ${server.errors} erreur(s), ${server.warnings} avertissement(s) — ${server.log}`);
  if (extra.contended) log("machine partagée pendant la mesure (voir cpu.othersPct) : relancez sur une machine au repos pour comparer.");
  log(`résultats : ${path.relative(process.cwd(), out)}`);

  if (extra.broken) {
    console.error('[bench] mesure incomplète : un type de requête a échoué dès la requête d\'essai.');
    return 1;
  }
  // Scenarios that judge their rows themselves (national: each kind by its own scenario's budget) set row.verdict.
  if (options.enforce && (rows.some((r) => r.verdict === 'fail') || verdicts.some((v) => v.status === 'fail' || (v.status === 'skip' && rows.find((r) => r.name === v.kind)?.skipped)))) {
    console.error('[bench] --enforce : budget non tenu.');
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[bench] échec : ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
