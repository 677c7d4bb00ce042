import { directoryMapSchema } from '@palliance/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../../test/harness';

let t: TestPlatform;
let a: TestClient;
beforeAll(async () => {
  t = await startTestPlatform();
  const admin = await createUser(t, { email: 'admin-map@example.org', roles: [{ role: 'admin' }] });
  a = t.client();
  await a.login(admin.email, admin.password);
});
afterAll(async () => t?.stop());

const structure = (over: Record<string, unknown>) => ({
  name: 'Structure carte test',
  types: ['ETSP'],
  audience: ['professionnels'],
  contacts: [{ kind: 'accueil', value: '01 99 00 60 01' }],
  coverage: { departements: [], communes: [] },
  ...over,
});

async function create(over: Record<string, unknown>): Promise<string> {
  const res = await a.post('/api/v1/structures', structure(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

type Dep = { code: string; nom: string; structures: number; located: number };
const dep = (body: { departements: Dep[] }, code: string) => body.departements.find((d) => d.code === code)!;

describe('map data', () => {
  it('counts per department the structures covering it and those located in it, at once after a write', async () => {
    const empty = await t.client().get('/api/v1/directory/map');
    expect(empty.status).toBe(200);
    expect(directoryMapSchema.safeParse(empty.body).success).toBe(true);
    expect(empty.body.departements.length).toBeGreaterThanOrEqual(101);
    expect(dep(empty.body, '73')).toEqual({ code: '73', nom: 'Savoie', structures: 0, located: 0 });
    expect(dep(empty.body, '2A')).toMatchObject({ nom: 'Corse-du-Sud' });
    expect(empty.body.structures).toEqual([]);

    // Two communes in two departments.
    const team = await create({ name: 'Équipe carte 73', communeCode: '73054', latitude: 45.618, longitude: 6.769, coverage: { departements: [], communes: ['73054', '73285', '06088'] } });
    const after = await t.client().get('/api/v1/directory/map');
    expect(dep(after.body, '73')).toMatchObject({ structures: 1, located: 1 });
    expect(dep(after.body, '06')).toMatchObject({ structures: 1, located: 0 });
    expect(after.body.structures).toEqual([
      { id: team, name: 'Équipe carte 73', types: ['ETSP'], departement: '73', communeName: 'Bourg-Saint-Maurice', latitude: 45.618, longitude: 6.769, url: `/annuaire/structures/${team}` },
    ]);

    // A whole department; a structure with no coverage is located but covers nothing.
    await create({ name: 'HAD carte 73', types: ['HAD'], communeCode: '73065', coverage: { departements: ['73'], communes: [] } });
    await create({ name: 'Association carte 06', types: ['BENEVOLES'], communeCode: '06088' });
    const more = await t.client().get('/api/v1/directory/map');
    expect(dep(more.body, '73')).toMatchObject({ structures: 2, located: 2 });
    expect(dep(more.body, '06')).toMatchObject({ structures: 1, located: 1 });
    expect(more.body.structures.map((s: { name: string }) => s.name)).toEqual(['Association carte 06', 'Équipe carte 73', 'HAD carte 73']);
    const had = more.body.structures.find((s: { name: string }) => s.name === 'HAD carte 73');
    expect(had).toMatchObject({ communeName: 'Chambéry', latitude: null, longitude: null });

    // Filtered by type.
    const onlyHad = await t.client().get('/api/v1/directory/map?type=HAD');
    expect(dep(onlyHad.body, '73')).toMatchObject({ structures: 1, located: 1 });
    expect(dep(onlyHad.body, '06')).toMatchObject({ structures: 0, located: 0 });
    expect(onlyHad.body.structures.map((s: { name: string }) => s.name)).toEqual(['HAD carte 73']);
  });

  it('leaves out entries that are not published, and answers 304 while nothing changed', async () => {
    const nurse = await createUser(t, { email: 'ide-map@example.org' });
    const n = t.client();
    await n.login(nurse.email, nurse.password);
    const before = await t.client().get('/api/v1/directory/map');
    expect(before.headers.get('cache-control')).toBe('no-cache');
    const etag = before.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect((await t.client().get('/api/v1/directory/map', { 'if-none-match': etag })).status).toBe(304);

    const proposed = await n.post('/api/v1/structures', structure({ name: 'Proposition carte', communeCode: '73054', coverage: { departements: ['73'], communes: [] } }));
    expect(proposed.body.status).toBe('pending');
    const pending = await t.client().get('/api/v1/directory/map', { 'if-none-match': etag });
    // The write changed the generation; the recomputed map is the same, so still 304.
    expect(pending.status).toBe(304);

    const published = await a.post(`/api/v1/structures/${proposed.body.id}/status`, { status: 'published' });
    expect(published.status).toBe(200);
    const now = await t.client().get('/api/v1/directory/map', { 'if-none-match': etag });
    expect(now.status).toBe(200);
    expect(now.body.structures.map((s: { name: string }) => s.name)).toContain('Proposition carte');
    expect(dep(now.body, '73').structures).toBe(dep(before.body, '73').structures + 1);
  });
});
