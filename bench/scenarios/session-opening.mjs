// Session opening (issue #4): N learners arrive at the demo MOOC as its session opens. Each one logs
// in, opens the course (course + progress), opens the first lesson (lesson + visit), sends its video
// progress every 30 s like the player does, and once answers the self-assessment quiz (start, one
// answer per question, submit) — for the whole duration. Budget: no error, p95 < 100 ms and
// p99 < 250 ms for every request type; requests/s reported. Also the weight of the lesson page
// before the video starts (< 300 KB).
//
// Options (environment, the runner's own flags stay as they are):
//   SESSION_LEARNERS  simulated learners (default 2000)
//   SESSION_SECONDS   length of the simulation in seconds (default 300)
//   SESSION_ARRIVAL   seconds over which the learners arrive (default: a fifth of the length)
// The HTTP connections in use are bounded by --connections (default 50), like a reverse proxy would.
// PostgreSQL only: the learners are prepared by a bulk SQL insert (one precomputed argon2 hash).
import http from 'node:http';
import { createRequire } from 'node:module';
import { percentile, serverDuration } from '../lib/load.mjs';
import { pageWeight } from '../lib/page-weight.mjs';

const require = createRequire(import.meta.url);
const MOOC = '00000000-0000-4000-8000-00000000c001';
const DEMO_PASSWORD = 'Palliance-demo-2026';

const LEARNERS = Number(process.env.SESSION_LEARNERS ?? 2000);
const SECONDS = Number(process.env.SESSION_SECONDS ?? 300);
const ARRIVAL = Number(process.env.SESSION_ARRIVAL ?? Math.max(5, SECONDS / 5));

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One request with the learner's cookie; resolves with its status, body and latency.
 * @param {http.Agent} agent @param {string} baseUrl @param {string} method @param {string} path
 * @param {{ cookie?: string, body?: unknown }} [opts]
 * @returns {Promise<{ status: number, ms: number, serverMs: number | null, body: any, setCookie: string[] }>}
 */
function call(agent, baseUrl, method, path, opts = {}) {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json', origin: baseUrl };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(`${baseUrl}${path}`, { method, headers, agent, timeout: 30_000 }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - t0;
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = text;
        }
        const sc = res.headers['set-cookie'];
        resolve({ status: res.statusCode ?? 0, ms, serverMs: serverDuration(res.headers['server-timing']), body: parsed, setCookie: Array.isArray(sc) ? sc : [] });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0, serverMs: null, body: null, setCookie: [] }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Latencies and errors per request type. */
class Recorder {
  constructor() {
    /** @type {Map<string, { ok: number[], server: number[], errors: number, statuses: Record<string, number> }>} */
    this.kinds = new Map();
  }
  /** @param {string} kind @param {{ status: number, ms: number, serverMs: number | null }} r @param {number[]} ok statuses that count as success */
  add(kind, r, ok = [200, 201]) {
    let k = this.kinds.get(kind);
    if (!k) this.kinds.set(kind, (k = { ok: [], server: [], errors: 0, statuses: {} }));
    k.statuses[r.status] = (k.statuses[r.status] ?? 0) + 1;
    if (ok.includes(r.status)) {
      k.ok.push(r.ms);
      // The server's own duration (server-timing): what the client sees minus the queues before it.
      if (r.serverMs !== null) k.server.push(r.serverMs);
    } else k.errors++;
    return ok.includes(r.status);
  }
}

/**
 * Learners, enrolments: one INSERT each, with the demo accounts' argon2 hash computed once.
 * @param {string} databaseUrl @param {number} n
 */
async function prepareLearners(databaseUrl, n) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ password_hash: hash }] = (await client.query("SELECT password_hash FROM app_user WHERE email = 'apprenante@example.org'")).rows;
    const [{ id: session }] = (await client.query("SELECT id FROM course_session WHERE course_id = $1 AND title = 'Session en cours (démo)'", [MOOC])).rows;
    const emails = Array.from({ length: n }, (_, i) => `banc-${String(i + 1).padStart(5, '0')}.demo@example.org`);
    await client.query('BEGIN');
    const users = (
      await client.query(
        `INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name, profession, practice_mode, departement)
         SELECT e, now(), $2, 'Banc', 'Apprenant·e ' || i || ' (démo)', 'infirmier', 'liberal', '06' FROM unnest($1::text[]) WITH ORDINALITY AS x(e, i)
         ON CONFLICT DO NOTHING RETURNING id`,
        [emails, hash],
      )
    ).rows.map((/** @type {{ id: string }} */ r) => r.id);
    await client.query(`INSERT INTO enrolment (session_id, user_id, status) SELECT $1, u, 'enrolled' FROM unnest($2::uuid[]) AS u ON CONFLICT DO NOTHING`, [session, users]);
    await client.query('COMMIT');
    const lesson = (
      await client.query(
        `SELECT l.id AS lesson_id, b.id AS block_id, mf.duration_seconds FROM lesson l JOIN course_module m ON m.id = l.module_id
         JOIN lesson_block b ON b.lesson_id = l.id AND b.kind = 'video' JOIN media_file mf ON mf.id = b.media_id
         WHERE m.course_id = $1 ORDER BY m.position, l.position LIMIT 1`,
        [MOOC],
      )
    ).rows[0];
    const quiz = (await client.query("SELECT id, selection FROM quiz WHERE course_id = $1 AND kind = 'self_assessment' AND selection->>'mode' = 'fixed' ORDER BY created_at LIMIT 1", [MOOC])).rows[0];
    return { emails, lessonId: lesson.lesson_id, blockId: lesson.block_id, duration: Number(lesson.duration_seconds), quizId: quiz.id };
  } finally {
    await client.end();
  }
}

