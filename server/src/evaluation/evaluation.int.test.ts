import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionnaireToScale, SCALES } from '@palliance/core';
import { startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';

const NOW = new Date('2026-11-22T10:00:00.000Z');
let t: TestPlatform;
let visitor: TestClient;

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => NOW });
  visitor = t.client();
});
afterAll(async () => t?.stop());

const pallia = (yes: number) => Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`q${n + 1}`, n < yes]));

describe('score endpoint (no account, nothing stored)', () => {
  it('Algoplus 2 = pain, 1 = not', async () => {
    const two = await visitor.post('/api/v1/scales/algoplus/score', { answers: { visage: true, regard: true, plaintes: false, corps: false, comportements: false } });
    expect(two.status).toBe(200);
    expect(two.body).toMatchObject({ score: 2, thresholdReached: true });
    expect(two.body.interpretation).toContain('douleur');
    expect(two.headers.get('cache-control')).toBe('no-store');
    const one = await visitor.post('/api/v1/scales/algoplus/score', { answers: { visage: true, regard: false, plaintes: false, corps: false, comportements: false } });
    expect(one.body).toMatchObject({ score: 1, thresholdReached: false });
  });

  it('Pallia 10: q1 = no needs nothing else; 4 yes reaches the threshold', async () => {
    const gated = await visitor.post('/api/v1/scales/pallia-10/score', { answers: { q1: false } });
    expect(gated.body).toMatchObject({ score: 0, thresholdReached: false });
    const over = await visitor.post('/api/v1/scales/pallia-10/score', { answers: pallia(4) });
    expect(over.body).toMatchObject({ score: 4, thresholdReached: true });
  });

  it('works for a script without Origin header', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/scales/rass/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers: { niveau: -2 } }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ score: -2, thresholdReached: false });
  });

  it('400 in French naming the linkId; 404 for an unknown scale', async () => {
    const range = await visitor.post('/api/v1/scales/en/score', { answers: { intensite: 12 } });
    expect(range.status).toBe(400);
    expect(range.body.field).toBe('answers.intensite');
    expect(range.body.message).toContain('entre 0 et 10');
    const type = await visitor.post('/api/v1/scales/dn4/score', { answers: { ...Object.fromEntries(SCALES.dn4.items.map((i) => [i.linkId, false])), brulure: 'oui' } });
    expect(type.status).toBe(400);
    expect(type.body.field).toBe('answers.brulure');
    const missing = await visitor.post('/api/v1/scales/algoplus/score', { answers: { visage: true } });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('regard');
    const unknownItem = await visitor.post('/api/v1/scales/en/score', { answers: { intensite: 3, humeur: 2 } });
    expect(unknownItem.body.field).toBe('answers.humeur');
    const notObject = await visitor.post('/api/v1/scales/en/score', { answers: [1] });
    expect(notObject.status).toBe(400);
    const unknown = await visitor.post('/api/v1/scales/borg/score', { answers: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('borg');
  });

  it('stores nothing (no table changes)', async () => {
    const before = await t.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_event');
    await visitor.post('/api/v1/scales/en/score', { answers: { intensite: 3 } });
    const after = await t.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_event');
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('FHIR Questionnaire', () => {
  it('every scale is served as a Questionnaire that imports back to the same scale', async () => {
    for (const id of Object.keys(SCALES)) {
      const res = await visitor.get(`/fhir/R4/Questionnaire/${id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/fhir+json');
      expect(res.body).toMatchObject({ resourceType: 'Questionnaire', id, status: 'active' });
      expect(questionnaireToScale(res.body)).toEqual(SCALES[id as keyof typeof SCALES]);
    }
    const pallia10 = await visitor.get('/fhir/R4/Questionnaire/pallia-10');
    expect(pallia10.body.item.map((i: { linkId: string }) => i.linkId)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10']);
    expect(pallia10.body.item[6].extension).toContainEqual(expect.objectContaining({ url: 'urn:palliance:fhir:unconfirmed' }));
    expect((await visitor.get('/fhir/R4/Questionnaire/inconnue')).status).toBe(404);
    const all = await visitor.get('/fhir/R4/Questionnaire');
    expect(all.body.total).toBe(9);
  });
  it('lists the scales for the UI', async () => {
    const res = await visitor.get('/api/v1/scales');
    expect(res.body.map((s: { id: string }) => s.id)).toEqual(['esas-r', 'pallia-10', 'algoplus', 'en', 'eva', 'evs', 'dn4', 'rass', 'ps-oms']);
    const definitions = await visitor.get('/api/v1/scales/definitions');
    expect(definitions.body.find((s: { id: string }) => s.id === 'algoplus')).toEqual(SCALES.algoplus);
    const points = await visitor.get('/api/v1/scales/unconfirmed');
    expect(points.body).toContainEqual(expect.objectContaining({ scaleId: 'pallia-10', linkId: 'q10' }));
  });
});

describe('standard sheet', () => {
  const sheet = {
    scales: [
      { scaleId: 'en', answers: { intensite: 6 } },
      { scaleId: 'pallia-10', answers: pallia(5) },
    ],
    pps: 40,
    patientLabel: 'M. D. (exemple)',
    evaluator: 'Dr Exemple',
  };
  it('recomputes scores, gives the MCI justification and a QuestionnaireResponse bundle', async () => {
    const res = await visitor.post('/api/v1/evaluations/sheet', sheet);
    expect(res.status).toBe(200);
    expect(res.body.results[1]).toMatchObject({ scaleId: 'pallia-10', score: 5, thresholdReached: true });
    expect(res.body.mciJustification).toContain('PALLIA 10');
    expect(res.body.fhir.entry[1].resource).toMatchObject({ resourceType: 'QuestionnaireResponse', questionnaire: 'urn:palliance:questionnaire:pallia-10|1', status: 'completed' });
  });
  it('PDF and FHIR download', async () => {
    const pdf = await fetch(`${t.baseUrl}/api/v1/evaluations/sheet.pdf`, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.baseUrl }, body: JSON.stringify(sheet) });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const fhir = await visitor.post('/api/v1/evaluations/sheet.fhir.json', sheet);
    expect(fhir.headers.get('content-disposition')).toContain('attachment');
    expect(fhir.body.resourceType).toBe('Bundle');
  });
  it('a bad answer in the second scale names it', async () => {
    const res = await visitor.post('/api/v1/evaluations/sheet', { scales: [{ scaleId: 'en', answers: { intensite: 6 } }, { scaleId: 'algoplus', answers: { visage: 2 } }] });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('scales.1.answers.visage');
    const pps = await visitor.post('/api/v1/evaluations/sheet', { ...sheet, pps: 45 });
    expect(pps.status).toBe(400);
    expect(pps.body.message).toContain('10 %');
  });
});
