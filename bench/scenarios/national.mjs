// National scale, everything at once (issue #8): the national directory (all communes, 10,000
// generated structures: the cache of the coverage scenario), 100,000 accounts, and for --duration
// seconds (default 600) a mixed load on one server:
//   - directory: commune search (typed texts), "who covers now" and structure search, at fixed rates
//   - learners (default 2,000): log in once, open the MOOC, its progress, the first lesson (+ visit),
//     video progress every 30 s, the self-assessment quiz once (start, answers, submit)
//   - coordinators (default 200, structure staff): the first page of their structure's inbox every
//     60 s, and a support request sent every 5 min
//   - the survey report (100,000 responses, survey-report.mjs's setup) asked once a minute
// Each request kind is judged against the budget of its own scenario in budgets.json (latency and
// error bounds only: rates and throughput belong to the scenario run alone); the server runs with
// --trace-gc and its heap after each full collection is judged "stable" (no growth over the second
// half, lib/memory.mjs); its resident memory is sampled and reported beside.
//
// Options: --duration S (600 unless given), --learners N (2000), --coordinators N (200),
// --users N (100000), --connections N (HTTP sockets per group of actors: directory, learners,
// staff; default 50). A request without an answer within 30 s (the report: 120 s) is an error.
// BENCH_NATIONAL_DB names the cached directory database (default palliance_bench_national). The run
// itself works on a copy (CREATE DATABASE … TEMPLATE), dropped afterwards, so the cache stays as the
// coverage scenario expects it.
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEFAULT_SEED, DEFAULT_STRUCTURES, ensureNationalDatabase } from '../generate-national.mjs';
import { judge, loadBudgets } from '../lib/budgets.mjs';
import { typedQueries } from '../lib/commune-queries.mjs';
import { percentile, serverDuration } from '../lib/load.mjs';
import { heapSamples, judgeMemory, startMemoryProbe } from '../lib/memory.mjs';
import { prng, searchQueries, territory } from '../lib/national-data.mjs';
import { ROOT } from '../lib/server.mjs';

const require = createRequire(path.join(ROOT, 'server', 'package.json'));
const MOOC = '00000000-0000-4000-8000-00000000c001';
const DEMO_PASSWORD = 'Palliance-demo-2026';
const RUN_DB = 'palliance_bench_national_load';

/** Fixed rates of the directory load (req/s), the report's period and the coordinators' rhythm. */
const DIRECTORY_RATES = { 'communes-search': 40, 'coverage-now': 20, 'directory-search': 5 };
const REPORT_EVERY_S = 60;
/** How many of the slowest answers of each kind the results keep, with when they ended. */
const SLOWEST_KEPT = 20;
const INBOX_EVERY_S = 60;
const SEND_EVERY_S = 300;

/**
 * Which scenario's budget judges each request kind. The learner and inbox kinds carry the names of
 * the session-opening (#4) and inbox scenarios; their budgets apply once those are in budgets.json.
 */
const BUDGET_OF = {
  'communes-search': 'communes',
  'coverage-now': 'coverage',
  'directory-search': 'coverage',
  login: 'session-opening',
  course: 'session-opening',
  'course-progress': 'session-opening',
  lesson: 'session-opening',
  'lesson-visit': 'session-opening',
  'video-progress': 'session-opening',
  'quiz-start': 'session-opening',
  'quiz-answer': 'session-opening',
  'quiz-submit': 'session-opening',
  'coordinator-login': 'inbox',
  'inbox-first-page': 'inbox',
  'support-request-send': 'inbox',
  'survey-report': 'survey-report',
};
/** Kinds named otherwise here than in their own scenario's budgets. */
const BUDGET_NAME = { 'support-request-send': 'request-send' };

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @typedef {{ status: number, ms: number, serverMs: number | null, body: any, setCookie: string[], error?: string }} Answer */

