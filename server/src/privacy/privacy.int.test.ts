import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/seed/demo';
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

describe('delete my account, across the domains', () => {
  it('keeps what was written for others under the pseudonym, and frees or erases what was the person’s own', async () => {
    const d = await startTestPlatform({ DEMO_DATA: 'true', QUEUE_ENABLED: 'false' });
    try {
      const u = await createUser(d, { email: 'partante@example.org' });
      const waiting = await createUser(d, { email: 'en-attente@example.org' });
      const c = d.client();
      await c.login(u.email, u.password);
      // Forum: enrolled in the demo course, writes a reply and follows the thread.
      const [thread] = await d.query<{ id: string; course_id: string }>('SELECT id, course_id FROM forum_thread ORDER BY created_at LIMIT 1');
      const [session] = await d.query<{ id: string }>('SELECT id FROM course_session WHERE course_id = $1 ORDER BY ends_at DESC LIMIT 1', [thread.course_id]);
      await d.query("INSERT INTO enrolment (session_id, user_id, status) VALUES ($1, $2, 'enrolled')", [session.id, u.id]);
      const reply = await c.post(`/api/v1/forum/threads/${thread.id}/replies`, { body: 'Mon retour d’expérience' });
      expect(reply.status).toBe(201);
      expect(await d.query('SELECT 1 FROM forum_follow WHERE user_id = $1', [u.id])).not.toHaveLength(0);
      // Events: the last seat of a date to come, with someone waiting behind; a private calendar feed.
      const [occ] = await d.query<{ id: string }>("SELECT o.id FROM event_occurrence o JOIN event e ON e.id = o.event_id WHERE o.starts_at > now() AND e.status = 'published' ORDER BY o.starts_at LIMIT 1");
      await d.query('UPDATE event SET seat_cap = 1 WHERE id = (SELECT event_id FROM event_occurrence WHERE id = $1)', [occ.id]);
      expect((await c.post(`/api/v1/occurrences/${occ.id}/registration`, {})).status).toBe(201);
      const w = d.client();
      await w.login(waiting.email, waiting.password);
      expect((await w.post(`/api/v1/occurrences/${occ.id}/registration`, {})).body.status).toBe('waiting');
      expect((await c.post('/api/v1/me/events/feed', {})).status).toBe(201);
      // Coordination: in a patient's circle, writes a note.
      const patient = '00000000-0000-4000-8000-0000000d0001';
      await d.query("INSERT INTO care_circle_member (patient_id, kind, circle_role, user_id) VALUES ($1, 'professional', 'nurse', $2)", [patient, u.id]);
      expect((await c.post(`/api/v1/patients/${patient}/entries`, { kind: 'note', body: 'Douleur bien calmée ce matin.' })).status).toBe(201);
      await d.query("INSERT INTO notification (user_id, kind, title, link) VALUES ($1, 'test', 'Une notification', '/')", [u.id]);

      const exported = (await c.get('/api/v1/me/data-export')).body;
      expect(exported.forum.messages).toEqual([expect.objectContaining({ texte: 'Mon retour d’expérience' })]);
      expect(exported.evenements.inscriptions).toHaveLength(1);
      expect(exported.evenements.fluxAgendaPersonnel).toHaveLength(1);
      expect(JSON.stringify(exported.evenements)).not.toMatch(/token/);
      expect(exported.notifications.notifications).toHaveLength(1);
      // The note is listed, its content is not: it is the patient's record, read in the file by the circle.
      expect(exported.coordinationPatients.notesEcrites).toEqual([expect.objectContaining({ patient_id: patient, kind: 'note' })]);
      expect(JSON.stringify(exported)).not.toContain('Douleur bien calmée');

      expect((await c.post('/api/v1/me/delete', { password: u.password, confirmation: 'SUPPRIMER' })).status).toBe(204);

      // The reply is still in the thread, signed with the pseudonym.
      const admin = d.client();
      await admin.login('admin@example.org', DEMO_PASSWORD);
      const shown = await admin.get(`/api/v1/forum/threads/${thread.id}`);
      const mine = JSON.stringify(shown.body);
      expect(mine).toContain('Mon retour d’expérience');
      expect(mine).toContain(`Ancien membre ${u.id.slice(0, 8).toUpperCase()}`);
      expect(mine).not.toContain('partante');
      expect(await d.query('SELECT 1 FROM forum_follow WHERE user_id = $1', [u.id])).toHaveLength(0);
      // The seat went to the person waiting; the feed token and the notifications are gone.
      const regs = await d.query<{ user_id: string; status: string }>('SELECT user_id, status FROM event_registration WHERE occurrence_id = $1 ORDER BY created_at', [occ.id]);
      expect(regs).toEqual([
        { user_id: u.id, status: 'withdrawn' },
        { user_id: waiting.id, status: 'enrolled' },
      ]);
      expect(await d.query('SELECT 1 FROM event_feed_token WHERE user_id = $1', [u.id])).toHaveLength(0);
      expect(await d.query('SELECT 1 FROM notification WHERE user_id = $1', [u.id])).toHaveLength(0);
      // The note stays in the patient's record; the person has left the circle.
      expect(await d.query('SELECT 1 FROM patient_entry WHERE author_id = $1', [u.id])).toHaveLength(1);
      expect(await d.query('SELECT 1 FROM care_circle_member WHERE user_id = $1 AND removed_at IS NULL', [u.id])).toHaveLength(0);
    } finally {
      await d.stop();
    }
  }, 120_000);
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