/** A plausible answer to a question as the player shows it (the first choice, or "vrai"). @param {any} q */
function anAnswer(q) {
  switch (q.kind) {
    case 'single':
      return { kind: 'single', choiceId: q.choices[0].id };
    case 'multiple':
      return { kind: 'multiple', choiceIds: [q.choices[0].id] };
    case 'true_false':
      return { kind: 'true_false', value: true };
    case 'numeric':
      return { kind: 'numeric', value: 1 };
    case 'short':
      return { kind: 'short', text: 'douleur' };
    default:
      return null;
  }
}

/** @type {import('../lib/types').Scenario} */
export default {
  name: 'session-opening',
  description: `ouverture de session : ${LEARNERS} apprenants (connexion, cours, leçon, progression vidéo toutes les 30 s, quiz) pendant ${SECONDS} s`,
  async measure(ctx) {
    if (ctx.engine !== 'postgres') throw new Error('session-opening : PostgreSQL seulement (--engine postgres).');
    const db = await ctx.freshDatabase();
    // Logins come from one address: the per-address limit on authentication routes is lifted for the bench.
    const server = await ctx.startServer(db, { demoData: true, env: { RATE_LIMIT_AUTH_PER_MINUTE: '100000' }, readyTimeoutMs: 120_000 });
    try {
      const started = Date.now();
      const prep = await prepareLearners(/** @type {string} */ (db.databaseUrl), LEARNERS);
      ctx.log(`${LEARNERS} apprenants préparés (comptes et inscriptions) en ${Date.now() - started} ms`);
      const base = server.baseUrl;
      const agent = new http.Agent({ keepAlive: true, maxSockets: ctx.options.connections });
      const rec = new Recorder();
      const t0 = Date.now();
      const end = t0 + SECONDS * 1000;

      /** @param {string} email @param {number} i */
      const learner = async (email, i) => {
        await sleep((i / LEARNERS) * ARRIVAL * 1000);
        const login = await call(agent, base, 'POST', '/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
        if (!rec.add('login', login)) return;
        const cookie = login.setCookie.map((c) => c.split(';')[0]).join('; ');
        rec.add('course', await call(agent, base, 'GET', `/api/v1/courses/${MOOC}`, { cookie }));
        rec.add('course-progress', await call(agent, base, 'GET', `/api/v1/courses/${MOOC}/progress`, { cookie }));
        rec.add('lesson', await call(agent, base, 'GET', `/api/v1/lessons/${prep.lessonId}`, { cookie }));
        rec.add('lesson-visit', await call(agent, base, 'POST', `/api/v1/lessons/${prep.lessonId}/visit`, { cookie }));
        // The quiz at a random moment of the learner's stay; video progress every 30 s until the end.
        const quizAt = Date.now() + Math.random() * Math.max(0, end - Date.now() - 5000);
        let quizDone = false;
        let position = 0;
        let next = Date.now() + 30_000 * Math.random();
        while (Date.now() < end) {
          if (!quizDone && Date.now() >= quizAt) {
            quizDone = true;
            const a = await call(agent, base, 'POST', `/api/v1/quizzes/${prep.quizId}/attempts`, { cookie });
            if (rec.add('quiz-start', a)) {
              for (const q of a.body.questions ?? []) {
                const response = anAnswer(q);
                if (response) rec.add('quiz-answer', await call(agent, base, 'PUT', `/api/v1/attempts/${a.body.id}/answers/${q.id}`, { cookie, body: { response } }));
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
      await Promise.all(prep.emails.map((e, i) => learner(e, i)));
      const elapsed = (Date.now() - t0) / 1000;
      agent.destroy();

      /** @type {import('../lib/types').KindResult[]} */
      const rows = [];
      let total = 0;
      for (const [name, k] of rec.kinds) {
        const sorted = Float64Array.from(k.ok).sort();
        const server = Float64Array.from(k.server).sort();
        total += k.ok.length + k.errors;
        rows.push({
          name,
          count: k.ok.length + k.errors,
          errors: k.errors,
          rps: Math.round(((k.ok.length + k.errors) / elapsed) * 10) / 10,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          max: sorted.length ? Math.round(/** @type {number} */ (sorted[sorted.length - 1]) * 100) / 100 : null,
          serverP50: percentile(server, 50),
          serverP95: percentile(server, 95),
          serverP99: percentile(server, 99),
          statuses: k.statuses,
        });
      }
      rows.push({ name: 'all-requests', count: total, errors: rows.reduce((a, r) => a + r.errors, 0), rps: Math.round((total / elapsed) * 10) / 10, p50: null, p95: null, p99: null, learners: LEARNERS, seconds: SECONDS, arrivalSeconds: ARRIVAL });

      // The lesson page before the video starts: HTML, code, route chunk, and the lesson's API answer.
      const w = await pageWeight({ baseUrl: base, page: `/se-former/lecons/${prep.lessonId}`, routeChunk: 'LessonPage' });
      rows.push({ name: 'lesson-page', count: w.files.length, errors: w.problems.length, rps: null, p50: null, p95: null, p99: null, ...w });
      ctx.log(`page de leçon : ${Math.round(/** @type {number} */ (/** @type {unknown} */ (w.bytes)) / 1024)} Ko avant la vidéo`);
      return rows;
    } finally {
      await server.stop();
      await db.dispose();
    }
  },
};
