import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';
import { STRANGER_PATIENT, STRUCTURE_PATIENT } from './fixtures';
import { PATIENT_BODIES, patientBody, type PatientBodyIds } from './route-access';

/**
 * Patient data is reached through the patient's care circle only. For every route about one patient
 * or one of its support requests (found in the app's route table, so a new one is covered the day it
 * is added), three people outside the circle — a stranger, a member of another patient's circle, and
 * an administrator — get the same 404 as for a patient that does not exist, nothing is written, and
 * each attempt leaves an audit event.
 */
let t: TestPlatform;
const ids = { patient: STRANGER_PATIENT, memberId: '', request: '', file: '' };
const outsiders = new Map<string, { client: TestClient; id: string }>();

/** The URL prefixes of patient data (dormant files, RCP cases, saved evaluations: add theirs here). */
const PATIENT_PREFIXES = ['/api/v1/patients/:id', '/api/v1/requests/:id'];

const PDF = '%PDF-1.4\n% Fichier de contrôle\n%%EOF\n';
const REQUEST_BODIES: Record<string, unknown> = {
  'GET /api/v1/requests/:id': undefined,
  'GET /api/v1/requests/:id/fhir': undefined,
  'POST /api/v1/requests/:id/status': { action: 'receive' },
  'POST /api/v1/requests/:id/messages': { body: 'Message de contrôle' },
  'POST /api/v1/requests/:id/files': PDF,
  'GET /api/v1/requests/:id/files/:fileId': undefined,
};
const BODIES: Record<string, unknown> = { ...PATIENT_BODIES, ...REQUEST_BODIES };
const bodyIds: PatientBodyIds = { hadStructureId: '', rcpSeriesId: '' };

beforeAll(async () => {
  t = await startTestPlatform({ DEMO_DATA: 'true', QUEUE_ENABLED: 'false' });
  // The GP of the demo patient sends it a support request with a file (the structure joins its circle).
  const gp = t.client();
  await gp.login('medecin-traitant@example.org', DEMO_PASSWORD);
  const [structure] = await t.query<{ id: string }>("SELECT id FROM structure WHERE status = 'published' AND id <> '00000000-0000-4000-8000-00000000a001' ORDER BY name LIMIT 1");
  const sent = await gp.post(`/api/v1/patients/${ids.patient}/requests`, { structureId: structure.id, reason: 'pain', urgency: 'urgent', body: 'Douleur rebelle', idempotencyKey: 'patient-data-0001' });
  if (sent.status !== 201) throw new Error(`demande refusée : ${sent.status} ${JSON.stringify(sent.body)}`);
  ids.request = sent.body.id;
  const attached = await gp.post(`/api/v1/requests/${ids.request}/files?name=controle.pdf`, PDF, { 'content-type': 'application/pdf' });
  ids.file = attached.body.files[0].id;
  [{ id: bodyIds.hadStructureId }] = await t.query<{ id: string }>("SELECT id FROM structure WHERE status = 'published' AND 'HAD' = ANY(types) ORDER BY name LIMIT 1");
  const organiser = await createUser(t, { email: 'organisation-rcp@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:34' }] });
  const organiserClient = t.client();
  await organiserClient.login(organiser.email, organiser.password);
  const series = await organiserClient.post('/api/v1/rcp/series', { departement: '34', title: 'RCP de contrôle', weekday: 2, localTime: '20:00', durationMinutes: 30, maxCases: 4 });
  if (series.status !== 201) throw new Error(`réunion refusée : ${series.status} ${JSON.stringify(series.body)}`);
  bodyIds.rcpSeriesId = series.body.id;
  [{ id: ids.memberId }] = await t.query<{ id: string }>('SELECT id FROM care_circle_member WHERE patient_id = $1 AND user_id IS NULL AND removed_at IS NULL LIMIT 1', [ids.patient]);

  const stranger = await createUser(t, { email: 'inconnue@example.org' });
  const otherCircle = await createUser(t, { email: 'autre-cercle@example.org' });
  await t.query("INSERT INTO care_circle_member (patient_id, kind, circle_role, user_id) VALUES ($1, 'professional', 'nurse', $2)", [STRUCTURE_PATIENT, otherCircle.id]);
  const [admin] = await t.query<{ id: string }>("SELECT id FROM app_user WHERE email = 'admin@example.org'");
  for (const [who, login, id] of [
    ['une inconnue', stranger, stranger.id],
    ['un membre du cercle d’un autre patient', otherCircle, otherCircle.id],
    ['un administrateur hors du cercle', { email: 'admin@example.org', password: DEMO_PASSWORD }, admin.id],
  ] as const) {
    const client = t.client();
    const res = await client.login(login.email, login.password);
    if (res.status !== 200) throw new Error(`connexion impossible : ${who}`);
    outsiders.set(who, { client, id });
  }
});
afterAll(async () => t?.stop());

