import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';
import { requestDelays } from './request-delays';
import { fireDueTimers } from './request-timers';

const START = new Date('2026-11-20T08:00:00.000Z');
const H = 3_600_000;
let clock = START;
let t: TestPlatform;
let admin: TestClient;
let emspId: string;
let hadId: string;
let n = 0;

type User = { id: string; email: string; password: string; client: TestClient };
async function user(profession: string, roles: { role: string; scope?: string | null }[] = []): Promise<User> {
  n += 1;
  const u = await createUser(t, { email: `u${n}-${profession}@example.org`, profession, roles });
  const client = t.client();
  expect((await client.login(u.email, u.password)).status).toBe(200);
  return { ...u, client };
}

let manager: User;
let member: User;
let coordinator: User;

async function structure(name: string, types: string[]) {
  const s = await admin.post('/api/v1/structures', {
    name,
    types,
    communeCode: '73054',
    postalCode: '73700',
    contacts: [{ kind: 'accueil', value: '01 99 00 30 02', alwaysOn: false }],
    coverage: { departements: ['73'], communes: [] },
  });
  expect(s.status).toBe(201);
  return s.body.id as string;
}

/** A GP's patient in Bourg-Saint-Maurice (73), with a nurse in the circle. */
async function circle() {
  const gp = await user('medecin_generaliste');
  const nurse = await user('infirmier');
  const file = await gp.client.post('/api/v1/patients', { firstName: 'Lucie', lastName: 'Démo', placeOfLife: 'home', communeCode: '73054' });
  expect(file.status).toBe(201);
  await gp.client.post(`/api/v1/patients/${file.body.id}/circle`, { kind: 'professional', email: nurse.email, circleRole: 'nurse' });
  return { gp, nurse, patientId: file.body.id as string };
}

const requestBody = (over: Record<string, unknown> = {}) => ({
  structureId: emspId,
  reason: 'pain',
  urgency: 'routine',
  body: 'Douleurs mal contrôlées malgré le palier 3.',
  evaluations: [{ resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'esas-r', item: [{ linkId: 'douleur', answer: [{ valueInteger: 7 }] }] }],
  idempotencyKey: randomUUID(),
  ...over,
});

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => clock });
  const a = await createUser(t, { email: 'admin-demandes@example.org', roles: [{ role: 'admin' }] });
  admin = t.client();
  await admin.login(a.email, a.password);
  emspId = await structure('Équipe mobile de test', ['EMSP_EXTRA']);
  hadId = await structure('HAD de test', ['HAD']);
  manager = await user('medecin_specialiste', [{ role: 'structure_manager', scope: emspId }]);
  member = await user('infirmier', [{ role: 'structure_member', scope: emspId }]);
  coordinator = await user('infirmier', [{ role: 'territory_coordinator', scope: 'dep:73' }]);
});
afterAll(async () => t?.stop());

