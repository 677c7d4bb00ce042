import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoKit, DEMO_KIT_IDS } from '../../resources/demo-kit';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../../test/harness';

let t: TestPlatform;
let admin: TestClient;
let hadId: string;
let teamId: string;
let n = 0;
let clock = new Date('2026-11-22T21:30:00Z');

async function signIn(u: { email: string; password: string }): Promise<TestClient> {
  const c = t.client();
  expect((await c.login(u.email, u.password)).status).toBe(200);
  return c;
}
async function pro(profession: string, roles: { role: string; scope?: string | null }[] = []) {
  n += 1;
  const u = await createUser(t, { email: `care${n}-${profession}@example.org`, profession, roles });
  return { ...u, client: await signIn(u) };
}
const identity = { firstName: 'Odette', lastName: 'Fictive', birthDate: '1935-04-02', placeOfLife: 'home', communeCode: '73054' };
const pallia = (yes: number) => Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, i < yes]));
const key = () => `key-${Math.random().toString(36).slice(2)}-${Date.now()}`;

/** A nurse's patient with a named GP: the circle the tests work in. */
async function circle() {
  const gp = await pro('medecin_generaliste');
  const nurse = await pro('infirmier');
  const file = await nurse.client.post('/api/v1/patients', { ...identity, gpEmail: gp.email });
  expect(file.status).toBe(201);
  return { gp, nurse, patientId: file.body.id as string };
}

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => clock });
  await seedDemoKit(t.platform.deps.handle);
  admin = await signIn(await createUser(t, { email: 'admin-care@example.org', roles: [{ role: 'admin' }] }));
  const structure = async (name: string, types: string[]) => {
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
  };
  hadId = await structure('HAD de test (fictive)', ['HAD']);
  teamId = await structure('Équipe territoriale de test (fictive)', ['ETSP']);
});
afterAll(async () => t?.stop());

describe('saved evaluations', () => {
  it('saves an evaluation with the score recomputed by the server and gives exact trend figures', async () => {
    const { nurse, patientId } = await circle();
    clock = new Date('2026-11-01T09:00:00Z');
    const first = await nurse.client.post(`/api/v1/patients/${patientId}/evaluations`, { scales: [{ scaleId: 'en', answers: { intensite: 7 } }], idempotencyKey: key() });
    expect(first.status).toBe(201);
    expect(first.body.parts[0]).toMatchObject({ scaleId: 'en', version: '1', score: 7 });
    clock = new Date('2026-11-08T09:00:00Z');
    const k = key();
    const second = await nurse.client.post(`/api/v1/patients/${patientId}/evaluations`, { scales: [{ scaleId: 'en', answers: { intensite: 3 } }], evaluatedAt: '2026-11-07T18:00:00+01:00', idempotencyKey: k });
    expect(second.status).toBe(201);
    // A retried POST is stored once.
    const again = await nurse.client.post(`/api/v1/patients/${patientId}/evaluations`, { scales: [{ scaleId: 'en', answers: { intensite: 3 } }], evaluatedAt: '2026-11-07T18:00:00+01:00', idempotencyKey: k });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(second.body.id);
    const bad = await nurse.client.post(`/api/v1/patients/${patientId}/evaluations`, { scales: [{ scaleId: 'en', answers: { intensite: 12 } }], idempotencyKey: key() });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toContain('intensite');

    const trend = await nurse.client.get(`/api/v1/patients/${patientId}/evaluations`);
    expect(trend.status).toBe(200);
    expect(trend.body.evaluations).toHaveLength(2);
    const score = trend.body.series.find((s: { scaleId: string; linkId: string }) => s.scaleId === 'en' && s.linkId === 'score');
    expect(score.points.map((p: { at: string; value: number }) => [p.at, p.value])).toEqual([
      ['2026-11-01T09:00:00.000Z', 7],
      ['2026-11-07T17:00:00.000Z', 3],
    ]);
    const audited = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'patient.read' AND object_id = $1 AND details->>'what' = 'evaluations'", [patientId]);
    expect(audited[0].n).toBe(1);

    const pdf = await fetch(`${t.baseUrl}/api/v1/patients/${patientId}/evaluations/${first.body.id}/pdf`, { headers: { cookie: [...nurse.client.cookies].map(([a, b]) => `${a}=${b}`).join('; ') } });
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const fhir = await nurse.client.get(`/api/v1/patients/${patientId}/evaluations/${first.body.id}/fhir`);
    expect(fhir.status).toBe(200);
    const qr = (typeof fhir.body === 'string' ? JSON.parse(fhir.body) : fhir.body).entry[0].resource;
    expect(qr.resourceType).toBe('QuestionnaireResponse');
    expect(qr.authored).toBe('2026-11-01T09:00:00.000Z');
  });

  it('Pallia 10 at the threshold sends a support request to the mobile team covering the commune, evaluation attached', async () => {
    const { nurse, patientId } = await circle();
    const saved = await nurse.client.post(`/api/v1/patients/${patientId}/evaluations`, { scales: [{ scaleId: 'pallia-10', answers: pallia(6) }], idempotencyKey: key() });
    expect(saved.status).toBe(201);
    expect(saved.body.palliaThresholdReached).toBe(true);
    expect(saved.body.mciJustification).toBeTruthy();
    const k = key();
    const req = await nurse.client.post(`/api/v1/patients/${patientId}/evaluations/${saved.body.id}/support-request`, { idempotencyKey: k });
    expect(req.status).toBe(201);
    expect(req.body.structureId).toBe(teamId);
    expect(req.body.evaluations[0].resourceType).toBe('QuestionnaireResponse');
    expect(req.body.body).toContain('Justificatif MCI');
    const replay = await nurse.client.post(`/api/v1/patients/${patientId}/evaluations/${saved.body.id}/support-request`, { idempotencyKey: k });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(req.body.id);
    const low = await nurse.client.post(`/api/v1/patients/${patientId}/evaluations`, { scales: [{ scaleId: 'pallia-10', answers: pallia(2) }], idempotencyKey: key() });
    expect((await nurse.client.post(`/api/v1/patients/${patientId}/evaluations/${low.body.id}/support-request`, { idempotencyKey: key() })).status).toBe(400);
  });
});

