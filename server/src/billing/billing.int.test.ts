import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BILLING_CODES } from '@palliance/core';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';

let t: TestPlatform;
let editor: TestClient;
let gp: TestClient;
let visitor: TestClient;

async function signIn(u: { email: string; password: string }): Promise<TestClient> {
  const c = t.client();
  const res = await c.login(u.email, u.password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return c;
}

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => new Date('2026-11-22T10:00:00.000Z') });
  editor = await signIn(await createUser(t, { email: 'editeur-memo@example.org', roles: [{ role: 'content_editor' }] }));
  gp = await signIn(await createUser(t, { email: 'medecin-memo@example.org', profession: 'medecin_generaliste' }));
  visitor = t.client();
});
afterAll(async () => t?.stop());

const gpQuestion = { profession: 'medecin', patient: { palliative: true, age: 70 }, act: { homeVisit: true, treatingGp: true } };

describe('billing memo', () => {
  it('the seeded memo: every code with its sources; eligibility for a GP cites them', async () => {
    const memo = await visitor.get('/api/v1/billing/codes');
    expect(memo.body.version).toBe(1);
    expect(memo.body.codes.map((c: { code: string }) => c.code)).toEqual(['VSP', 'VL', 'MCI', 'PLL', 'BSI', 'MD']);
    const res = await visitor.post('/api/v1/billing/eligibility', gpQuestion);
    const vsp = res.body.answers.find((a: { code: string }) => a.code === 'VSP');
    expect(vsp).toMatchObject({ verdict: 'applicable', amount: '60 €' });
    expect(vsp.sources[0]).toContain('Corpalif');
  });

  it('editors publish a version; the helper answers with it; others may not; a stale edit is refused; history kept', async () => {
    const codes = BILLING_CODES.map((c) => (c.code === 'VSP' ? { ...c, amount: '60 € (montant vérifié, test)' } : c));
    expect((await gp.put('/api/v1/billing/codes', { codes, baseVersion: 1 })).status).toBe(403);
    expect((await visitor.put('/api/v1/billing/codes', { codes, baseVersion: 1 })).status).toBe(401);
    const missing = await editor.put('/api/v1/billing/codes', { codes: codes.slice(1), baseVersion: 1 });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('VSP');

    const published = await editor.put('/api/v1/billing/codes', { codes, baseVersion: 1, changeNote: 'Montant vérifié' });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(2);
    expect((await editor.put('/api/v1/billing/codes', { codes, baseVersion: 1, changeNote: 'Montant vérifié' })).status).toBe(200);
    expect((await editor.put('/api/v1/billing/codes', { codes: BILLING_CODES, baseVersion: 1 })).status).toBe(409);

    const res = await visitor.post('/api/v1/billing/eligibility', gpQuestion);
    expect(res.body.version).toBe(2);
    expect(res.body.answers.find((a: { code: string }) => a.code === 'VSP').amount).toBe('60 € (montant vérifié, test)');
    const history = await visitor.get('/api/v1/billing/versions');
    expect(history.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.body[0]).toMatchObject({ changeNote: 'Montant vérifié', createdByEmail: 'editeur-memo@example.org' });
    const audit = await t.query("SELECT 1 FROM audit_event WHERE action = 'billing_memo.version_published'");
    expect(audit).toHaveLength(1);
  });
});
