import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { startTestPlatform, type TestPlatform } from '../test/harness';
import { engine } from '../test/template';
import { loadFixtures } from './fixtures';
import { fillPath, ROUTE_ACCESS, type Fixtures } from './route-access';

/**
 * Malformed, oversized and hostile input sent to every route (body, query string, path parameters,
 * content types): the answer is always a clear 4xx or a normal answer, never a 500; a refused request
 * writes nothing (no audit event, and for visitors no write transaction at all).
 */
let t: TestPlatform;
let f: Fixtures;
let adminCookie = '';

const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  '"; SELECT pg_sleep(5); --',
  '\\x00\u0000nul',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<svg onload=alert(1)>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '{{7*7}}${7*7}',
  '\uD800',
  'é'.repeat(5000),
  'x'.repeat(70_000),
  '-1',
  '1e309',
  'NaN',
  '[]',
  '{"__proto__":{"admin":true}}',
];

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 50 }));
const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 5 }),
);
/** Bodies: random JSON, objects with the right-looking keys and wrong values, and non-JSON text. */
const hostileBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ json: v })),
  fc
    .dictionary(
      fc.constantFrom('email', 'password', 'title', 'name', 'slug', 'status', 'kind', 'message', 'answers', 'q', 'id', 'startsAt', 'confirmation', 'token', 'role', 'scope', 'departement'),
      hostileValue,
      { maxKeys: 8 },
    )
    .map((v) => ({ json: v })),
  fc.constantFrom('{', '{"a":', 'null', '[1,2', '\u0000', 'a'.repeat(2 * 1024 * 1024)).map((raw) => ({ raw, type: 'application/json' })),
  hostileString.map((raw) => ({ raw, type: 'text/plain' })),
  hostileString.map((raw) => ({ raw, type: 'application/x-www-form-urlencoded' })),
);

beforeAll(async () => {
  t = await startTestPlatform({ DEMO_DATA: 'true', QUEUE_ENABLED: 'false' });
  // No account for the admin routes to act on: hostile bodies must not disable or re-role anyone real.
  f = await loadFixtures(t, { victim: false });
  const admin = t.client();
  await admin.login('admin@example.org', DEMO_PASSWORD);
  adminCookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
});
afterAll(async () => t?.stop());

const auditCount = async () => (await t.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event'))[0].n;
/**
 * Events other than the record of a refused access to patient data: that one is written on purpose
 * (patient-data.int.test.ts), every other refusal writes nothing.
 */
const auditCountBesidesDenials = async () =>
  (await t.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action NOT LIKE '%.access_denied'"))[0].n;
/**
 * Moves only when a transaction that wrote something (and so took a transaction id) has run. The
 * embedded engine serves this database alone; a PostgreSQL server shares transaction ids between its
 * databases (other test files write beside us), so there the audit count is the witness.
 */
const nextXid = async () =>
  engine() === 'pglite' ? (await t.query<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x'))[0].x : 'n/a';

async function send(method: string, path: string, body: { json?: unknown; raw?: string; type?: string } | null, cookie: string) {
  const headers: Record<string, string> = { origin: t.baseUrl };
  if (cookie) headers.cookie = cookie;
  let payload: string | undefined;
  if (body && method !== 'GET' && method !== 'DELETE') {
    payload = 'raw' in body && body.raw !== undefined ? body.raw : JSON.stringify(body.json ?? null);
    headers['content-type'] = body.type ?? 'application/json';
  }
  const res = await fetch(t.baseUrl + path, { method, headers, body: payload, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, text };
}

/** Our error shape ({ code, message, field }), or a FHIR OperationOutcome on the FHIR API. */
function clearMessage(url: string, text: string): boolean {
  try {
    const body = JSON.parse(text) as { message?: string; resourceType?: string; issue?: { diagnostics?: string }[] };
    if (url.startsWith('/fhir/')) return body.resourceType === 'OperationOutcome' && !!body.issue?.[0]?.diagnostics;
    return typeof body.message === 'string' && body.message.length > 0;
  } catch {
    return false;
  }
}

/** Routes that legitimately write or end a session whatever the body (their own suites cover them). */
const SKIP = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/me/delete', 'POST /api/v1/me/totp/setup']);

function targets() {
  return t.platform.app.routeTable.filter((r) => r.url !== '/*' && !r.url.startsWith('/api/docs') && !SKIP.has(`${r.method} ${r.url}`));
}

describe('hostile input on every route', () => {
  it('never answers 500, and a refused request from a visitor writes nothing', async () => {
    const problems: string[] = [];
    for (const route of targets()) {
      if (!(`${route.method} ${route.url}` in ROUTE_ACCESS)) continue;
      await fc.assert(
        fc.asyncProperty(hostileBody, fc.array(fc.tuple(fc.constantFrom('q', 'page', 'limit', 'commune', 'type', 'at', 'departement', 'from'), hostileString), { maxLength: 3 }), async (body, query) => {
          const qs = query.length ? `?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '';
          const path = fillPath(route.url, f) + qs;
          const xid = await nextXid();
          const audit = await auditCount();
          const res = await send(route.method, path, body, '');
          if (res.status >= 500) problems.push(`${route.method} ${path.slice(0, 120)} (visiteur) : ${res.status} ${res.text.slice(0, 200)}`);
          // 431: Node itself refuses a 70 kB address before any of our code runs.
          if (res.status >= 400 && res.status !== 429 && res.status !== 431) {
            if ((await auditCount()) !== audit || (await nextXid()) !== xid) problems.push(`${route.method} ${route.url} : refusé (${res.status}) mais une écriture a eu lieu`);
            if (!clearMessage(route.url, res.text)) problems.push(`${route.method} ${route.url} : ${res.status} sans message clair`);
          }
        }),
        { numRuns: 6, seed: 20261122 },
      );
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('never answers 500 to an administrator, and a refused request records no audit event', async () => {
    const problems: string[] = [];
    for (const route of targets()) {
      if (!(`${route.method} ${route.url}` in ROUTE_ACCESS)) continue;
      await fc.assert(
        fc.asyncProperty(hostileBody, async (body) => {
          const path = fillPath(route.url, f);
          const audit = await auditCountBesidesDenials();
          const res = await send(route.method, path, body, adminCookie);
          if (res.status >= 500) problems.push(`${route.method} ${route.url} (admin) : ${res.status} ${res.text.slice(0, 200)}`);
          if (res.status >= 400 && res.status !== 429 && (await auditCountBesidesDenials()) !== audit) {
            problems.push(`${route.method} ${route.url} (admin) : refusé (${res.status}) mais un événement d’audit a été écrit`);
          }
        }),
        { numRuns: 6, seed: 20261122 },
      );
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('answers 400 or 404, never 500, to hostile path parameters', async () => {
    const problems: string[] = [];
    const withParams = targets().filter((r) => r.url.includes('/:') && r.method === 'GET');
    for (const route of withParams) {
      for (const value of HOSTILE.filter((v) => !/[\uD800-\uDFFF]/.test(v))) {
        const path = route.url.replace(/:(\w+)/g, () => encodeURIComponent(value));
        const res = await send('GET', path, null, adminCookie);
        if (res.status >= 500 || res.status < 400) problems.push(`GET ${path.slice(0, 100)} : ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
