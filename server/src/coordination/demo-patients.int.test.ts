import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { startTestPlatform, type TestPlatform } from '../test/harness';
import { DEMO_PATIENT_IDS } from './demo-patients';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ DEMO_DATA: 'true' });
});
afterAll(async () => t?.stop());

it('gives the demo GP, nurse and EMSP member fictional patients in their circles, and no one else', async () => {
  const gp = t.client();
  await gp.login('medecin-traitant@example.org', DEMO_PASSWORD);
  const mine = await gp.get('/api/v1/patients');
  expect(mine.body.map((p: { lastName: string }) => p.lastName)).toEqual(['Exemple (démo)', 'Fictif (démo)', 'Parcours (démo)']);
  expect(mine.body.every((p: { isDemo: boolean }) => p.isDemo)).toBe(true);
  const emsp = t.client();
  await emsp.login('membre@example.org', DEMO_PASSWORD);
  expect((await emsp.get(`/api/v1/patients/${DEMO_PATIENT_IDS.henri}`)).status).toBe(200);
  expect((await emsp.get(`/api/v1/patients/${DEMO_PATIENT_IDS.jeanne}`)).status).toBe(404);
  const admin = t.client();
  await admin.login('admin@example.org', DEMO_PASSWORD);
  expect((await admin.get(`/api/v1/patients/${DEMO_PATIENT_IDS.jeanne}`)).status).toBe(404);
});