describe('HAD dormant file and pathway', () => {
  it('activation at night notifies the HAD staff and the GP once, and lands in the pathway', async () => {
    // Sessions opened an hour before the night of the activation.
    clock = new Date('2026-11-22T21:30:00Z');
    const { gp, nurse, patientId } = await circle();
    const hadNurse = await pro('infirmier', [{ role: 'structure_member', scope: hadId }]);
    const hadManager = await pro('medecin_generaliste', [{ role: 'structure_manager', scope: hadId }]);
    const notHad = await pro('infirmier', [{ role: 'structure_member', scope: teamId }]);
    expect((await nurse.client.post(`/api/v1/patients/${patientId}/dormant-file`, { structureId: teamId })).status).toBe(400);
    const created = await nurse.client.post(`/api/v1/patients/${patientId}/dormant-file`, {
      structureId: hadId,
      urgencySheet: { illnesses: 'Situation fictive de démonstration', resuscitation: 'Pas de réanimation (fictif)' },
      contacts: [{ name: 'Fille (fictive)', role: 'Aidante', phone: '01 99 00 40 01' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('dormant');
    const doc = await nurse.client.post(`/api/v1/patients/${patientId}/dormant-file/documents`, {
      documentId: DEMO_KIT_IDS.urgencePallia,
      values: { 'patient.nom': 'Patient fictif', 'date.redaction': '2026-11-22', 'medecin.nom': 'Dr Exemple' },
    });
    expect(doc.status).toBe(201);
    expect(doc.body.documents).toHaveLength(1);
    // The HAD joined the circle: its staff read the file.
    expect((await hadNurse.client.get(`/api/v1/patients/${patientId}/dormant-file`)).status).toBe(200);

    // Sunday 22 November 2026, 23:40 in Paris.
    clock = new Date('2026-11-22T22:40:00Z');
    const [first, second] = await Promise.all([
      nurse.client.post(`/api/v1/patients/${patientId}/dormant-file/activate`),
      nurse.client.post(`/api/v1/patients/${patientId}/dormant-file/activate`),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.status).toBe('activated');
    expect(first.body.activatedAt).toBe('2026-11-22T22:40:00.000Z');
    const counts = await t.query<{ user_id: string; n: number }>(
      "SELECT user_id, count(*)::int AS n FROM notification WHERE kind = 'dormant.activated' AND link LIKE $1 GROUP BY user_id",
      [`%${patientId}%`],
    );
    expect(Object.fromEntries(counts.map((c) => [c.user_id, c.n]))).toEqual({ [gp.id]: 1, [hadNurse.id]: 1, [hadManager.id]: 1 });
    expect(counts.map((c) => c.user_id)).not.toContain(notHad.id);
    await t.waitForMail(gp.email, (m) => m.subject.includes('Dossier dormant'));
    const events = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM dormant_file_event WHERE patient_id = $1 AND kind = 'activated'", [patientId]);
    expect(events[0].n).toBe(1);

    expect((await nurse.client.post(`/api/v1/patients/${patientId}/care-places`, { kind: 'usp', label: 'USP fictive', startedOn: '2026-07-01', endedOn: '2026-07-15' })).status).toBe(201);
    expect((await nurse.client.post(`/api/v1/patients/${patientId}/care-places`, { kind: 'had', startedOn: '2026-11-23', endedOn: '2026-11-01' })).body.field).toBe('endedOn');
    const pathway = await gp.client.get(`/api/v1/patients/${patientId}/pathway`);
    expect(pathway.status).toBe(200);
    expect(pathway.body.map((e: { source: string; title: string }) => `${e.source}:${e.title}`)).toEqual([
      'place:Unité de soins palliatifs (USP) : USP fictive',
      'dormant:Dossier dormant HAD préparé',
      'dormant:Prescription anticipée jointe au dossier dormant',
      'dormant:Dossier dormant HAD activé',
    ]);
  });

  it('answers 404 to anyone outside the circle on every new patient route, admin included, and audits it', async () => {
    const { nurse, patientId } = await circle();
    const saved = await nurse.client.post(`/api/v1/patients/${patientId}/evaluations`, { scales: [{ scaleId: 'en', answers: { intensite: 2 } }], idempotencyKey: key() });
    const stranger = await pro('medecin_generaliste');
    const ev = `/api/v1/patients/${patientId}/evaluations/${saved.body.id}`;
    const calls: [string, string, unknown?][] = [
      ['get', `/api/v1/patients/${patientId}/evaluations`],
      ['post', `/api/v1/patients/${patientId}/evaluations`, { scales: [{ scaleId: 'en', answers: { intensite: 2 } }], idempotencyKey: key() }],
      ['get', ev],
      ['get', `${ev}/pdf`],
      ['get', `${ev}/fhir`],
      ['post', `${ev}/support-request`, { idempotencyKey: key() }],
      ['get', `/api/v1/patients/${patientId}/dormant-file`],
      ['post', `/api/v1/patients/${patientId}/dormant-file`, { structureId: hadId }],
      ['put', `/api/v1/patients/${patientId}/dormant-file`, { urgencySheet: {}, contacts: [] }],
      ['post', `/api/v1/patients/${patientId}/dormant-file/documents`, { documentId: DEMO_KIT_IDS.urgencePallia, values: {} }],
      ['get', `/api/v1/patients/${patientId}/dormant-file/documents/00000000-0000-4000-8000-000000000000`],
      ['post', `/api/v1/patients/${patientId}/dormant-file/activate`],
      ['post', `/api/v1/patients/${patientId}/dormant-file/close`],
      ['get', `/api/v1/patients/${patientId}/pathway`],
      ['post', `/api/v1/patients/${patientId}/care-places`, { kind: 'home', startedOn: '2026-01-01' }],
      ['get', `/api/v1/patients/${patientId}/rcp-cases`],
      ['post', `/api/v1/patients/${patientId}/rcp-cases`, { seriesId: '00000000-0000-4000-8000-000000000000', question: 'Intrus', idempotencyKey: key() }],
    ];
    for (const c of [stranger.client, admin]) {
      const before = (await t.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'patient.access_denied' AND object_id = $1", [patientId]))[0].n;
      for (const [method, path, body] of calls) {
        const r = method === 'get' ? await c.get(path) : method === 'put' ? await c.put(path, body) : await c.post(path, body);
        expect(r.status, `${method} ${path}`).toBe(404);
        expect(JSON.stringify(r.body)).not.toContain('Odette');
      }
      const after = (await t.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'patient.access_denied' AND object_id = $1", [patientId]))[0].n;
      expect(after - before).toBe(calls.length);
    }
    const stored = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM saved_evaluation WHERE patient_id = $1', [patientId]);
    expect(stored[0].n).toBe(1);
  });
});
