import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';

let t: TestPlatform;
let admin: TestClient;
let hadId: string;
let n = 0;

async function signIn(u: { email: string; password: string }): Promise<TestClient> {
  const c = t.client();
  expect((await c.login(u.email, u.password)).status).toBe(200);
  return c;
}

async function pro(profession: string, roles: { role: string; scope?: string | null }[] = []) {
  n += 1;
  const u = await createUser(t, { email: `pro${n}-${profession}@example.org`, profession, roles });
  return { ...u, client: await signIn(u) };
}

const identity = { firstName: 'Jeanne', lastName: 'Démo', birthDate: '1933-04-02', placeOfLife: 'home', communeCode: '73054' };

beforeAll(async () => {
  t = await startTestPlatform();
  const a = await createUser(t, { email: 'admin-coord@example.org', roles: [{ role: 'admin' }] });
  admin = await signIn(a);
  const s = await admin.post('/api/v1/structures', {
    name: 'HAD de test',
    types: ['HAD'],
    communeCode: '73054',
    postalCode: '73700',
    contacts: [{ kind: 'accueil', value: '01 99 00 30 01', alwaysOn: false }],
    coverage: { departements: ['73'], communes: [] },
  });
  expect(s.status).toBe(201);
  hadId = s.body.id;
});
afterAll(async () => t?.stop());

