import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCALES, scaleToQuestionnaire } from '@palliance/core';
import { seedDemoKit, DEMO_KIT_IDS } from './demo-kit';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';

const NOW = new Date('2026-11-22T10:00:00.000Z');
let t: TestPlatform;
let editor: TestClient;
let nurse: TestClient;
let visitor: TestClient;

async function signIn(u: { email: string; password: string }): Promise<TestClient> {
  const c = t.client();
  expect((await c.login(u.email, u.password)).status).toBe(200);
  return c;
}

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => NOW });
  await seedDemoKit(t.platform.deps.handle);
  editor = await signIn(await createUser(t, { email: 'editrice-kit@example.org', roles: [{ role: 'content_editor' }] }));
  nurse = await signIn(await createUser(t, { email: 'infirmiere-kit@example.org', profession: 'infirmier' }));
  visitor = t.client();
});
afterAll(async () => t?.stop());

const doc = (over: Record<string, unknown> = {}) => ({
  slug: 'ordonnance-test',
  kind: 'ordonnance_type',
  title: 'Ordonnance type (test)',
  body: 'Patient : {{patient.nom}}, le {{date.jour}}, poids {{patient.poids}} kg.',
  placeholders: [
    { key: 'patient.nom', label: 'Nom du patient', type: 'text', required: true },
    { key: 'date.jour', label: 'Date', type: 'date', required: true },
    { key: 'patient.poids', label: 'Poids', type: 'number' },
  ],
  authors: ['Dr Exemple (test)'],
  source: 'Document de test.',
  reviewDate: '2027-06-01',
  ...over,
});