/**
 * Idle keep-alive sockets are closed by the client after this long, before the server does (Fastify's
 * keepAliveTimeout, 72 s), as browsers and proxies do: a request written on a socket the server is
 * closing at that moment fails with ECONNRESET, a transport race and no answer of the platform's.
 */
const IDLE_SOCKET_MS = 60_000;

/**
 * One request through the shared agent (bounded sockets); never throws.
 * @param {http.Agent} agent @param {string} baseUrl @param {string} method @param {string} urlPath
 * @param {{ cookie?: string, body?: unknown, raw?: string, timeoutMs?: number }} [opts]
 * @returns {Promise<Answer>}
 */
function call(agent, baseUrl, method, urlPath, opts = {}) {
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json', origin: baseUrl };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(`${baseUrl}${urlPath}`, { method, headers, agent, timeout: opts.timeoutMs ?? 30_000 }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = text;
        }
        const sc = res.headers['set-cookie'];
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, serverMs: serverDuration(res.headers['server-timing']), body: parsed, setCookie: Array.isArray(sc) ? sc : [] });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, ms: performance.now() - t0, serverMs: null, body: null, setCookie: [], error: `${/** @type {NodeJS.ErrnoException} */ (err).code ?? ''} ${err.message}`.trim() }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Latencies, server durations and statuses per request kind; only the measured window counts. */
class Recorder {
  constructor() {
    /** @type {Map<string, { ok: number[], server: number[], errors: number, statuses: Record<string, number>, samples: string[], slowest: { ms: number, atS: number }[] }>} */
    this.kinds = new Map();
    this.open = true;
    this.t0 = Date.now();
  }
  /** @param {string} kind @param {Answer} r @returns {boolean} 2xx */
  add(kind, r) {
    const ok = r.status >= 200 && r.status < 300;
    if (!this.open) return ok;
    let k = this.kinds.get(kind);
    if (!k) this.kinds.set(kind, (k = { ok: [], server: [], errors: 0, statuses: {}, samples: [], slowest: [] }));
    k.statuses[r.status] = (k.statuses[r.status] ?? 0) + 1;
    if (ok) {
      k.ok.push(r.ms);
      // The slowest answers with the moment they ended (s since the start): a cluster of them at one
      // moment is a stall (a report being computed, a cold cache), spread ones are steady queueing.
      if (k.slowest.length < SLOWEST_KEPT || r.ms > /** @type {{ ms: number }} */ (k.slowest.at(-1)).ms) {
        k.slowest.push({ ms: Math.round(r.ms), atS: Math.round((Date.now() - this.t0) / 100) / 10 });
        k.slowest.sort((a, b) => b.ms - a.ms);
        k.slowest.length = Math.min(k.slowest.length, SLOWEST_KEPT);
      }
      if (r.serverMs !== null) k.server.push(r.serverMs);
    } else {
      k.errors++;
      if (k.samples.length < 3) k.samples.push(`${r.status} ${r.error ?? JSON.stringify(r.body).slice(0, 200)} (after ${Math.round(r.ms)} ms, at ${Math.round((Date.now() - this.t0) / 100) / 10} s)`);
    }
    return ok;
  }
}

