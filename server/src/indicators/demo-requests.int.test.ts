import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { startTestPlatform, type TestPlatform } from '../test/harness';
import { seedDemoIndicatorRequests } from './demo-requests';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ DEMO_DATA: 'true' }, { now: () => new Date('2026-11-20T12:00:00Z') });
}, 120_000);
afterAll(async () => t?.stop());

it('feeds the demo dashboards with past fictional requests, once, in no one’s patient list', async () => {
  const coord = t.client();
  expect((await coord.login('coordinatrice@example.org', DEMO_PASSWORD)).status).toBe(200);
  const savoie = await coord.get('/api/v1/indicators?territory=dep:73&period=2026-T4');
  expect(savoie.body.detail).toBe('full');
  const within = savoie.body.indicators.find((i: { id: string }) => i.id === 'answered_within_48h');
  expect(within.series.filter((s: { status: string }) => s.status === 'ok').length).toBeGreaterThanOrEqual(4);
  const herault = await t.client().get('/api/v1/indicators?territory=dep:34&period=2026-10');
  const liberal = herault.body.indicators.find((i: { id: string }) => i.id === 'liberal_share');
  expect(liberal.series.filter((s: { status: string; value: number | null }) => s.status === 'ok' && s.value! > 0).length).toBeGreaterThanOrEqual(6);

  expect(await seedDemoIndicatorRequests(t.platform.deps.handle)).toBe(false);
  const gp = t.client();
  await gp.login('medecin-traitant@example.org', DEMO_PASSWORD);
  expect((await gp.get('/api/v1/patients')).body.map((p: { lastName: string }) => p.lastName)).toEqual(['Exemple (démo)', 'Fictif (démo)', 'Parcours (démo)']);
});
