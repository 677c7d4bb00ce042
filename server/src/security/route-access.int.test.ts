import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS, DEMO_PASSWORD } from '../db/seed/demo';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';
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
  const [structure] = await t.query<{ departement: string; commune_code: string }>(
    'SELECT departement, commune_code FROM structure WHERE id = $1',
    [DEMO_IDS.structure],
  );
  const [mod] = await t.query<{ id: string }>('SELECT id FROM course_module WHERE course_id = $1 ORDER BY position LIMIT 1', [DEMO_IDS.course]);
  const [session] = await t.query<{ id: string }>('SELECT id FROM course_session WHERE course_id = $1 ORDER BY starts_at LIMIT 1', [DEMO_IDS.course]);
  const [report] = await t.query<{ id: string }>(
    "INSERT INTO structure_report (structure_id, message) VALUES ($1, 'Numéro à vérifier') RETURNING id",
    [DEMO_IDS.structure],
  );
  const victim = await createUser(t, { email: 'cible-admin@example.org' });
  f = {
    courseId: DEMO_IDS.course,
    moduleId: mod.id,
    sessionId: session.id,
    structureId: DEMO_IDS.structure,
    reportId: report.id,
    victimId: victim.id,
    communeCode: structure.commune_code,
    departement: structure.departement,
  };
  for (const [persona, email] of Object.entries(DEMO_LOGINS)) logins.set(persona as Persona, { email, password: DEMO_PASSWORD });
  logins.set('learner', await createUser(t, { email: 'personne-sans-role@example.org' }));
  logins.set('coordinator', await createUser(t, { email: 'coordination-controle@example.org', roles: [{ role: 'territory_coordinator', scope: `dep:${structure.departement}` }] }));
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

describe('every route as every persona', () => {
  it('lets in exactly whom the table says, and never answers 500', async () => {
    const failures: string[] = [];
    const ordered = [...routes()].sort((a, b) => Number(!!ROUTE_ACCESS[`${a.method} ${a.url}`]?.signsOut) - Number(!!ROUTE_ACCESS[`${b.method} ${b.url}`]?.signsOut));
    for (const route of ordered) {
      const key = `${route.method} ${route.url}`;
      const rule = ROUTE_ACCESS[key];
      if (!rule) continue;
      const path = fillPath(route.url, f);
      for (const persona of PERSONAS) {
        const c = await as(persona);
        const body = rule.body ? rule.body(f) : {};
        const res =
          route.method === 'GET'
            ? await c.get(path)
            : route.method === 'DELETE'
              ? await c.delete(path)
              : route.method === 'PUT'
                ? await c.put(path, body)
                : await c.post(path, body);
        const s = res.status;
        const who = `${key} en tant que ${persona} : ${s}`;
        if (s >= 500) failures.push(`${who} (erreur serveur)`);
        else if (passes(rule, persona)) {
          if (s === 401 || s === 403) failures.push(`${who} (devrait passer)`);
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
  }, 300_000);
});