/** @param {string} adminUrl @param {string} name */
function urlOf(adminUrl, name) {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** @param {string} databaseUrl */
async function connect(databaseUrl) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

/**
 * The run's database: a copy of the cached national directory (the template must have no other
 * session; a coverage run at the same moment makes the copy wait and retry).
 * @param {import('../lib/types').MeasureContext} ctx
 */
async function runDatabase(ctx) {
  const cacheName = process.env.BENCH_NATIONAL_DB ?? 'palliance_bench_national';
  if (!/^[a-z0-9_]+$/.test(cacheName)) throw new Error('BENCH_NATIONAL_DB : lettres minuscules, chiffres et _ seulement');
  const adminUrl = ctx.options.pgUrl;
  await ensureNationalDatabase({
    adminUrl,
    name: cacheName,
    structures: DEFAULT_STRUCTURES,
    seed: DEFAULT_SEED,
    regenerate: ctx.options.regenerate,
    log: ctx.log,
    startServer: ctx.startServer,
  });
  const admin = await connect(adminUrl);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${RUN_DB} WITH (FORCE)`);
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${RUN_DB} TEMPLATE ${cacheName}`);
        break;
      } catch (err) {
        if (attempt >= 10) throw err;
        ctx.log(`copie de ${cacheName} impossible pour l'instant (${err instanceof Error ? err.message : err}) : nouvel essai dans 5 s`);
        await sleep(5000);
      }
    }
  } finally {
    await admin.end();
  }
  /** @type {import('../lib/types').DatabaseTarget} */
  const target = {
    engine: 'postgres',
    databaseUrl: urlOf(adminUrl, RUN_DB),
    async dispose() {
      if (ctx.options.keep) return;
      const a = await connect(adminUrl);
      try {
        await a.query(`DROP DATABASE IF EXISTS ${RUN_DB} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
  return target;
}

/**
 * 100,000 accounts in one INSERT … SELECT generate_series, all with the demo accounts' argon2 hash
 * (computed once by the seed), so any of them logs in with the demo password. The first `learners`
 * are enrolled in the running MOOC session; the next `coordinators` are staff (structure_member) of
 * a generated structure each, and open one patient file through the API later.
 * @param {string} databaseUrl @param {{ users: number, learners: number, coordinators: number }} n
 */
async function prepareUsers(databaseUrl, n) {
  const client = await connect(databaseUrl);
  try {
    const [{ password_hash: hash }] = (await client.query("SELECT password_hash FROM app_user WHERE email = 'apprenante@example.org'")).rows;
    const [session] = (
      await client.query(
        `SELECT s.id FROM course_session s WHERE s.course_id = $1 AND now() BETWEEN s.registration_opens_at AND s.registration_closes_at ORDER BY s.created_at LIMIT 1`,
        [MOOC],
      )
    ).rows;
    if (!session) throw new Error('national : session du MOOC de démonstration introuvable');
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name, profession, practice_mode, departement)
       SELECT 'national-' || lpad(i::text, 6, '0') || '@example.org', now(), $1, 'Compte', 'National ' || i || ' (généré)',
              CASE WHEN i % 3 = 0 THEN 'medecin_generaliste' ELSE 'infirmier' END, 'liberal', d.codes[1 + i % cardinality(d.codes)]
       FROM generate_series(1, $2) AS i, (SELECT array_agg(code ORDER BY code) AS codes FROM departement) d ON CONFLICT DO NOTHING`,
      [hash, n.users],
    );
    await client.query(
      `INSERT INTO role_grant (user_id, role, scope) SELECT id, 'learner', NULL FROM app_user WHERE email LIKE 'national-%@example.org'`,
    );
    const learners = (await client.query(`SELECT id, email FROM app_user WHERE email LIKE 'national-%@example.org' ORDER BY email LIMIT $1`, [n.learners])).rows;
    await client.query(`INSERT INTO enrolment (session_id, user_id, status) SELECT $1, u, 'enrolled' FROM unnest($2::uuid[]) AS u ON CONFLICT DO NOTHING`, [
      session.id,
      learners.map((/** @type {{ id: string }} */ l) => l.id),
    ]);
    const coordinators = (
      await client.query(`SELECT id, email FROM app_user WHERE email LIKE 'national-%@example.org' ORDER BY email OFFSET $1 LIMIT $2`, [n.learners, n.coordinators])
    ).rows;
    // One generated structure per coordinator, with a commune it covers (for the patient's address).
    const structures = (
      await client.query(
        `SELECT s.id, (SELECT min(c.commune_code) FROM structure_coverage c WHERE c.structure_id = s.id AND c.commune_code IS NOT NULL) AS commune
         FROM structure s WHERE s.status = 'published' AND s.name LIKE '% (généré)' ORDER BY s.id LIMIT $1`,
        [n.coordinators],
      )
    ).rows;
    await client.query(`INSERT INTO role_grant (user_id, role, scope) SELECT u, 'structure_member', s FROM unnest($1::uuid[], $2::text[]) AS x(u, s)`, [
      coordinators.map((/** @type {{ id: string }} */ c) => c.id),
      coordinators.map((/** @type {unknown} */ _c, /** @type {number} */ i) => structures[i % structures.length].id),
    ]);
    await client.query('COMMIT');
    await client.query('ANALYZE app_user; ANALYZE role_grant; ANALYZE enrolment');
    const lesson = (
      await client.query(
        `SELECT l.id AS lesson_id, b.id AS block_id, mf.duration_seconds FROM lesson l JOIN course_module m ON m.id = l.module_id
         JOIN lesson_block b ON b.lesson_id = l.id AND b.kind = 'video' JOIN media_file mf ON mf.id = b.media_id
         WHERE m.course_id = $1 ORDER BY m.position, l.position LIMIT 1`,
        [MOOC],
      )
    ).rows[0];
    const quiz = (
      await client.query(
        "SELECT id FROM quiz WHERE course_id = $1 AND kind = 'self_assessment' AND max_attempts IS NULL AND (opens_at IS NULL OR opens_at <= now()) ORDER BY created_at LIMIT 1",
        [MOOC],
      )
    ).rows[0];
    if (!lesson || !quiz) throw new Error('national : leçon avec vidéo ou quiz du MOOC de démonstration introuvable');
    return {
      learners: learners.map((/** @type {{ email: string }} */ l) => l.email),
      coordinators: coordinators.map((/** @type {{ email: string }} */ c, /** @type {number} */ i) => ({ email: c.email, structure: structures[i % structures.length] })),
      lessonId: lesson.lesson_id,
      blockId: lesson.block_id,
      duration: Number(lesson.duration_seconds) || 600,
      quizId: quiz.id,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

/** A plausible answer to a question as the player shows it. @param {any} q @param {number} n */
function anAnswer(q, n) {
  switch (q.kind) {
    case 'single':
      return { kind: 'single', choiceId: q.choices[n % q.choices.length].id };
    case 'multiple':
      return { kind: 'multiple', choiceIds: [q.choices[n % q.choices.length].id] };
    case 'true_false':
      return { kind: 'true_false', value: n % 2 === 0 };
    case 'numeric':
      return { kind: 'numeric', value: n % 10 };
    case 'matching':
      return { kind: 'matching', matches: Object.fromEntries(q.left.map((/** @type {{ id: string }} */ l, /** @type {number} */ k) => [l.id, q.right[(k + n) % q.right.length].id])) };
    case 'ordering':
      return { kind: 'ordering', order: q.items.map((/** @type {{ id: string }} */ x) => x.id) };
    default:
      return { kind: 'short', text: 'douleur' };
  }
}

/** (commune, instant) pairs like the coverage scenario's: any INSEE code, any minute of one week. */
function coveragePaths(count = 50_000) {
  const codes = territory().communes.map((c) => c.code);
  const random = prng(1109);
  const weekStart = Date.UTC(2026, 10, 8, 23, 0);
  const pad = (/** @type {number} */ x) => String(x).padStart(2, '0');
  return Array.from({ length: count }, () => {
    const code = codes[Math.floor(random() * codes.length)];
    const local = new Date(weekStart + 3_600_000 + Math.floor(random() * 7 * 24 * 60) * 60_000);
    const at = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00+01:00`;
    return `/api/v1/coverage?commune=${code}&at=${encodeURIComponent(at)}`;
  });
}

/** Whether another helper's scenario is there (its kinds are then judged by its budgets). @param {string} name */
function scenarioPresent(name) {
  return fs.existsSync(path.join(ROOT, 'bench', 'scenarios', `${name}.mjs`));
}

/** @param {{ ok: number[], server: number[], errors: number, statuses: Record<string, number>, samples: string[], slowest: { ms: number, atS: number }[] }} k @param {string} name @param {number} seconds */
function row(name, k, seconds) {
  const sorted = Float64Array.from(k.ok).sort();
  const server = Float64Array.from(k.server).sort();
  const count = k.ok.length + k.errors;
  return {
    name,
    count,
    errors: k.errors,
    rps: Math.round((count / seconds) * 10) / 10,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? Math.round(/** @type {number} */ (sorted[sorted.length - 1]) * 100) / 100 : null,
    serverP50: percentile(server, 50),
    serverP95: percentile(server, 95),
    serverP99: percentile(server, 99),
    statusCodes: k.statuses,
    ...(k.samples.length ? { errorSamples: k.samples } : {}),
    slowest: k.slowest,
  };
}

/**
 * A kind's verdict against its own scenario's budget: latency, server-side and error bounds only
 * (rate, minRps and `when` describe how that scenario is run alone, not this mixed load).
 * @param {import('../lib/types').KindResult} r
 */
function verdictOf(r) {
  const scenario = /** @type {string | undefined} */ (BUDGET_OF[/** @type {keyof typeof BUDGET_OF} */ (r.name)]);
  const name = /** @type {Record<string, string>} */ (BUDGET_NAME)[r.name] ?? r.name;
  const budget = scenario ? loadBudgets()[scenario]?.[name] : undefined;
  if (!scenario || !budget) {
    return { budgetFrom: scenario ?? null, verdict: 'skip', checks: [], reason: `pas de budget « ${r.name} » pour le scénario ${scenario ?? '?'} dans bench/budgets.json` };
  }
  const { rate: _rate, minRps: _minRps, when: _when, ...bounds } = budget;
  const [v] = judge({ [r.name]: bounds }, [r], { engine: 'postgres', connections: 0 });
  return { budgetFrom: scenario, verdict: v?.status ?? 'skip', checks: v?.checks ?? [], ...(v?.reason ? { reason: v.reason } : {}) };
}

/** @type {import('../lib/types').Scenario} */
export default {
  name: 'national',
  description: 'échelle nationale, tout à la fois : annuaire, apprenants, coordinateurs, rapport d’enquête (PostgreSQL)',
  async measure(ctx) {
    if (ctx.engine !== 'postgres') throw new Error('national : PostgreSQL seulement (--engine postgres).');
    const o = ctx.options;
    const seconds = o.durationGiven ? o.durationS : 600;
    const n = { users: o.users ?? 100_000, learners: o.learners ?? 2000, coordinators: o.coordinators ?? 200 };
    if (n.learners + n.coordinators > n.users) throw new Error('--users doit couvrir --learners + --coordinators');
    const arrivalS = Math.max(5, seconds / 5);
    const notes = [];
    if (!scenarioPresent('session-opening')) notes.push('bench/scenarios/session-opening.mjs absent : parcours apprenant de national.mjs (mêmes requêtes que le ticket #4), sans budget tant que « session-opening » manque dans budgets.json');
    if (!scenarioPresent('inbox')) notes.push('bench/scenarios/inbox.mjs absent : parcours coordinateur de national.mjs, sans budget tant que « inbox » manque dans budgets.json');
    for (const note of notes) ctx.log(note);

    const db = await runDatabase(ctx);
    // Logins all come from this machine: the per-address limit of authentication routes is lifted.
    const server = await ctx.startServer(db, { demoData: true, env: { RATE_LIMIT_AUTH_PER_MINUTE: '100000' }, readyTimeoutMs: 180_000, traceGc: true });
    // One socket pool per group of actors (--connections each), like the proxies in front of a real
    // platform: anonymous directory look-ups do not queue on the client side behind slow logins.
    const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections, timeout: IDLE_SOCKET_MS });
    const directoryAgent = new http.Agent({ keepAlive: true, maxSockets: o.connections, timeout: IDLE_SOCKET_MS });
    const staffAgent = new http.Agent({ keepAlive: true, maxSockets: o.connections, timeout: IDLE_SOCKET_MS });
    const base = server.baseUrl;
    try {
      let t = Date.now();
      const prep = await prepareUsers(/** @type {string} */ (db.databaseUrl), n);
      ctx.log(`${n.users} comptes (${n.learners} apprenants inscrits, ${n.coordinators} coordinateurs de structure) en ${Date.now() - t} ms`);

      // The survey report's data through the API, as survey-report.mjs prepares it (100,000 responses).
      t = Date.now();
      const surveyKind = /** @type {import('../lib/types').RequestKind} */ ((await import('./survey-report.mjs')).default.requests?.[0]);
      const setupCtx = {
        baseUrl: base,
        /** @param {string} email @param {string} password */
        async login(email, password) {
          const r = await call(agent, base, 'POST', '/api/v1/auth/login', { body: { email, password } });
          if (r.status !== 200) throw new Error(`connexion de ${email} : ${r.status}`);
          return r.setCookie.map((c) => c.split(';')[0]).join('; ');
        },
      };
      const surveyState = /** @type {import('../lib/types').KindState} */ ((await surveyKind.setup?.(setupCtx)) ?? {});
      const surveyPath = surveyKind.path(0, surveyState);
      const surveyBody = typeof surveyKind.body === 'function' ? surveyKind.body(0, surveyState) : surveyKind.body;
      const surveyCookie = /** @type {Record<string, string>} */ (surveyState.headers ?? {}).cookie;
      ctx.log(`rapport d'enquête préparé en ${Date.now() - t} ms`);

      // Each coordinator opens one patient file (the circle the requests are about).
      t = Date.now();
      const coordinators = await Promise.all(
        prep.coordinators.map(async (c, i) => {
          await sleep((i / prep.coordinators.length) * 5000);
          const cookie = await setupCtx.login(c.email, DEMO_PASSWORD);
          const target = prep.coordinators[(i + 1) % prep.coordinators.length].structure;
          const file = await call(agent, base, 'POST', '/api/v1/patients', {
            cookie,
            body: { firstName: 'Patient', lastName: `Fictif ${i + 1} (généré)`, placeOfLife: 'home', communeCode: target.commune ?? '73054', consent: { purpose: 'coordination', givenBy: 'patient' } },
          });
          if (file.status !== 201) throw new Error(`dossier patient du coordinateur ${i + 1} : ${file.status} ${JSON.stringify(file.body).slice(0, 200)}`);
          return { cookie, structureId: c.structure.id, targetId: target.id, patientId: file.body.id };
        }),
      );
      ctx.log(`${coordinators.length} coordinateurs connectés, un dossier patient chacun, en ${Date.now() - t} ms`);

      const typed = typedQueries();
      const searches = searchQueries();
      const coverage = coveragePaths();
      const rec = new Recorder();
      const t0 = rec.t0;
      const end = t0 + seconds * 1000;
      const memory = startMemoryProbe(server.pid, { intervalMs: Math.min(5000, Math.max(1000, (seconds * 1000) / 24)) });

      /** Open-loop: a request every 1/rate s whatever the answers (people do not wait for each other). */
      const directory = async (/** @type {keyof typeof DIRECTORY_RATES} */ kind, /** @type {(i: number) => string} */ pathOf) => {
        const every = 1000 / DIRECTORY_RATES[kind];
        /** @type {Promise<void>[]} */
        const inFlight = [];
        for (let i = 0; Date.now() < end; i++) {
          inFlight.push(call(directoryAgent, base, 'GET', pathOf(i)).then((r) => void rec.add(kind, r)));
          await sleep(Math.max(0, t0 + (i + 1) * every - Date.now()));
        }
        await Promise.all(inFlight);
      };

      /** @param {string} email @param {number} i */
      const learner = async (email, i) => {
        await sleep((i / prep.learners.length) * arrivalS * 1000);
        const login = await call(agent, base, 'POST', '/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
        if (!rec.add('login', login)) return;
        const cookie = login.setCookie.map((c) => c.split(';')[0]).join('; ');
        rec.add('course', await call(agent, base, 'GET', `/api/v1/courses/${MOOC}`, { cookie }));
        rec.add('course-progress', await call(agent, base, 'GET', `/api/v1/courses/${MOOC}/progress`, { cookie }));
        rec.add('lesson', await call(agent, base, 'GET', `/api/v1/lessons/${prep.lessonId}`, { cookie }));
        rec.add('lesson-visit', await call(agent, base, 'POST', `/api/v1/lessons/${prep.lessonId}/visit`, { cookie }));
        const quizAt = Date.now() + Math.random() * Math.max(0, end - Date.now() - 5000);
        let quizDone = false;
        let position = 0;
        let next = Date.now() + 30_000 * Math.random();
        while (Date.now() < end) {
          if (!quizDone && Date.now() >= quizAt) {
            quizDone = true;
            const a = await call(agent, base, 'POST', `/api/v1/quizzes/${prep.quizId}/attempts`, { cookie });
            if (rec.add('quiz-start', a)) {
              for (const [j, q] of (a.body.questions ?? []).entries()) {
                rec.add('quiz-answer', await call(agent, base, 'PUT', `/api/v1/attempts/${a.body.id}/answers/${q.id}`, { cookie, body: { response: anAnswer(q, i + j) } }));
              }
              rec.add('quiz-submit', await call(agent, base, 'POST', `/api/v1/attempts/${a.body.id}/submit`, { cookie }));
            }
          }
          if (Date.now() >= next) {
            const from = position;
            position = Math.min(prep.duration, position + 30);
            rec.add(
              'video-progress',
              await call(agent, base, 'POST', `/api/v1/blocks/${prep.blockId}/progress`, {
                cookie,
                body: { positionSeconds: position, durationSeconds: prep.duration, watched: from < position ? [[from, position]] : [], sentAt: Date.now() },
              }),
            );
            next += 30_000;
          }
          await sleep(Math.max(50, Math.min(next, quizDone ? next : quizAt) - Date.now()));
        }
      };

      /** @param {{ cookie: string, structureId: string, targetId: string, patientId: string }} c @param {number} i */
      const coordinator = async (c, i) => {
        let nextInbox = Date.now() + Math.random() * INBOX_EVERY_S * 1000;
        let nextSend = Date.now() + Math.random() * Math.min(SEND_EVERY_S, seconds) * 1000;
        let sent = 0;
        while (Date.now() < end) {
          if (Date.now() >= nextInbox) {
            rec.add('inbox-first-page', await call(staffAgent, base, 'GET', `/api/v1/structures/${c.structureId}/requests`, { cookie: c.cookie }));
            nextInbox += INBOX_EVERY_S * 1000;
          }
          if (Date.now() >= nextSend) {
            sent++;
            rec.add(
              'support-request-send',
              await call(staffAgent, base, 'POST', `/api/v1/patients/${c.patientId}/requests`, {
                cookie: c.cookie,
                body: { structureId: c.targetId, reason: ['pain', 'orientation', 'complex_decision'][sent % 3], urgency: 'routine', body: 'Demande fictive (banc national).', idempotencyKey: `national-${t0}-${i}-${sent}` },
              }),
            );
            nextSend += SEND_EVERY_S * 1000;
          }
          await sleep(Math.max(50, Math.min(nextInbox, nextSend) - Date.now()));
        }
      };

      const analyst = async () => {
        let next = Date.now() + 5000;
        while (Date.now() < end) {
          await sleep(Math.max(0, next - Date.now()));
          if (Date.now() >= end) break;
          rec.add('survey-report', await call(staffAgent, base, 'POST', surveyPath, { cookie: surveyCookie, raw: surveyBody, timeoutMs: 120_000 }));
          next += REPORT_EVERY_S * 1000;
        }
      };

      ctx.log(`charge mêlée pendant ${seconds} s : ${prep.learners.length} apprenants (arrivée sur ${arrivalS} s), ${coordinators.length} coordinateurs, annuaire ${Object.entries(DIRECTORY_RATES).map(([k, r]) => `${k} ${r}/s`).join(', ')}, rapport toutes les ${REPORT_EVERY_S} s`);
      await Promise.all([
        directory('communes-search', (i) => `/api/v1/communes?q=${encodeURIComponent(typed[i % typed.length])}`),
        directory('coverage-now', (i) => coverage[i % coverage.length]),
        directory('directory-search', (i) => `/api/v1/structures?q=${encodeURIComponent(searches[i % searches.length])}&pageSize=20`),
        ...prep.learners.map((e, i) => learner(e, i)),
        ...coordinators.map((c, i) => coordinator(c, i)),
        analyst(),
      ]);
      rec.open = false;
      const elapsed = (Date.now() - t0) / 1000;
      const { samples } = memory.stop();

      /** @type {import('../lib/types').KindResult[]} */
      const rows = [];
      const order = Object.keys(BUDGET_OF);
      const names = [...rec.kinds.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
      for (const name of names) {
        const r = row(name, /** @type {any} */ (rec.kinds.get(name)), elapsed);
        rows.push({ ...r, ...verdictOf(r) });
      }
      const total = rows.reduce((s, r) => s + r.count, 0);
      // Judged on the heap left after each full collection (a leak raises it); resident memory, which
      // follows the collector's timing, is reported beside it.
      const heap = heapSamples(server.majorGcs, t0, Date.now());
      const mem = judgeMemory(heap, { minSamples: 3 });
      const rss = judgeMemory(samples);
      rows.push({
        name: 'all-requests',
        count: total,
        errors: rows.reduce((s, r) => s + r.errors, 0),
        rps: Math.round((total / elapsed) * 10) / 10,
        p50: null,
        p95: null,
        p99: null,
        seconds: Math.round(elapsed),
        users: n.users,
        learners: prep.learners.length,
        coordinators: coordinators.length,
        structures: DEFAULT_STRUCTURES,
        directoryRates: DIRECTORY_RATES,
        sockets: o.connections,
        notes,
      });
      rows.push({
        name: 'server-memory',
        count: samples.length,
        errors: mem.ok ? 0 : 1,
        rps: null,
        p50: null,
        p95: null,
        p99: null,
        verdict: mem.ok ? 'pass' : 'fail',
        memory: mem,
        heapAfterFullGc: heap,
        rss,
        samples,
      });
      const failed = rows.filter((r) => r.verdict === 'fail').map((r) => r.name);
      ctx.log(`mémoire (tas après chaque collecte complète, ${heap.length} collectes) : ${mem.reason} (début ${mem.startMB?.toFixed(0)} Mo, fin ${mem.endMB?.toFixed(0)} Mo, pic ${mem.peakMB?.toFixed(0)} Mo)`);
      ctx.log(`mémoire résidente (indicative) : ${rss.reason} (début ${rss.startMB?.toFixed(0)} Mo, fin ${rss.endMB?.toFixed(0)} Mo, pic ${rss.peakMB?.toFixed(0)} Mo)`);
      for (const r of rows) if (r.verdict) ctx.log(`${r.verdict === 'pass' ? 'PASS' : r.verdict === 'fail' ? 'FAIL' : 'SKIP'}  ${r.name}  ${r.budgetFrom ? `(budget ${r.budgetFrom}) ` : ''}${(/** @type {string[]} */ (r.checks ?? [])).join(', ') || r.reason || ''}`);
      if (failed.length) ctx.log(`hors budget : ${failed.join(', ')}`);
      return rows;
    } finally {
      for (const a of [agent, directoryAgent, staffAgent]) a.destroy();
      await server.stop();
      await db.dispose();
    }
  },
};