describe('patient file and care circle', () => {
  it('puts the GP who opens a file in its circle as the pivot, with the consent recorded', async () => {
    const gp = await pro('medecin_generaliste');
    const res = await gp.client.post('/api/v1/patients', { ...identity, consent: { purpose: 'coordination', givenBy: 'patient', note: 'Oral, à domicile' } });
    expect(res.status).toBe(201);
    expect(res.body.myRole).toBe('gp');
    expect(res.body.circle).toEqual([expect.objectContaining({ kind: 'professional', circleRole: 'gp', userId: gp.id, joinedThrough: 'creator' })]);
    expect(res.body.consents).toEqual([expect.objectContaining({ purpose: 'coordination', decision: 'given', givenBy: 'patient', recordedBy: gp.id })]);
    expect(res.body.communeName).toBe('Bourg-Saint-Maurice');
    const mine = await gp.client.get('/api/v1/patients');
    expect(mine.body.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it('answers 400 naming the field for a bad commune or a named GP without an account', async () => {
    const nurse = await pro('infirmier');
    const bad = await nurse.client.post('/api/v1/patients', { ...identity, communeCode: '99999' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('communeCode');
    const noGp = await nurse.client.post('/api/v1/patients', { ...identity, gpEmail: 'inconnu@example.org' });
    expect(noGp.status).toBe(400);
    expect(noGp.body.field).toBe('gpEmail');
    const count = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM patient WHERE created_by = $1", [nurse.id]);
    expect(count[0].n).toBe(0);
  });

  it('hides the file from anyone outside the circle, admin included, with a 404 that is audited', async () => {
    const nurse = await pro('infirmier');
    const file = (await nurse.client.post('/api/v1/patients', identity)).body;
    const stranger = await pro('medecin_generaliste');
    for (const c of [stranger.client, admin]) {
      for (const path of ['', '/entries', '/access-log']) {
        const r = await c.get(`/api/v1/patients/${file.id}${path}`);
        expect(r.status).toBe(404);
        expect(JSON.stringify(r.body)).not.toContain('Jeanne');
      }
      expect((await c.post(`/api/v1/patients/${file.id}/entries`, { kind: 'note', body: 'intrus' })).status).toBe(404);
    }
    // Same answer as for a file that does not exist.
    const none = await stranger.client.get('/api/v1/patients/00000000-0000-4000-8000-000000000000');
    expect(none.status).toBe(404);
    const denied = await t.query<{ actor_id: string }>("SELECT actor_id FROM audit_event WHERE action = 'patient.access_denied' AND object_id = $1", [file.id]);
    expect(denied.filter((d) => d.actor_id === stranger.id)).toHaveLength(4);
    expect(denied).toHaveLength(8);
    expect((await stranger.client.get('/api/v1/patients')).body).toEqual([]);
    expect(await t.query('SELECT 1 FROM patient_entry WHERE patient_id = $1', [file.id])).toHaveLength(0);

    // The circle sees who tried and who read.
    const log = await nurse.client.get(`/api/v1/patients/${file.id}/access-log`);
    expect(log.status).toBe(200);
    expect(log.body.filter((e: { action: string; actorId: string }) => e.action === 'patient.access_denied' && e.actorId === stranger.id)).toHaveLength(4);
    expect(log.body[0]).toMatchObject({ action: 'patient.read', actorId: nurse.id, label: 'a consulté le journal des accès' });
  });

  it('audits every read and write of the file', async () => {
    const nurse = await pro('infirmier');
    const file = (await nurse.client.post('/api/v1/patients', identity)).body;
    await nurse.client.get(`/api/v1/patients/${file.id}`);
    await nurse.client.post(`/api/v1/patients/${file.id}/entries`, { kind: 'notebook', body: 'Passage 8 h, patiente calme.' });
    await nurse.client.get(`/api/v1/patients/${file.id}/entries?kind=notebook`);
    await nurse.client.put(`/api/v1/patients/${file.id}`, { ...identity, placeOfLife: 'ehpad' });
    await nurse.client.post(`/api/v1/patients/${file.id}/consents`, { purpose: 'data_sharing', givenBy: 'trusted_person' });
    const actions = (await t.query<{ action: string }>("SELECT action FROM audit_event WHERE object_type = 'patient' AND object_id = $1 ORDER BY id", [file.id])).map((r) => r.action);
    expect(actions).toEqual(['patient.created', 'patient.read', 'patient.entry_added', 'patient.read', 'patient.updated', 'patient.consent_recorded']);
  });

  it('lets structure members in when their structure joins, and tells the GP and the nurse (not caregivers)', async () => {
    const gp = await pro('medecin_generaliste');
    const nurse = await pro('infirmier');
    const hadMember = await pro('infirmier', [{ role: 'structure_member', scope: hadId }]);
    const file = (await nurse.client.post('/api/v1/patients', { ...identity, gpEmail: gp.email })).body;
    expect(file.circle.map((m: { circleRole: string }) => m.circleRole)).toEqual(['gp', 'nurse']);
    await gp.client.post(`/api/v1/patients/${file.id}/circle`, { kind: 'caregiver', displayName: 'Paul Démo', relationship: 'fils', phone: '01 99 00 12 34' });

    expect((await hadMember.client.get(`/api/v1/patients/${file.id}`)).status).toBe(404);
    const before = (await gp.client.get('/api/v1/notifications/unread-count')).body.unread;
    const joined = await nurse.client.post(`/api/v1/patients/${file.id}/circle`, { kind: 'structure', structureId: hadId });
    expect(joined.status).toBe(201);
    expect(joined.body.circle.find((m: { kind: string }) => m.kind === 'structure')).toMatchObject({ displayName: 'HAD de test', joinedThrough: 'added' });
    expect((await nurse.client.post(`/api/v1/patients/${file.id}/circle`, { kind: 'structure', structureId: hadId })).status).toBe(409);
    const careTeam = await gp.client.get(`/api/v1/patients/${file.id}/care-team.fhir`);
    expect(careTeam.body).toMatchObject({ resourceType: 'CareTeam', subject: { reference: `Patient/${file.id}` } });
    expect(careTeam.body.participant.map((x: { member: { reference: string } }) => x.member.reference)).toEqual(
      expect.arrayContaining([`Practitioner/${gp.id}`, `Organization/${hadId}`]),
    );

    // The HAD now reads the file; the GP (not the nurse who added it) hears about it, in the app and by mail.
    const seen = await hadMember.client.get(`/api/v1/patients/${file.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.myRole).toBe('structure');
    expect((await gp.client.get('/api/v1/notifications/unread-count')).body.unread).toBe(before + 1);
    const list = await gp.client.get('/api/v1/notifications');
    expect(list.body.items[0]).toMatchObject({ kind: 'circle.structure_joined', link: `/coordination/patients/${file.id}`, readAt: null });
    expect(list.body.items[0].title).toContain('HAD de test');
    expect(list.body.items[0].title).not.toContain('Jeanne');
    const mail = await t.waitForMail(gp.email, (m) => m.subject.includes('HAD de test'));
    expect(mail.text).toContain(`/coordination/patients/${file.id}`);

    // The HAD changes the treatment plan: both the GP and the nurse are told.
    const change = await hadMember.client.post(`/api/v1/patients/${file.id}/entries`, { kind: 'treatment_plan', body: 'Passage à la voie sous-cutanée.' });
    expect(change.status).toBe(201);
    expect(change.body.authorName).toContain('HAD de test');
    for (const u of [gp, nurse]) {
      const items = (await u.client.get('/api/v1/notifications')).body.items;
      expect(items[0]).toMatchObject({ kind: 'circle.treatment_plan_changed', link: `/coordination/patients/${file.id}#notes` });
    }
    const read = await gp.client.post(`/api/v1/notifications/${list.body.items[0].id}/read`);
    expect(read.body.readAt).not.toBeNull();
    expect((await nurse.client.post(`/api/v1/notifications/${list.body.items[0].id}/read`)).status).toBe(404);
  });

  it('sends the daily digest instead of a mail per notification when the user asks for it', async () => {
    const gp = await pro('medecin_generaliste');
    const nurse = await pro('infirmier');
    expect((await gp.client.get('/api/v1/me/notification-preference')).body).toEqual({ emailMode: 'immediate' });
    expect((await gp.client.put('/api/v1/me/notification-preference', { emailMode: 'daily_digest' })).status).toBe(200);
    const file = (await nurse.client.post('/api/v1/patients', { ...identity, gpEmail: gp.email })).body;
    const unmailed = await t.query("SELECT 1 FROM notification WHERE user_id = $1 AND emailed_at IS NULL", [gp.id]);
    expect(unmailed).toHaveLength(1);
    const { sendDailyDigests } = await import('../notifications/in-app/notify');
    await sendDailyDigests(t.platform.deps);
    const mail = await t.waitForMail(gp.email, (m) => m.subject.includes('Résumé du jour'));
    expect(mail.text).toContain(`/coordination/patients/${file.id}`);
    expect((await sendDailyDigests(t.platform.deps)).users).toBe(0);
  });

  it('keeps notes append-only', async () => {
    const nurse = await pro('infirmier');
    const file = (await nurse.client.post('/api/v1/patients', identity)).body;
    await nurse.client.post(`/api/v1/patients/${file.id}/entries`, { kind: 'note', body: 'Première note' });
    await expect(t.query("UPDATE patient_entry SET body = 'x' WHERE patient_id = $1", [file.id])).rejects.toThrow(/append-only/);
    const empty = await nurse.client.post(`/api/v1/patients/${file.id}/entries`, { kind: 'note', body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('body');
  });
});