describe('kit documents', () => {
  it('demo documents are listed, say they are examples, and carry only placeholders', async () => {
    const list = await visitor.get('/api/v1/kit/documents');
    expect(list.status).toBe(200);
    const pallia = list.body.find((d: { documentId: string }) => d.documentId === DEMO_KIT_IDS.urgencePallia);
    expect(pallia).toMatchObject({ isDemo: true, version: 1, kind: 'fiche_urgence_pallia' });
    expect(pallia.body).toContain('EXEMPLE DE DÉMONSTRATION');
    expect(pallia.placeholders.map((p: { key: string }) => p.key)).toContain('sedation.discutee');
  });

  it('only editors create documents and versions; history and audit are kept', async () => {
    expect((await visitor.post('/api/v1/kit/documents', doc())).status).toBe(401);
    expect((await nurse.post('/api/v1/kit/documents', doc())).status).toBe(403);
    const created = await editor.post('/api/v1/kit/documents', doc());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, createdByEmail: 'editrice-kit@example.org', reviewDate: '2027-06-01' });
    const id = created.body.documentId;

    expect((await nurse.post(`/api/v1/kit/documents/${id}/versions`, { ...doc(), baseVersion: 1 })).status).toBe(403);
    const v2 = await editor.post(`/api/v1/kit/documents/${id}/versions`, { ...doc({ title: 'Ordonnance type (test) v2' }), baseVersion: 1, changeNote: 'Titre' });
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    // The same request again (a retry): same answer, no third version.
    const retry = await editor.post(`/api/v1/kit/documents/${id}/versions`, { ...doc({ title: 'Ordonnance type (test) v2' }), baseVersion: 1, changeNote: 'Titre' });
    expect(retry.status).toBe(200);
    expect(retry.body.version).toBe(2);
    // Started from version 1 with other content: someone published in between.
    const stale = await editor.post(`/api/v1/kit/documents/${id}/versions`, { ...doc({ title: 'Autre' }), baseVersion: 1 });
    expect(stale.status).toBe(409);

    const history = await visitor.get(`/api/v1/kit/documents/${id}/versions`);
    expect(history.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await visitor.get(`/api/v1/kit/documents/ordonnance-test?version=1`)).body.title).toBe('Ordonnance type (test)');
    const audit = await t.query<{ action: string }>("SELECT action FROM audit_event WHERE object_type = 'kit_document' AND object_id = $1 ORDER BY id", [id]);
    expect(audit.map((a) => a.action)).toEqual(['kit.document_created', 'kit.version_created']);
  });

  it('refuses a template whose placeholders do not match its text, naming the field', async () => {
    const res = await editor.post('/api/v1/kit/documents', doc({ slug: 'mauvais', body: 'Patient {{patient.prenom}}' }));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('patient.prenom');
    const dup = await editor.post('/api/v1/kit/documents', doc());
    expect(dup.status).toBe(409);
    expect(dup.body.field).toBe('slug');
  });

  it('a professional fills a template and gets a PDF; bad values name the key', async () => {
    const values = { 'patient.nom': 'Patient fictif', 'date.redaction': '2026-11-22', 'medecin.nom': 'Dr Exemple' };
    expect((await visitor.post(`/api/v1/kit/documents/${DEMO_KIT_IDS.urgencePallia}/fill`, { values })).status).toBe(401);
    const res = await fetch(`${t.baseUrl}/api/v1/kit/documents/${DEMO_KIT_IDS.urgencePallia}/fill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.baseUrl, cookie: [...nurse.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: JSON.stringify({ values }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const bad = await nurse.post(`/api/v1/kit/documents/${DEMO_KIT_IDS.urgencePallia}/fill`, { values: { ...values, 'date.redaction': '22/11/2026' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('values.date.redaction');
    const missing = await nurse.post(`/api/v1/kit/documents/${DEMO_KIT_IDS.urgencePallia}/fill`, { values: { 'patient.nom': 'X' } });
    expect(missing.body.field).toBe('values.medecin.nom');
  });
});

describe('scale versions (editors import a FHIR Questionnaire)', () => {
  const fhirPut = (c: TestClient, id: string, body: unknown, note = '') =>
    c.put(`/fhir/R4/Questionnaire/${id}?changeNote=${encodeURIComponent(note)}`, JSON.stringify(body), { 'content-type': 'application/fhir+json' });

  it('an editor publishes a new threshold; scoring, export and history follow; the old version stays readable', async () => {
    const q = (await visitor.get('/fhir/R4/Questionnaire/pallia-10')).body;
    const meta = JSON.parse(q.extension[0].valueString);
    meta.threshold.atOrAbove = 3;
    meta.threshold.source = 'Test : seuil « 3 ou plus » (autre source citée par la référence).';
    q.extension[0].valueString = JSON.stringify(meta);

    expect((await fhirPut(nurse, 'pallia-10', q)).status).toBe(403);
    const put = await fhirPut(editor, 'pallia-10', q, 'Seuil de test');
    expect(put.status).toBe(201);
    expect(put.body.version).toBe('2');
    expect((await fhirPut(editor, 'pallia-10', q, 'Seuil de test')).status).toBe(200);

    const three = Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`q${n + 1}`, n < 3]));
    expect((await visitor.post('/api/v1/scales/pallia-10/score', { answers: three })).body).toMatchObject({ score: 3, thresholdReached: true, version: '2' });
    expect((await visitor.get('/fhir/R4/Questionnaire/pallia-10')).body.version).toBe('2');
    const v1 = await visitor.get('/fhir/R4/Questionnaire/pallia-10/_history/1');
    expect(v1.body).toEqual(scaleToQuestionnaire(SCALES['pallia-10']));
    const history = await visitor.get('/api/v1/scales/pallia-10/versions');
    expect(history.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.body[0]).toMatchObject({ changeNote: 'Seuil de test', createdByEmail: 'editrice-kit@example.org' });
    const audit = await t.query("SELECT 1 FROM audit_event WHERE action = 'scale.version_imported' AND object_id = 'pallia-10'");
    expect(audit).toHaveLength(1);
  });

  it('linkIds are stable: dropping a question is refused; a malformed Questionnaire names the problem', async () => {
    const q = (await visitor.get('/fhir/R4/Questionnaire/algoplus')).body;
    const dropped = { ...q, item: q.item.slice(1) };
    const res = await fhirPut(editor, 'algoplus', dropped);
    // A FHIR answer: an OperationOutcome, the field at fault in the issue's expression.
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].diagnostics).toContain('visage');
    const wrong = await fhirPut(editor, 'algoplus', { resourceType: 'Patient' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issue[0].expression).toEqual(['resourceType']);
    const otherId = await fhirPut(editor, 'algoplus', { ...q, id: 'dn4' });
    expect(otherId.body.issue[0].expression).toEqual(['id']);
  });
});
