import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestPlatform } from '../test/harness';

// "Who covers commune X now" is one call: without `at`, the number to call is the one of the
// server's present moment. The platform's clock is set by the test.
let clock = new Date('2026-11-21T20:00:00Z'); // Saturday 21:00 in Paris
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => clock });
  const admin = await createUser(t, { email: 'admin-now@example.org', roles: [{ role: 'admin' }] });
  const a = t.client();
  await a.login(admin.email, admin.password);
  const weekdays = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ open: '09:00', close: '17:30' }]]));
  const created = await a.post('/api/v1/structures', {
    name: 'Équipe fictive de Bourg-Saint-Maurice (test)',
    types: ['ETSP'],
    communeCode: '73054',
    postalCode: '73700',
    contacts: [
      { kind: 'secretariat_medical', value: '01 99 00 30 01', schedule: { days: weekdays, holidays: 'closed' } },
      { kind: 'appui_territorial', label: 'Nuit et week-end', value: '01 99 00 30 02', alwaysOn: true },
    ],
    openingHours: { days: weekdays, holidays: 'closed' },
    coverage: { departements: [], communes: ['73054'] },
  });
  expect(created.status).toBe(201);
});
afterAll(async () => t?.stop());

describe('GET /api/v1/coverage without a moment: the number to call now', () => {
  it('gives the night line on Saturday evening and the secretariat on Tuesday morning', async () => {
    const saturday = await t.client().get('/api/v1/coverage?commune=73054');
    expect(saturday.status).toBe(200);
    expect(saturday.body.at).toBe(clock.toISOString());
    expect(saturday.body.commune).toMatchObject({ code: '73054', departement: '73' });
    expect(saturday.body.groups[0]).toMatchObject({ type: 'ETSP' });
    expect(saturday.body.groups[0].structures[0].call).toMatchObject({ number: '01 99 00 30 02', reason: 'ligne_nuit_weekend' });

    clock = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Paris
    const tuesday = await t.client().get('/api/v1/coverage?commune=73054');
    expect(tuesday.body.at).toBe(clock.toISOString());
    expect(tuesday.body.groups[0].structures[0].call).toMatchObject({ number: '01 99 00 30 01', reason: 'horaires_ouverture' });
  });
});