const patientRoutes = () => t.platform.app.routeTable.filter((r) => PATIENT_PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`)));
const fill = (url: string) =>
  url.replace('/api/v1/patients/:id', `/api/v1/patients/${ids.patient}`).replace('/api/v1/requests/:id', `/api/v1/requests/${ids.request}`).replace(':memberId', ids.memberId).replace(':fileId', ids.file)
    // Sub-objects of the patient (an evaluation, a dormant-file document) that need not exist: the circle check answers first.
    .replace(':evaluationId', '00000000-0000-4000-8000-0000000e0001')
    .replace(':documentId', '00000000-0000-4000-8000-0000000d0001');

/** Everything written about the patient and its request: a refused call changes none of it. */
async function footprint() {
  const [row] = await t.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM patient_entry WHERE patient_id = $1) AS entries,
            (SELECT count(*)::int FROM patient_consent WHERE patient_id = $1) AS consents,
            (SELECT count(*)::int FROM care_circle_member WHERE patient_id = $1 AND removed_at IS NULL) AS circle,
            (SELECT count(*)::int FROM support_request WHERE patient_id = $1) AS requests,
            (SELECT count(*)::int FROM support_request_message WHERE request_id = $2) AS messages,
            (SELECT count(*)::int FROM support_request_file WHERE request_id = $2) AS files,
            (SELECT count(*)::int FROM support_request_transition WHERE request_id = $2) AS transitions,
            (SELECT md5(row(p.*)::text) FROM patient p WHERE p.id = $1) AS identity`,
    [ids.patient, ids.request],
  );
  return row;
}

describe('patient data outside the care circle', () => {
  it('covers every patient route of the app with a valid request', () => {
    const keys = patientRoutes().map((r) => `${r.method} ${r.url}`);
    expect(keys.length).toBeGreaterThanOrEqual(16);
    expect(keys.filter((k) => !(k in BODIES)), 'routes de données patient sans requête de contrôle (PATIENT_BODIES dans route-access.ts)').toEqual([]);
  });

  it('sends bodies the routes accept, so that the 404 is the circle check and not a 400 of the shape', () => {
    const invalid: string[] = [];
    for (const route of patientRoutes()) {
      const key = `${route.method} ${route.url}`;
      const body = patientBody(BODIES[key], bodyIds);
      const zod = route.schema.body as { safeParse?: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } } | undefined;
      if (!zod?.safeParse || typeof body === 'string') continue;
      const parsed = zod.safeParse(body ?? {});
      if (!parsed.success) invalid.push(`${key} : ${parsed.error!.issues.map((i) => `${i.path.join('.') || '(corps)'} ${i.message}`).join(' ; ')}`);
    }
    expect(invalid, 'corps de contrôle refusés par le contrat de la route (PATIENT_BODIES dans route-access.ts)').toEqual([]);
  });

  it('answers 404 to a stranger, a member of another circle and an admin, writes nothing, and audits each attempt', async () => {
    const failures: string[] = [];
    const before = await footprint();
    for (const route of patientRoutes()) {
      const key = `${route.method} ${route.url}`;
      const body = patientBody(BODIES[key], bodyIds);
      const path = fill(route.url) + (key === 'POST /api/v1/requests/:id/files' ? '?name=controle.pdf' : '');
      for (const [who, { client, id }] of outsiders) {
        const [{ n: audited }] = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND action LIKE '%access_denied'", [id]);
        const headers = typeof body === 'string' ? { 'content-type': 'application/pdf' } : undefined;
        const res =
          route.method === 'GET'
            ? await client.get(path)
            : route.method === 'DELETE'
              ? await client.delete(path)
              : route.method === 'PUT'
                ? await client.put(path, body ?? {}, headers)
                : await client.post(path, body ?? {}, headers);
        if (res.status !== 404) failures.push(`${key} par ${who} : ${res.status} (attendu 404)`);
        else if (!/n'existe pas/.test(String(res.body?.message))) failures.push(`${key} par ${who} : 404 sans le message « n'existe pas »`);
        const [{ n: after }] = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND action LIKE '%access_denied'", [id]);
        if (after !== audited + 1) failures.push(`${key} par ${who} : ${after - audited} événement(s) d’audit au lieu d’un`);
      }
    }
    expect(failures).toEqual([]);
    expect(await footprint()).toEqual(before);
  }, 120_000);

  it('gives the same answer for a patient or a request that does not exist', async () => {
    const { client } = outsiders.get('une inconnue')!;
    const ghost = '00000000-0000-4000-8000-0000000dffff';
    const real = await client.get(`/api/v1/patients/${ids.patient}`);
    const none = await client.get(`/api/v1/patients/${ghost}`);
    expect([real.status, none.status]).toEqual([404, 404]);
    expect(none.body.message).toBe(real.body.message);
    const realRequest = await client.get(`/api/v1/requests/${ids.request}`);
    const noRequest = await client.get(`/api/v1/requests/${ghost}`);
    expect([realRequest.status, noRequest.status]).toEqual([404, 404]);
    expect(noRequest.body.message).toBe(realRequest.body.message);
  });

  it('lets a member of the circle through with the same bodies (so the refusals above are of valid requests)', async () => {
    const gp = t.client();
    await gp.login('medecin-traitant@example.org', DEMO_PASSWORD);
    const failures: string[] = [];
    let evaluationId = '';
    for (const route of patientRoutes()) {
      const key = `${route.method} ${route.url}`;
      // The addressed structure's team moves a request, not the circle (route-access.int.test.ts passes its member and manager with this body).
      if (route.method === 'GET' || key === 'POST /api/v1/requests/:id/status') continue;
      const body = patientBody(BODIES[key], bodyIds);
      const path = fill(route.url).replace('00000000-0000-4000-8000-0000000e0001', evaluationId) + (key === 'POST /api/v1/requests/:id/files' ? '?name=controle.pdf' : '');
      const headers = typeof body === 'string' ? { 'content-type': 'application/pdf' } : undefined;
      const res = route.method === 'DELETE' ? await gp.delete(path) : route.method === 'PUT' ? await gp.put(path, body ?? {}, headers) : await gp.post(path, body ?? {}, headers);
      if (key === 'POST /api/v1/patients/:id/evaluations') evaluationId = res.body?.id ?? '';
      if (res.status < 200 || res.status >= 300) failures.push(`${key} : ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });
});