describe("support requests", () => {
  it('suggests the structures covering the patient’s commune', async () => {
    const { nurse, patientId } = await circle();
    const res = await nurse.client.get(`/api/v1/patients/${patientId}/suggested-structures`);
    expect(res.status).toBe(200);
    expect(res.body.commune).toMatchObject({ code: '73054', departement: '73' });
    expect(res.body.structures.map((s: { id: string }) => s.id)).toEqual([emspId, hadId]);
  });

  it('stores a retried request once and answers it again', async () => {
    const { nurse, patientId } = await circle();
    const body = requestBody();
    const first = await nurse.client.post(`/api/v1/patients/${patientId}/requests`, body);
    expect(first.status).toBe(201);
    const again = await nurse.client.post(`/api/v1/patients/${patientId}/requests`, body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const concurrent = await Promise.all([1, 2, 3].map(() => nurse.client.post(`/api/v1/patients/${patientId}/requests`, { ...body, idempotencyKey: 'cle-concurrente-1' })));
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
    expect(concurrent.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const rows = await t.query('SELECT id FROM support_request WHERE patient_id = $1', [patientId]);
    expect(rows).toHaveLength(2);
    const reused = await nurse.client.post(`/api/v1/patients/${patientId}/requests`, { ...body, structureId: hadId });
    expect(reused.status).toBe(409);
    expect(reused.body.field).toBe('idempotencyKey');
    const bad = await nurse.client.post(`/api/v1/patients/${patientId}/requests`, { ...requestBody(), reason: 'autre' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('reason');
  });

  it('answers a new request as it reads back, and sends again to a team already in the circle without joining it twice', async () => {
    const { gp, nurse, patientId } = await circle();
    const first = await nurse.client.post(`/api/v1/patients/${patientId}/requests`, requestBody());
    expect(first.status).toBe(201);
    // The answer is built from what was written: it is what reading the request gives.
    expect(first.body).toEqual((await nurse.client.get(`/api/v1/requests/${first.body.id}`)).body);
    expect(first.body).toMatchObject({ messages: [], files: [], history: [{ fromStatus: null, toStatus: 'sent', actorId: nurse.id, note: '' }], iAmStructure: false, actions: [] });

    const second = await nurse.client.post(`/api/v1/patients/${patientId}/requests`, requestBody({ reason: 'sedation', urgency: 'urgent', evaluations: [] }));
    expect(second.status).toBe(201);
    expect(second.body).toEqual((await nurse.client.get(`/api/v1/requests/${second.body.id}`)).body);
    const members = await t.query<{ joined_through: string }>('SELECT joined_through FROM care_circle_member WHERE patient_id = $1 AND structure_id = $2 AND removed_at IS NULL', [patientId, emspId]);
    expect(members).toEqual([{ joined_through: 'support_request' }]);
    const count = (sql: string, params: unknown[]) => t.query<{ n: number }>(sql, params).then((r) => r[0].n);
    expect(await count("SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND kind = 'circle.structure_joined' AND link = $2", [gp.id, `/coordination/patients/${patientId}`])).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'patient.circle_added' AND object_id = $1", [patientId])).toBe(2); // the nurse, the team
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'support_request.sent' AND object_id = $1", [patientId])).toBe(2);
    for (const u of [manager, member]) {
      const sent = await count("SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND kind = 'request.sent' AND link = ANY ($2)", [
        u.id,
        [`/coordination/demandes/${first.body.id}`, `/coordination/demandes/${second.body.id}`],
      ]);
      expect(sent).toBe(2);
    }
    const [told] = await t.query<{ title: string }>("SELECT title FROM notification WHERE user_id = $1 AND link = $2", [manager.id, `/coordination/demandes/${second.body.id}`]);
    expect(told.title).toBe("Nouvelle demande d'appui (Sédation) pour L. D.");
    // The team's mails are queued together, then marked as sent.
    for (const u of [manager, member]) await t.waitForMail(u.email, (m) => m.subject.includes('Sédation') && m.text.includes(`/coordination/demandes/${second.body.id}`));
    expect(await count("SELECT count(*)::int AS n FROM notification WHERE link = $1 AND emailed_at IS NOT NULL", [`/coordination/demandes/${second.body.id}`])).toBe(2);

    // A retry after the structure left the directory still answers the stored request; a new one is refused.
    const leaving = await structure('Équipe qui ferme', ['EMSP_EXTRA']);
    const body = requestBody({ structureId: leaving });
    const stored = await nurse.client.post(`/api/v1/patients/${patientId}/requests`, body);
    expect(stored.status).toBe(201);
    await t.query("UPDATE structure SET status = 'archived' WHERE id = $1", [leaving]);
    const retried = await nurse.client.post(`/api/v1/patients/${patientId}/requests`, body);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(stored.body);
    const refused = await nurse.client.post(`/api/v1/patients/${patientId}/requests`, requestBody({ structureId: leaving }));
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('structureId');
    // The same key for another patient is refused and stores nothing.
    const other = await circle();
    await t.query('INSERT INTO care_circle_member (patient_id, kind, circle_role, user_id, added_at) VALUES ($1, $2, $3, $4, now())', [other.patientId, 'professional', 'nurse', nurse.id]);
    const reused = await nurse.client.post(`/api/v1/patients/${other.patientId}/requests`, { ...body, structureId: emspId });
    expect(reused.status).toBe(409);
    expect(reused.body.field).toBe('idempotencyKey');
    expect(await count('SELECT count(*)::int AS n FROM support_request WHERE patient_id = $1', [other.patientId])).toBe(0);
  });

  it('goes from the nurse to the team and back to the GP with the outcome', async () => {
    const { gp, nurse, patientId } = await circle();
    expect((await member.client.get(`/api/v1/patients/${patientId}`)).status).toBe(404);
    const sent = await nurse.client.post(`/api/v1/patients/${patientId}/requests`, requestBody());
    expect(sent.status).toBe(201);
    const id = sent.body.id;
    expect(sent.body).toMatchObject({ status: 'sent', structureName: 'Équipe mobile de test', dueAt: new Date(START.getTime() + 48 * H).toISOString(), clock: 'waiting', responseHours: 48 });
    expect(sent.body.evaluations[0].resourceType).toBe('QuestionnaireResponse');

    // The team joined the circle: it reads the file; the GP heard it joined; the team has it in its inbox.
    expect((await member.client.get(`/api/v1/patients/${patientId}`)).status).toBe(200);
    expect((await gp.client.get('/api/v1/notifications')).body.items.map((i: { kind: string }) => i.kind)).toContain('circle.structure_joined');
    expect((await manager.client.get('/api/v1/notifications')).body.items).toContainEqual(expect.objectContaining({ kind: 'request.sent', link: `/coordination/demandes/${id}` }));
    const inbox = await member.client.get(`/api/v1/structures/${emspId}/requests`);
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toContain(id);

    // Opening it acknowledges it; the GP may not move it.
    clock = new Date(START.getTime() + 3 * H);
    const opened = await member.client.get(`/api/v1/requests/${id}`);
    expect(opened.body).toMatchObject({ status: 'received', iAmStructure: true, actions: ['accept', 'decline'], firstResponseAt: null });
    expect((await gp.client.post(`/api/v1/requests/${id}/status`, { action: 'accept' })).status).toBe(403);
    const closeTooSoon = await member.client.post(`/api/v1/requests/${id}/status`, { action: 'close', outcome: 'x' });
    expect(closeTooSoon.status).toBe(409);

    clock = new Date(START.getTime() + 5 * H);
    const accepted = await member.client.post(`/api/v1/requests/${id}/status`, { action: 'accept' });
    expect(accepted.body).toMatchObject({ status: 'accepted', firstResponseAt: clock.toISOString(), clock: 'answered_in_time' });
    await member.client.post(`/api/v1/requests/${id}/messages`, { body: 'Visite conjointe demain 14 h ?' });
    const reply = await nurse.client.post(`/api/v1/requests/${id}/messages`, { body: 'Oui, je serai là.' });
    expect(reply.body.messages.map((m: { fromStructure: boolean }) => m.fromStructure)).toEqual([true, false]);
    await member.client.post(`/api/v1/requests/${id}/status`, { action: 'start' });
    const noOutcome = await member.client.post(`/api/v1/requests/${id}/status`, { action: 'close', outcome: ' ' });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.field).toBe('outcome');
    clock = new Date(START.getTime() + 30 * H);
    const closed = await member.client.post(`/api/v1/requests/${id}/status`, { action: 'close', outcome: 'Rotation vers l’oxycodone, réévaluation à J3 par l’IDE.' });
    expect(closed.body).toMatchObject({ status: 'closed', actions: [] });
    expect(closed.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['sent', 'received', 'accepted', 'in_progress', 'closed']);

    // The GP and the nurse are told, and the GP reads the outcome.
    for (const u of [gp, nurse]) {
      expect((await u.client.get('/api/v1/notifications')).body.items).toContainEqual(expect.objectContaining({ kind: 'request.closed', link: `/coordination/demandes/${id}` }));
    }
    await t.waitForMail(gp.email, (m) => m.subject.includes('clôturée'));
    const gpView = await gp.client.get(`/api/v1/requests/${id}`);
    expect(gpView.body).toMatchObject({ outcomeSummary: 'Rotation vers l’oxycodone, réévaluation à J3 par l’IDE.', iAmStructure: false, actions: [] });
    expect((await gp.client.get(`/api/v1/patients/${patientId}/requests`)).body[0]).toMatchObject({ id, status: 'closed' });
    const fhir = await gp.client.get(`/api/v1/requests/${id}/fhir`);
    expect(fhir.headers.get('content-type')).toContain('application/fhir+json');
    expect(fhir.body.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual(['ServiceRequest', 'Task', 'QuestionnaireResponse']);
    expect(fhir.body.entry[1].resource).toMatchObject({ status: 'completed', output: [{ valueString: 'Rotation vers l’oxycodone, réévaluation à J3 par l’IDE.' }] });

    const [delay] = (await requestDelays(t.platform.deps, { structureId: emspId })).filter((d) => d.requestId === id);
    expect(delay).toMatchObject({ firstResponseHours: 5, closeHours: 30, answeredInTime: true, escalated: false, departement: '73' });
    clock = START;
  });

  it('hides a request from outsiders with an audited 404, and the inbox from an admin', async () => {
    const { nurse, patientId } = await circle();
    const id = (await nurse.client.post(`/api/v1/patients/${patientId}/requests`, requestBody())).body.id;
    const stranger = await user('medecin_generaliste');
    for (const c of [stranger.client, admin]) {
      expect((await c.get(`/api/v1/requests/${id}`)).status).toBe(404);
      expect((await c.post(`/api/v1/requests/${id}/messages`, { body: 'intrus' })).status).toBe(404);
    }
    expect((await stranger.client.post(`/api/v1/patients/${patientId}/requests`, requestBody())).status).toBe(404);
    const denied = await t.query("SELECT 1 FROM audit_event WHERE action = 'patient.access_denied' AND object_id = $1", [patientId]);
    expect(denied).toHaveLength(5);
    expect((await admin.get(`/api/v1/structures/${emspId}/requests`)).status).toBe(403);
    expect((await stranger.client.get(`/api/v1/structures/${emspId}/requests`)).status).toBe(403);
  });

  it('reminds the managers 12 h before the due time and escalates to the coordinator once it passes, each once', async () => {
    const { nurse, patientId } = await circle();
    clock = START;
    const id = (await nurse.client.post(`/api/v1/patients/${patientId}/requests`, requestBody())).body.id;
    const count = (userId: string, kind: string) =>
      t.query<{ n: number }>('SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND kind = $2 AND link = $3', [userId, kind, `/coordination/demandes/${id}`]).then((r) => r[0].n);

    clock = new Date(START.getTime() + 35 * H);
    await fireDueTimers(t.platform.deps, id);
    expect(await count(manager.id, 'request.reminder')).toBe(0);

    clock = new Date(START.getTime() + 36 * H);
    await Promise.all([fireDueTimers(t.platform.deps, id), fireDueTimers(t.platform.deps), fireDueTimers(t.platform.deps, id)]);
    await fireDueTimers(t.platform.deps);
    expect(await count(manager.id, 'request.reminder')).toBe(1);
    expect(await count(member.id, 'request.reminder')).toBe(0);
    expect(await count(coordinator.id, 'request.escalated')).toBe(0);
    await t.waitForMail(manager.email, (m) => m.subject.includes('sans réponse') && m.text.includes(`/coordination/demandes/${id}`));

    clock = new Date(START.getTime() + 48 * H + 1000);
    await Promise.all([fireDueTimers(t.platform.deps, id), fireDueTimers(t.platform.deps)]);
    await fireDueTimers(t.platform.deps, id);
    expect(await count(coordinator.id, 'request.escalated')).toBe(1);
    expect(await count(manager.id, 'request.reminder')).toBe(1);
    const mail = await t.waitForMail(coordinator.email, (m) => m.text.includes(`/coordination/demandes/${id}`));
    expect(mail.subject).toContain('après l\'échéance');
    const [delay] = (await requestDelays(t.platform.deps)).filter((d) => d.requestId === id);
    expect(delay).toMatchObject({ reminded: true, escalated: true, firstResponseAt: null, answeredInTime: null });
    clock = START;
  });

  it('never reminds nor escalates an answered request, and uses the structure’s own commitment', async () => {
    expect((await member.client.put(`/api/v1/structures/${emspId}/request-settings`, { responseHours: 24 })).status).toBe(403);
    expect((await manager.client.put(`/api/v1/structures/${emspId}/request-settings`, { responseHours: 24 })).status).toBe(200);
    const { nurse, patientId } = await circle();
    clock = START;
    const sent = (await nurse.client.post(`/api/v1/patients/${patientId}/requests`, requestBody())).body;
    expect(sent).toMatchObject({ responseHours: 24, dueAt: new Date(START.getTime() + 24 * H).toISOString() });
    clock = new Date(START.getTime() + 2 * H);
    // A message from the team is a first response too.
    await member.client.post(`/api/v1/requests/${sent.id}/messages`, { body: 'Bien reçu, nous appelons la patiente.' });
    clock = new Date(START.getTime() + 100 * H);
    expect(await fireDueTimers(t.platform.deps, sent.id)).toEqual({ reminders: 0, escalations: 0 });
    await manager.client.put(`/api/v1/structures/${emspId}/request-settings`, { responseHours: 48 });
    clock = START;
  });

  it('sends the reminder through the job queue once its time comes', async () => {
    const quick = await structure('Équipe de garde de test', ['ETSP']);
    const boss = await user('medecin_specialiste', [{ role: 'structure_manager', scope: quick }]);
    await boss.client.put(`/api/v1/structures/${quick}/request-settings`, { responseHours: 1 });
    const { nurse, patientId } = await circle();
    // Real time here: the delayed jobs pg-boss runs compare with it.
    clock = new Date();
    const id = (await nurse.client.post(`/api/v1/patients/${patientId}/requests`, requestBody({ structureId: quick }))).body.id;
    const mail = await t.waitForMail(boss.email, (m) => m.subject.includes('sans réponse'), 15_000);
    expect(mail.text).toContain(`/coordination/demandes/${id}`);
    const rows = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND kind = 'request.reminder'", [boss.id]);
    expect(rows[0].n).toBe(1);
    clock = START;
  });

  it('pages the inbox by due time without gaps or repeats', async () => {
    const { nurse, patientId } = await circle();
    for (let i = 0; i < 5; i++) {
      clock = new Date(START.getTime() + i * 60_000);
      await nurse.client.post(`/api/v1/patients/${patientId}/requests`, requestBody());
    }
    clock = START;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string; dueAt: string }[]; next: string | null } } = await manager.client.get(
        `/api/v1/structures/${emspId}/requests?limit=3${after ? `&after=${after}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((r) => r.id));
      after = res.body.next;
      pages++;
    } while (after && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    const open = await t.query<{ id: string }>("SELECT id FROM support_request WHERE structure_id = $1 AND status IN ('sent','received','accepted','in_progress') ORDER BY due_at, id", [emspId]);
    expect(seen).toEqual(open.map((r) => r.id));
    expect((await manager.client.get(`/api/v1/structures/${emspId}/requests?after=nimporte`)).status).toBe(400);
  });

  it('serves attached files to the circle only', async () => {
    const { gp, nurse, patientId } = await circle();
    const id = (await nurse.client.post(`/api/v1/patients/${patientId}/requests`, requestBody())).body.id;
    const pdf = Buffer.from('%PDF-1.4\n% fichier de test\n');
    const res = await fetch(`${t.baseUrl}/api/v1/requests/${id}/files?name=${encodeURIComponent('ordonnance anticipée.pdf')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', origin: t.baseUrl, cookie: [...nurse.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: pdf,
    });
    expect(res.status).toBe(201);
    const file = ((await res.json()) as { files: { url: string }[] }).files[0];
    expect(file).toMatchObject({ fileName: 'ordonnance anticipée.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length });
    const cookie = (c: TestClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const got = await fetch(t.baseUrl + file.url, { headers: { cookie: cookie(member.client) } });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await fetch(t.baseUrl + file.url, { headers: { cookie: cookie(gp.client) } })).status).toBe(200);
    const stranger = await user('pharmacien');
    expect((await fetch(t.baseUrl + file.url, { headers: { cookie: cookie(stranger.client) } })).status).toBe(404);
    const exe = await fetch(`${t.baseUrl}/api/v1/requests/${id}/files?name=x.exe`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', origin: t.baseUrl, cookie: cookie(nurse.client) },
      body: pdf,
    });
    expect(exe.status).toBe(415);
  });
});
