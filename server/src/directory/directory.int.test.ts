import { coverageAnswerSchema, coverageStructureSchema } from '@palliance/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestPlatform } from '../test/harness';

let t: TestPlatform;
let admin: { id: string; email: string; password: string };
beforeAll(async () => {
  t = await startTestPlatform();
  admin = await createUser(t, { email: 'admin@example.org', roles: [{ role: 'admin' }] });
});
afterAll(async () => t?.stop());

const weekdays = { mon: [{ open: '09:00', close: '17:30' }], tue: [{ open: '09:00', close: '17:30' }], wed: [{ open: '09:00', close: '17:30' }], thu: [{ open: '09:00', close: '17:30' }], fri: [{ open: '09:00', close: '17:30' }] };
const night = {
  days: {
    mon: [{ open: '17:30', close: '09:00' }],
    tue: [{ open: '17:30', close: '09:00' }],
    wed: [{ open: '17:30', close: '09:00' }],
    thu: [{ open: '17:30', close: '09:00' }],
    fri: [{ open: '17:30', close: '09:00' }],
    sat: [{ open: '09:00', close: '09:00' }],
    sun: [{ open: '09:00', close: '09:00' }],
  },
  holidays: [{ open: '09:00', close: '09:00' }],
};

const emtsp = (over: Record<string, unknown> = {}) => ({
  name: 'EMTSP Haute-Tarentaise test',
  types: ['ETSP'],
  communeCode: '73054',
  postalCode: '73700',
  addressLine: '1 place de test',
  audience: ['professionnels', 'familles'],
  contacts: [
    { kind: 'secretariat_medical', label: 'Secrétariat', value: '01 99 00 10 01', schedule: { days: weekdays, holidays: 'closed' } },
    { kind: 'appui_territorial', label: 'Nuit et week-end', value: '01 99 00 10 02', schedule: night },
  ],
  openingHours: { days: weekdays, holidays: 'closed' },
  accessDelayDays: 2,
  accessDelayConfirmedAt: '2026-11-01',
  description: 'Équipe mobile territoriale de soins palliatifs intervenant au domicile.',
  coverage: { departements: [], communes: ['73054', '73285'] },
  ...over,
});

async function adminClient() {
  const a = t.client();
  await a.login(admin.email, admin.password);
  return a;
}

describe('who covers a commune and whom to call now', () => {
  it('answers with the daytime line on a weekday, the night line at 21:00 on a Saturday and on 14 July', async () => {
    const a = await adminClient();
    const created = await a.post('/api/v1/structures', emtsp());
    expect(created.status).toBe(201);
    const had = await a.post('/api/v1/structures', emtsp({
      name: 'HAD Savoie test',
      types: ['HAD'],
      communeCode: '73065',
      postalCode: '73000',
      contacts: [{ kind: 'astreinte', value: '01 99 00 20 02', alwaysOn: true }],
      coverage: { departements: ['73'], communes: [] },
    }));
    expect(had.status).toBe(201);

    const day = await t.client().get('/api/v1/coverage?commune=73054&at=2026-11-17T10:00:00%2B01:00');
    expect(day.status).toBe(200);
    expect(day.headers.get('content-type')).toMatch(/^application\/json/);
    // Sent without a second zod pass for speed: it must still be exactly the contract's shape.
    expect(coverageAnswerSchema.strict().parse(day.body)).toEqual(day.body);
    for (const g of day.body.groups) for (const st of g.structures) expect(coverageStructureSchema.strict().parse(st)).toEqual(st);
    const types = day.body.groups.map((g: { type: string }) => g.type);
    expect(types).toEqual(['ETSP', 'HAD']);
    const team = day.body.groups[0].structures[0];
    expect(team).toMatchObject({ name: 'EMTSP Haute-Tarentaise test', accessDelayDays: 2, coversWholeDepartement: false });
    expect(team.call).toMatchObject({ number: '01 99 00 10 01', reason: 'horaires_ouverture', openUntil: '2026-11-17T16:30:00.000Z' });
    expect(day.body.groups[1].structures[0]).toMatchObject({ coversWholeDepartement: true, call: { number: '01 99 00 20 02' } });

    const saturdayNight = await t.client().get('/api/v1/coverage?commune=73054&at=2026-11-21T21:00:00%2B01:00');
    expect(saturdayNight.body.groups[0].structures[0].call).toMatchObject({ number: '01 99 00 10 02', reason: 'ligne_nuit_weekend' });

    const bastille = await t.client().get('/api/v1/coverage?commune=73054&at=2026-07-14T11:00:00%2B02:00');
    expect(bastille.body.groups[0].structures[0].call).toMatchObject({ number: '01 99 00 10 02', reason: 'ligne_nuit_weekend' });

    // A commune of the department outside the team's communes: only the HAD covers it.
    const chambery = await t.client().get('/api/v1/coverage?commune=73065&at=2026-11-17T10:00:00%2B01:00');
    expect(chambery.body.groups.map((g: { type: string }) => g.type)).toEqual(['HAD']);
  });

  it('names the field for a bad commune or time, and 404s an unknown commune', async () => {
    const bad = await t.client().get('/api/v1/coverage?commune=7305');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('commune');
    const badAt = await t.client().get('/api/v1/coverage?commune=73054&at=samedi');
    expect(badAt.status).toBe(400);
    expect(badAt.body.field).toBe('at');
    const unknown = await t.client().get('/api/v1/coverage?commune=99999');
    expect(unknown.status).toBe(404);
  });

  it('sees a change at once (no stale cache after a write)', async () => {
    const a = await adminClient();
    const before = await t.client().get('/api/v1/coverage?commune=73285');
    const s = await a.post('/api/v1/structures', emtsp({ name: 'Bénévoles Séez test', types: ['BENEVOLES'], communeCode: '73285', postalCode: '73700', coverage: { departements: [], communes: ['73285'] } }));
    expect(s.status).toBe(201);
    const after = await t.client().get('/api/v1/coverage?commune=73285');
    const names = (r: typeof after) => r.body.groups.flatMap((g: { structures: { name: string }[] }) => g.structures.map((x) => x.name));
    expect(names(after)).toContain('Bénévoles Séez test');
    expect(names(before)).not.toContain('Bénévoles Séez test');
  });
});

