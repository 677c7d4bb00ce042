// Shared tools of the fault suites (npm run stress): a PostgreSQL client on the bench database,
// signed-in learners made in bulk, and an HTTP client that never hangs and never throws.
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './server.mjs';

/** pg belongs to the server workspace; borrow it from there. */
function loadPg() {
  const require = createRequire(path.join(ROOT, 'server', 'package.json'));
  return /** @type {typeof import('pg')} */ (require('pg'));
}

/**
 * One short-lived connection per call: the suites kill servers and restart PostgreSQL, a pool
 * kept open across that would only add its own failures to the picture.
 * @param {string} databaseUrl
 * @returns {(text: string, params?: unknown[]) => Promise<any[]>}
 */
export function sqlOn(databaseUrl) {
  const { Client } = loadPg();
  return async (text, params = []) => {
    const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query(text, /** @type {any[]} */ (params))).rows;
    } finally {
      await client.end();
    }
  };
}

/** @typedef {{ id: string, email: string, cookie: string }} Learner */

/**
 * N learners with a verified account, the learner role and an open session, written straight into
 * the database (one transaction). Logging 200 people in through the API would spend most of the
 * run in argon2 and in the per-IP login limit, which are not what the fault suites test; the cookie
 * is a real session token (only its SHA-256 is stored, like openSession does).
 * The password hash is the demo learner's, so these accounts also log in with DEMO_PASSWORD.
 * @param {(text: string, params?: unknown[]) => Promise<any[]>} sql
 * @param {number} n
 * @param {string} tag distinguishes the learners of one round from another's
 * @returns {Promise<Learner[]>}
 */
export async function makeLearners(sql, n, tag) {
  const [demo] = await sql("SELECT password_hash FROM app_user WHERE email = 'apprenante@example.org'");
  if (!demo) throw new Error('Comptes de démonstration absents : démarrez le serveur avec DEMO_DATA=true.');
  /** @type {Learner[]} */
  const learners = [];
  const values = [];
  /** @type {unknown[]} */
  const params = [demo.password_hash];
  for (let i = 0; i < n; i++) {
    const email = `stress-${tag}-${i}@example.org`;
    const token = randomBytes(32).toString('base64url');
    learners.push({ id: '', email, cookie: `palliance_session=${token}` });
    params.push(email, createHash('sha256').update(token).digest('hex'));
    values.push(`($${params.length - 1}, $${params.length})`);
  }
  const rows = await sql(
    `WITH input(email, token_hash) AS (VALUES ${values.join(', ')}),
     users AS (
       INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name, profession, practice_mode, departement)
       SELECT email, now(), $1, 'Stress', 'Apprenant (test)', 'infirmier', 'liberal', '06' FROM input
       RETURNING id, email),
     roles AS (INSERT INTO role_grant (user_id, role, scope) SELECT id, 'learner', NULL FROM users),
     sessions AS (
       INSERT INTO user_session (token_hash, user_id, expires_at)
       SELECT input.token_hash, users.id, now() + interval '1 day' FROM users JOIN input USING (email))
     SELECT id, email FROM users`,
    params,
  );
  const ids = new Map(rows.map((r) => [r.email, r.id]));
  for (const l of learners) l.id = /** @type {string} */ (ids.get(l.email));
  return learners;
}

/**
 * @typedef {{ status: number, body: any, ms: number, error?: string }} ApiAnswer
 * status 0 = no HTTP answer (connection refused or reset, timeout); error says which.
 */

/**
 * Sends one API request as a browser of the platform would (same Origin), with a timeout.
 * @param {string} baseUrl
 * @param {string | null} cookie
 * @param {string} method
 * @param {string} urlPath
 * @param {unknown} [body]
 * @param {{ timeoutMs?: number, headers?: Record<string, string> }} [opts] headers: e.g. an idempotency key
 * @returns {Promise<ApiAnswer>}
 */
export async function api(baseUrl, cookie, method, urlPath, body, opts = {}) {
  const t0 = performance.now();
  const timeoutMs = opts.timeoutMs ?? 10_000;
  /** @type {Record<string, string>} */
  const headers = { origin: baseUrl, ...opts.headers };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, ms: performance.now() - t0 };
  } catch (err) {
    const e = /** @type {Error & { cause?: { code?: string } }} */ (err);
    const error = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.message);
    return { status: 0, body: null, ms: performance.now() - t0, error };
  }
}

/**
 * Runs `task(i)` for i in [0, n) with at most `concurrency` at once.
 * @param {number} n
 * @param {number} concurrency
 * @param {(i: number) => Promise<void>} task
 */
export async function pool(n, concurrency, task) {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
}

/** JSON with object keys sorted: jsonb does not keep the order the client sent. @param {unknown} v @returns {string} */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(/** @type {Record<string, unknown>} */ (v)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A deterministic shuffle (mulberry32), so a run can be replayed with the same --seed. @template T @param {T[]} items @param {number} seed */
export function shuffle(items, seed) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
