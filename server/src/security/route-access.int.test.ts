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

async function call(persona: Persona, method: string, path: string, body: unknown) {
  const c = await as(persona);
  return method === 'GET' ? c.get(path) : method === 'DELETE' ? c.delete(path) : method === 'PUT' ? c.put(path, body) : c.post(path, body);
}

/** Calls that destroy their fixture, then calls that end the session, come last. */
const rank = (key: string) => (ROUTE_ACCESS[key]?.signsOut ? 2 : ROUTE_ACCESS[key]?.destroys ? 1 : 0);

describe('every route as every persona', () => {
  it('lets in exactly whom the table says, and never answers 500', async () => {
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
      // Refused personas first: a call that passes may change or remove the fixture.
      const personas = [...PERSONAS].sort((a, b) => Number(passes(rule, a)) - Number(passes(rule, b)));
      for (const persona of personas) {
        const body = rule.body ? rule.body(f) : {};
        const res = await call(persona, route.method, path, body);
        const s = res.status;
        const who = `${key} en tant que ${persona} : ${s}`;
        if (s >= 500) failures.push(`${who} (erreur serveur)`);
        else if (passes(rule, persona)) {
          if (s === 401 || s === 403 || (rule.refused === 404 && s === 404 && rule.pass !== 'everyone' && !rule.destroys)) failures.push(`${who} (devrait passer)`);
        } else if (persona === 'anonymous') {
          if (s !== 401) failures.push(`${who} (attendu 401)`);
        } else {
          const reachesCheck = route.method === 'GET' || route.method === 'DELETE' || !!rule.body;
          const expected = rule.refused ?? 403;
          if (reachesCheck ? s !== expected : !(s === expected || s === 400)) failures.push(`${who} (attendu ${expected})`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
