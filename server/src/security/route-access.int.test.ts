import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';
import { loadFixtures } from './fixtures';
import { fillPath, PERSONAS, ROUTE_ACCESS, type Fixtures, type Persona, type RouteRule } from './route-access';

let t: TestPlatform;
let f: Fixtures;
const clients = new Map<Persona, TestClient>();
const logins = new Map<Persona, { email: string; password: string }>();

const DEMO_LOGINS: Partial<Record<Persona, string>> = {
  teacher: 'enseignant@example.org',
  animator: 'animatrice@example.org',
  member: 'membre@example.org',
  manager: 'responsable@example.org',
  editor: 'editeur@example.org',
  admin: 'admin@example.org',
};

beforeAll(async () => {
  t = await startTestPlatform({ DEMO_DATA: 'true' });
  f = await loadFixtures(t);
  for (const [persona, email] of Object.entries(DEMO_LOGINS)) logins.set(persona as Persona, { email, password: DEMO_PASSWORD });
  logins.set('learner', await createUser(t, { email: 'personne-sans-role@example.org' }));
  logins.set('coordinator', await createUser(t, { email: 'coordination-controle@example.org', roles: [{ role: 'territory_coordinator', scope: `dep:${f.departement}` }] }));
});
afterAll(async () => t?.stop());

/** A persona's client, signed in again if an earlier call ended its session. */
async function as(persona: Persona): Promise<TestClient> {
  let c = clients.get(persona);
  if (!c) {
    c = t.client();
    clients.set(persona, c);
  }
  if (persona !== 'anonymous' && c.cookies.size === 0) {
    const { email, password } = logins.get(persona)!;
    const res = await c.login(email, password);
    if (res.status !== 200) throw new Error(`connexion de ${persona} impossible : ${res.status}`);
  }
  return c;
}

function passes(rule: RouteRule, persona: Persona): boolean {
  if (rule.pass === 'everyone') return true;
  if (persona === 'anonymous') return false;
  return rule.pass === 'signed-in' || rule.pass.includes(persona);
}

function routes() {
  const table = t.platform.app.routeTable;
  return table.filter((r) => !(r.method === 'GET' && r.url === '/*'));
}

describe('the route table', () => {
  it('lists every route of the app, and nothing that is gone', () => {
    const keys = routes().map((r) => `${r.method} ${r.url}`);
    expect(keys.filter((k) => !(k in ROUTE_ACCESS)), 'routes sans règle dans server/src/security/route-access.ts').toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !keys.includes(k)), 'règles de routes disparues').toEqual([]);
  });
});

/** A write: the suite sends it a valid body (see `body` in route-access.ts). */
const isWrite = (method: string) => method !== 'GET';

async function call(persona: Persona, method: string, path: string, body: unknown, contentType?: string) {
  const c = await as(persona);
  const headers = contentType ? { 'content-type': contentType } : undefined;
  return method === 'GET' ? c.get(path) : method === 'DELETE' ? c.delete(path) : method === 'PUT' ? c.put(path, body, headers) : c.post(path, body, headers);
}

/** Calls that destroy their fixture, then calls that end the session, come last. */
const rank = (key: string) => (ROUTE_ACCESS[key]?.signsOut ? 2 : ROUTE_ACCESS[key]?.destroys ? 1 : 0);

/** Why the body of a rule does not satisfy the route's contract (zod), or null when it does. */
function invalidBody(schema: unknown, body: unknown): string | null {
  const zod = schema as { safeParse?: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } } | undefined;
  if (!zod?.safeParse) return null;
  const parsed = zod.safeParse(body);
  if (parsed.success) return null;
  return parsed.error!.issues.map((i) => `${i.path.map(String).join('.') || '(corps)'} : ${i.message}`).join(' ; ');
}

describe('the bodies of the table', () => {
  it('give every write a body its contract accepts, so that a refusal is the permission check, not a 400', async () => {
    const problems: string[] = [];
    for (const route of routes()) {
      const key = `${route.method} ${route.url}`;
      const rule = ROUTE_ACCESS[key];
      if (!rule || !isWrite(route.method) || route.method === 'DELETE') continue;
      if (!route.schema.body && !rule.body) continue;
      if (rule.contentType) continue; // not JSON: the allowed personas' answers prove it
      const body = rule.body ? await rule.body(f, 'admin', logins.get('admin')) : {};
      const why = invalidBody(route.schema.body, body);
      if (why) problems.push(`${key} : ${why}`);
    }
    expect(problems, 'corps de contrôle refusés par le contrat de la route (body dans route-access.ts)').toEqual([]);
  });
});

describe('every route as every persona', () => {
  it('lets in exactly whom the table says, refuses the others with 401/403/404 (never 400), and never answers 500', async () => {
    const failures: string[] = [];
    const ordered = [...routes()].sort((a, b) => rank(`${a.method} ${a.url}`) - rank(`${b.method} ${b.url}`));
    for (const route of ordered) {
      const key = `${route.method} ${route.url}`;
      const rule = ROUTE_ACCESS[key];
      const path = rule?.path ? rule.path(f) : fillPath(route.url, f);
      if (!rule) {
        // What the route answers today, to help write its rule.
        const seen: string[] = [];
        for (const persona of PERSONAS) seen.push(`${persona} ${(await call(persona, route.method, path, {})).status}`);
        failures.push(`${key} : sans règle (observé : ${seen.join(', ')})`);
        continue;
      }
      const send = async (persona: Persona) => {
        const body = rule.body ? await rule.body(f, persona, logins.get(persona)) : undefined;
        const res = await call(persona, route.method, path, body, rule.contentType);
        // The visitor stays one (it signs in on the login route).
        if (persona === 'anonymous') clients.get(persona)!.cookies.clear();
        return res;
      };
      let destroyed = false;
      const judge = (persona: Persona, res: { status: number; body: any }) => {
        const s = res.status;
        const who = `${key} en tant que ${persona} : ${s}`;
        const detail = s >= 400 && res.body && typeof res.body === 'object' && 'message' in res.body ? ` « ${String(res.body.message).slice(0, 120)} »` : '';
        if (s >= 500) failures.push(`${who} (erreur serveur)${detail}`);
        else if (passes(rule, persona)) {
          // An allowed persona gets a success, or one of the answers the rule documents (a 409, a 404 of an unknown token…).
          // Once a persona has destroyed or settled the fixture, the next ones find it gone (404) or already done (409).
          const ok = (s >= 200 && s < 400) || rule.allowed?.includes(s) || (destroyed && (s === 404 || s === 409));
          if (!ok) failures.push(`${who} (devrait passer)${detail}`);
          if (rule.destroys && s >= 200 && s < 300) destroyed = true;
        } else if (persona === 'anonymous') {
          if (s !== 401) failures.push(`${who} (attendu 401)${detail}`);
        } else {
          const expected = rule.refused ?? 403;
          // 400 to a refused persona only where the rule says why (refusedAfterInput).
          if (s !== expected && !(s === 400 && rule.refusedAfterInput)) failures.push(`${who} (attendu ${expected})${detail}`);
        }
      };
      // Refused personas first, all at once (a refusal changes nothing); then, one after the other, those
      // who pass: a call that passes may change or remove the fixture.
      const refused = PERSONAS.filter((p) => !passes(rule, p));
      const answers = await Promise.all(refused.map(send));
      refused.forEach((persona, i) => judge(persona, answers[i]));
      for (const persona of PERSONAS.filter((p) => passes(rule, p))) judge(persona, await send(persona));
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

