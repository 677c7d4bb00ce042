import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { startTestPlatform, type TestPlatform } from '../../test/harness';
import { DEMO_PATHWAY_PATIENT_ID } from './demo-pathway';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ DEMO_DATA: 'true' });
});
afterAll(async () => t?.stop());

it('shows the demo GP a fictional pathway like seed 002: USP stays, monthly day hospital, RCP, HAD at the end', async () => {
  const gp = t.client();
  expect((await gp.login('medecin-traitant@example.org', DEMO_PASSWORD)).status).toBe(200);
  const pathway = await gp.get(`/api/v1/patients/${DEMO_PATHWAY_PATIENT_ID}/pathway`);
  expect(pathway.status).toBe(200);
  const sources = pathway.body.map((e: { source: string; title: string }) => `${e.source}:${e.title.split(' :')[0]}`);
  expect(sources[0]).toBe('place:Domicile');
  expect(sources.filter((s: string) => s === 'place:Hôpital de jour')).toHaveLength(5);
  expect(sources.slice(-2)).toEqual(['place:Hospitalisation à domicile (HAD)', 'dormant:Dossier dormant HAD activé']);
  expect(sources).toContain('rcp:Discuté en Mini-RCP flash Savoie (démo)');
  expect(sources.indexOf('dormant:Dossier dormant HAD préparé')).toBeLessThan(sources.indexOf('dormant:Dossier dormant HAD activé'));
  const evaluations = await gp.get(`/api/v1/patients/${DEMO_PATHWAY_PATIENT_ID}/evaluations`);
  expect(evaluations.body.series.find((s: { linkId: string }) => s.linkId === 'score').points.map((p: { value: number }) => p.value)).toEqual([6, 4, 7]);
  const admin = t.client();
  await admin.login('admin@example.org', DEMO_PASSWORD);
  expect((await admin.get(`/api/v1/patients/${DEMO_PATHWAY_PATIENT_ID}/pathway`)).status).toBe(404);
});
