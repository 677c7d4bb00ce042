import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestPlatform } from '../test/harness';
import { sendStaleReminders } from './stale-reminders';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.stop());

it('mails the managers of entries unconfirmed for six months, once a month at most', async () => {
  const admin = await createUser(t, { email: 'admin@example.org', roles: [{ role: 'admin' }] });
  const a = t.client();
  await a.login(admin.email, admin.password);
  const body = (name: string) => ({
    name,
    types: ['HAD'],
    communeCode: '73054',
    postalCode: '73700',
    contacts: [{ kind: 'accueil', value: '01 99 00 30 01', alwaysOn: false }],
    coverage: { departements: ['73'], communes: [] },
  });
  const old = (await a.post('/api/v1/structures', body('HAD ancienne'))).body;
  const fresh = (await a.post('/api/v1/structures', body('HAD récente'))).body;
  await t.query("UPDATE structure SET confirmed_at = now() - interval '200 days' WHERE id = $1", [old.id]);
  await createUser(t, { email: 'gestion@example.org', roles: [{ role: 'structure_manager', scope: old.id }, { role: 'structure_manager', scope: fresh.id }] });

  const first = await sendStaleReminders(t.platform.deps);
  expect(first).toEqual({ structures: 1, mails: 1 });
  const mail = await t.waitForMail('gestion@example.org');
  expect(mail.subject).toBe('Une fiche de l’annuaire est à vérifier');
  expect(mail.text).toContain('HAD ancienne');
  expect(mail.text).not.toContain('HAD récente');
  expect(mail.text).toContain(`/annuaire/structures/${old.id}`);

  expect(await sendStaleReminders(t.platform.deps)).toEqual({ structures: 0, mails: 0 });
});
