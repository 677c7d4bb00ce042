import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestPlatform } from '../test/harness';
import { purgeOldAuditEvents } from './audit-retention';
import { personalDataSources } from './personal-data';

const NOW = new Date('2026-11-22T10:00:00.000Z');
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ AUDIT_RETENTION_DAYS: '365' }, { now: () => NOW });
});
afterAll(async () => t?.stop());

describe('download my data', () => {
  it('gives the signed-in person everything kept about them, as a JSON attachment, and audits it', async () => {
    const u = await createUser(t, { email: 'mes-donnees@example.org', roles: [{ role: 'teacher', scope: '00000000-0000-0000-0000-000000000001' }] });
    const c = t.client();
    expect((await c.login(u.email, u.password)).status).toBe(200);
    const res = await c.get('/api/v1/me/data-export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="palliance-mes-donnees-2026-11-22\.json"/);
    expect(res.body.compte.email).toBe('mes-donnees@example.org');
    expect(res.body.roles).toEqual([expect.objectContaining({ role: 'teacher' })]);
    expect(res.body.sessions).toHaveLength(1);
    expect(res.body.journalDeMesActions.some((e: { action: string }) => e.action === 'auth.login')).toBe(true);
    const audit = await t.query("SELECT 1 FROM audit_event WHERE action = 'account.data_exported' AND actor_id = $1", [u.id]);
    expect(audit).toHaveLength(1);
  });

  it('is refused to a visitor', async () => {
    expect((await t.client().get('/api/v1/me/data-export')).status).toBe(401);
  });

  it('covers every table that points at a person', async () => {
    // A new table with a user column and no source here would escape both the export and the deletion.
    const fks = await t.query<{ table: string }>(
      `SELECT DISTINCT c.conrelid::regclass::text AS table
         FROM pg_constraint c WHERE c.contype = 'f' AND c.confrelid = 'app_user'::regclass ORDER BY 1`,
    );
    const covered = new Set(personalDataSources.flatMap((s) => s.tables));
    expect(fks.map((f) => f.table).filter((tbl) => !covered.has(tbl))).toEqual([]);
  });
});

describe('delete my account', () => {
  it('asks for the password and the confirmation word, and changes nothing when either is wrong', async () => {
    const u = await createUser(t, { email: 'hesite@example.org' });
    const c = t.client();
    await c.login(u.email, u.password);
    const wrong = await c.post('/api/v1/me/delete', { password: 'pas-le-bon', confirmation: 'SUPPRIMER' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('password');
    const noWord = await c.post('/api/v1/me/delete', { password: u.password, confirmation: 'oui' });
    expect(noWord.status).toBe(400);
    expect(noWord.body.field).toBe('confirmation');
    expect(noWord.body.message).toMatch(/SUPPRIMER/);
    expect((await c.get('/api/v1/me')).status).toBe(200);
  });

  it('removes identity, sessions and roles, keeps a pseudonymous row and the audit trail, and frees the address', async () => {
    const u = await createUser(t, { email: 'depart@example.org', roles: [{ role: 'content_editor' }] });
    const c = t.client();
    await c.login(u.email, u.password);
    const other = t.client();
    await other.login(u.email, u.password);

    const res = await c.post('/api/v1/me/delete', { password: u.password, confirmation: 'SUPPRIMER' });
    expect(res.status).toBe(204);
    // Every session ends, not only this one; the credentials no longer open anything.
    expect((await c.get('/api/v1/me')).status).toBe(401);
    expect((await other.get('/api/v1/me')).status).toBe(401);
    expect((await t.client().login(u.email, u.password)).status).not.toBe(200);

    const [row] = await t.query<Record<string, unknown>>('SELECT * FROM app_user WHERE id = $1', [u.id]);
    expect(row.first_name).toBe('Ancien membre');
    expect(row.email).not.toContain('depart@');
    expect(row.password_hash).toBeNull();
    expect(row.deleted_at).not.toBeNull();
    expect(await t.query('SELECT 1 FROM role_grant WHERE user_id = $1', [u.id])).toHaveLength(0);
    expect(await t.query("SELECT 1 FROM audit_event WHERE actor_id = $1 AND action IN ('auth.login', 'account.deleted')", [u.id])).toHaveLength(3);

    // The address can open a new account.
    const again = await t.client().post('/api/v1/auth/register', {
      email: 'depart@example.org',
      password: 'un-nouveau-mot-de-passe-2026',
      firstName: 'Nouvelle',
      lastName: 'Inscription',
      profession: 'infirmier',
      practiceMode: 'liberal',
      departement: '06',
      acceptTerms: true,
    });
    expect([201, 400]).toContain(again.status);
    if (again.status === 400) throw new Error(`inscription refusée : ${JSON.stringify(again.body)}`);
  });
});

describe('audit retention', () => {
  it('purges only events older than AUDIT_RETENTION_DAYS, says how many, and nothing else may delete', async () => {
    await t.query(`INSERT INTO audit_event (at, action, object_type) VALUES ($1, 'test.ancien', 'x'), ($2, 'test.recent', 'x')`, [
      new Date(NOW.getTime() - 400 * 86_400_000).toISOString(),
      new Date(NOW.getTime() - 10 * 86_400_000).toISOString(),
    ]);
    await expect(t.query("DELETE FROM audit_event WHERE action = 'test.recent'")).rejects.toThrow(/append-only/);
    const purged = await purgeOldAuditEvents(t.platform.deps);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await t.query("SELECT 1 FROM audit_event WHERE action = 'test.ancien'")).toHaveLength(0);
    expect(await t.query("SELECT 1 FROM audit_event WHERE action = 'test.recent'")).toHaveLength(1);
    const [event] = await t.query<{ details: { count: number } }>("SELECT details FROM audit_event WHERE action = 'audit.purged'");
    expect(event.details.count).toBe(purged);
    await expect(t.query("DELETE FROM audit_event WHERE action = 'test.recent'")).rejects.toThrow(/append-only/);
  });
});