describe('editing, versions and permissions', () => {
  it('a structure manager edits their own entry; versions record who changed what', async () => {
    const a = await adminClient();
    const { body: s } = await a.post('/api/v1/structures', emtsp({ name: 'EMSP versionnée' }));
    const manager = await createUser(t, { email: 'manager@example.org', roles: [{ role: 'structure_manager', scope: s.id }] });
    const m = t.client();
    await m.login(manager.email, manager.password);
    const upd = await m.put(`/api/v1/structures/${s.id}?version=1`, emtsp({ name: 'EMSP versionnée', accessDelayDays: 3 }));
    expect(upd.status).toBe(200);
    expect(upd.body.version).toBe(2);
    const stale = await m.put(`/api/v1/structures/${s.id}?version=1`, emtsp({ name: 'EMSP versionnée', accessDelayDays: 4 }));
    expect(stale.status).toBe(400);
    expect(stale.body.field).toBe('version');
    const versions = await t.client().get(`/api/v1/structures/${s.id}/versions`);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body[0]).toMatchObject({ changedByEmail: manager.email, changeKind: 'modification', changedFields: ['accessDelayDays'] });

    // Another structure's manager and a coordinator of another department may not edit it.
    const other = await createUser(t, { email: 'other-manager@example.org', roles: [{ role: 'structure_manager', scope: '00000000-0000-4000-8000-000000000999' }] });
    const o = t.client();
    await o.login(other.email, other.password);
    expect((await o.put(`/api/v1/structures/${s.id}`, emtsp())).status).toBe(403);
    const coord06 = await createUser(t, { email: 'coord06@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:06' }] });
    const c6 = t.client();
    await c6.login(coord06.email, coord06.password);
    expect((await c6.put(`/api/v1/structures/${s.id}`, emtsp())).status).toBe(403);
    const coord73 = await createUser(t, { email: 'coord73@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:73' }] });
    const c73 = t.client();
    await c73.login(coord73.email, coord73.password);
    expect((await c73.put(`/api/v1/structures/${s.id}`, emtsp({ name: 'EMSP versionnée', description: 'Revue par la coordination.' }))).status).toBe(200);
    expect((await t.client().put(`/api/v1/structures/${s.id}`, emtsp())).status).toBe(401);
  });

  it('a proposal by a professional waits for approval by the territory coordinator', async () => {
    const nurse = await createUser(t, { email: 'ide@example.org' });
    const n = t.client();
    await n.login(nurse.email, nurse.password);
    const proposed = await n.post('/api/v1/structures', emtsp({ name: 'Association proposée', types: ['BENEVOLES'] }));
    expect(proposed.status).toBe(201);
    expect(proposed.body.status).toBe('pending');
    expect((await t.client().get(`/api/v1/structures/${proposed.body.id}`)).status).toBe(404);
    expect((await n.get(`/api/v1/structures/${proposed.body.id}`)).body.status).toBe('pending');
    const cov = await t.client().get('/api/v1/coverage?commune=73054');
    expect(JSON.stringify(cov.body)).not.toContain('Association proposée');
    expect((await n.post(`/api/v1/structures/${proposed.body.id}/status`, { status: 'published' })).status).toBe(403);
    const coord = await createUser(t, { email: 'coord-approve@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:73' }] });
    const c = t.client();
    await c.login(coord.email, coord.password);
    const approved = await c.post(`/api/v1/structures/${proposed.body.id}/status`, { status: 'published' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('published');
    expect((await t.client().get(`/api/v1/structures/${proposed.body.id}`)).status).toBe(200);
  });

  it('rejects bad input naming the field and writes nothing', async () => {
    const a = await adminClient();
    const [{ n: before }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM structure');
    const cases: [Record<string, unknown>, string][] = [
      [emtsp({ types: ['LICORNE'] }), 'types'],
      [emtsp({ communeCode: '99999' }), 'communeCode'],
      [emtsp({ postalCode: '06000' }), 'postalCode'],
      [emtsp({ finess: '12' }), 'finess'],
      [emtsp({ coverage: { departements: ['99'], communes: [] } }), 'coverage.departements'],
      [emtsp({ coverage: { departements: [], communes: ['73054', '01999'] } }), 'coverage.communes'],
      [emtsp({ name: '' }), 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await a.post('/api/v1/structures', body);
      expect(res.status, field).toBe(400);
      expect(res.body.field).toBe(field);
    }
    const [{ n: after }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM structure');
    expect(after).toBe(before);
  });

  it('flags an entry not confirmed for six months as "à vérifier"', async () => {
    const a = await adminClient();
    const { body: s } = await a.post('/api/v1/structures', emtsp({ name: 'Vieille fiche' }));
    await t.query("UPDATE structure SET confirmed_at = now() - interval '200 days' WHERE id = $1", [s.id]);
    expect((await t.client().get(`/api/v1/structures/${s.id}`)).body.toVerify).toBe(true);
    const confirmed = await a.put(`/api/v1/structures/${s.id}`, emtsp({ name: 'Vieille fiche' }));
    expect(confirmed.body.toVerify).toBe(false);
    const versions = await t.client().get(`/api/v1/structures/${s.id}/versions`);
    expect(versions.body[0].changeKind).toBe('confirmation');
  });
});

describe('reporting an error', () => {
  it('anyone reports; the managers answer; others may not read the reports', async () => {
    const a = await adminClient();
    const { body: s } = await a.post('/api/v1/structures', emtsp({ name: 'Fiche signalée' }));
    const rep = await t.client().post(`/api/v1/structures/${s.id}/reports`, { field: 'contacts', message: 'Le numéro de nuit a changé.', email: 'voisin@example.org' });
    expect(rep.status).toBe(201);
    expect(rep.body.status).toBe('ouvert');
    const stranger = await createUser(t, { email: 'stranger@example.org' });
    const st = t.client();
    await st.login(stranger.email, stranger.password);
    expect((await st.get(`/api/v1/structures/${s.id}/reports`)).status).toBe(403);
    const list = await a.get(`/api/v1/structures/${s.id}/reports`);
    expect(list.body).toHaveLength(1);
    const ans = await a.post(`/api/v1/structures/${s.id}/reports/${rep.body.id}`, { status: 'corrige', answer: 'Numéro mis à jour, merci.' });
    expect(ans.status).toBe(200);
    expect(ans.body.status).toBe('corrige');
    const audit = await t.query<{ action: string }>("SELECT action FROM audit_event WHERE object_id = $1 ORDER BY id", [s.id]);
    expect(audit.map((x) => x.action)).toEqual(['directory.structure_created', 'directory.report_created', 'directory.report_answered']);
  });
});

describe('search', () => {
  it('finds by stemmed, accentless words, by type label, and tolerates a typo', async () => {
    const a = await adminClient();
    await a.post('/api/v1/structures', emtsp({ name: 'Unité de soins palliatifs Saint-Éloi', types: ['USP'], description: 'Hospitalisations de répit et lits dédiés.' }));
    const stem = await t.client().get('/api/v1/structures?q=hospitalisation%20repit');
    expect(stem.body.items.map((i: { name: string }) => i.name)).toContain('Unité de soins palliatifs Saint-Éloi');
    const byType = await t.client().get('/api/v1/structures?q=unit%C3%A9%20de%20soins%20palliatifs');
    expect(byType.body.items.map((i: { name: string }) => i.name)).toContain('Unité de soins palliatifs Saint-Éloi');
    const oneWord = await t.client().get('/api/v1/structures?q=tarantaise');
    expect(oneWord.body.items.map((i: { name: string }) => i.name)).toContain('EMTSP Haute-Tarentaise test');
    const typo = await t.client().get('/api/v1/structures?q=saint%20eloy');
    expect(typo.body.items.map((i: { name: string }) => i.name)).toContain('Unité de soins palliatifs Saint-Éloi');
    const filtered = await t.client().get('/api/v1/structures?type=USP&departement=73');
    expect(filtered.body.items.every((i: { types: string[] }) => i.types.includes('USP'))).toBe(true);
    const none = await t.client().get('/api/v1/structures?q=%27%3B%20DROP%20TABLE%20structure%3B--');
    expect(none.status).toBe(200);
  });

  it('after a typo, lists the exact matches then the names alike, page after page, never a pending entry to a visitor', async () => {
    const a = await adminClient();
    const names = ['SSIAD Maurienne', 'CPTS de Maurienne', 'HAD Maurienne', 'Réseau Maurienne', 'EMSP Maurienne', 'Bénévoles de Maurienne'];
    for (const name of names) expect((await a.post('/api/v1/structures', emtsp({ name, types: ['BENEVOLES'] }))).status).toBe(201);
    // A proposal by a professional stays pending.
    const nurse = await createUser(t, { email: 'ide-maurienne@example.org' });
    const n = t.client();
    await n.login(nurse.email, nurse.password);
    expect((await n.post('/api/v1/structures', emtsp({ name: 'Association Maurienne proposée', types: ['BENEVOLES'] }))).body.status).toBe('pending');

    // Misspelt "Maurienne": one name holds "Morienne" exactly and comes first, then every published
    // Maurienne, three a page.
    expect((await a.post('/api/v1/structures', emtsp({ name: 'Équipe Morienne', types: ['BENEVOLES'] }))).status).toBe(201);
    const pages = [];
    for (const page of [1, 2, 3, 4]) {
      const res = await t.client().get(`/api/v1/structures?q=morienne&pageSize=3&page=${page}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(7);
      pages.push(res.body.items.map((i: { name: string }) => i.name));
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1, 0]);
    expect(pages[0]![0]).toBe('Équipe Morienne');
    expect(pages.flat().slice(1).sort()).toEqual([...names].sort());
    // Whoever may approve in the department sees the pending one among those waiting.
    const waiting = await a.get('/api/v1/structures?q=morienne&status=pending&departement=73');
    expect(waiting.body.items.map((i: { name: string }) => i.name)).toEqual(['Association Maurienne proposée']);
    const visitorWaiting = await t.client().get('/api/v1/structures?q=morienne&status=pending&departement=73');
    expect(visitorWaiting.body.items.map((i: { name: string }) => i.name)).not.toContain('Association Maurienne proposée');
  });

  it('shows a new entry in the next identical search (answers are not kept across a write)', async () => {
    const a = await adminClient();
    const before = await t.client().get('/api/v1/structures?q=zoothérapie');
    expect(before.body.total).toBe(0);
    await a.post('/api/v1/structures', emtsp({ name: 'Association de zoothérapie', types: ['SOINS_SUPPORT'] }));
    const after = await t.client().get('/api/v1/structures?q=zoothérapie');
    expect(after.body.items.map((i: { name: string }) => i.name)).toEqual(['Association de zoothérapie']);
    expect(after.body.total).toBe(1);
  });

  it('lists the structure types with their sourced descriptions', async () => {
    const res = await t.client().get('/api/v1/structure-types');
    const usp = res.body.find((x: { code: string }) => x.code === 'USP');
    expect(usp.description).toMatch(/services d’hospitalisation/);
    expect(usp.source).toMatch(/seeds\/003/);
    expect(res.body.find((x: { code: string }) => x.code === 'ERISP').editorReview).toBe(true);
  });

  it('flags for editor review, with the reason, the types whose description the source does not give', async () => {
    const res = await t.client().get('/api/v1/structure-types');
    const byCode = new Map(res.body.map((x: { code: string }) => [x.code, x]));
    for (const code of ['ERISP', 'MSP', 'CELLULE_REGIONALE']) {
      expect(byCode.get(code)).toMatchObject({ editorReview: true, editorReviewReason: expect.stringMatching(/seeds\/003/) });
    }
    expect(byCode.get('USP')).toMatchObject({ editorReview: false, editorReviewReason: null });
    const flagged = res.body.filter((x: { editorReview: boolean }) => x.editorReview).map((x: { code: string }) => x.code);
    expect(flagged.sort()).toEqual(['CELLULE_REGIONALE', 'ERISP', 'MSP']);
  });
});
