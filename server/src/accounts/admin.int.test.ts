import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestPlatform } from '../test/harness';

let t: TestPlatform;
let admin: { id: string; email: string; password: string };
beforeAll(async () => {
  t = await startTestPlatform();
  admin = await createUser(t, { email: 'admin@example.org', roles: [{ role: 'admin' }] });
});
afterAll(async () => t?.stop());

describe('admin: users and roles', () => {
  it('only an admin lists users; a coordinator gets 403 and a visitor 401', async () => {
    const coord = await createUser(t, { email: 'coord@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:73' }] });
    expect((await t.client().get('/api/v1/admin/users')).status).toBe(401);
    const c = t.client();
    await c.login(coord.email, coord.password);
    expect((await c.get('/api/v1/admin/users')).status).toBe(403);
    expect((await c.get('/api/v1/admin/audit')).status).toBe(403);
    const a = t.client();
    await a.login(admin.email, admin.password);
    const list = await a.get('/api/v1/admin/users?q=coord');
    expect(list.status).toBe(200);
    expect(list.body.users).toHaveLength(1);
    expect(list.body.users[0].roles[0]).toMatchObject({ role: 'territory_coordinator', scope: 'dep:73', scopeLabel: 'Savoie (73)' });
  });

  it('grants and revokes scoped roles, validating the scope, with audit events', async () => {
    const u = await createUser(t, { email: 'futur-coord@example.org' });
    const a = t.client();
    await a.login(admin.email, admin.password);
    const missing = await a.post(`/api/v1/admin/users/${u.id}/roles`, { role: 'territory_coordinator' });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('scope');
    const wrongDep = await a.post(`/api/v1/admin/users/${u.id}/roles`, { role: 'territory_coordinator', scope: 'dep:99' });
    expect(wrongDep.status).toBe(400);
    const extra = await a.post(`/api/v1/admin/users/${u.id}/roles`, { role: 'admin', scope: 'dep:06' });
    expect(extra.status).toBe(400);
    const ok = await a.post(`/api/v1/admin/users/${u.id}/roles`, { role: 'territory_coordinator', scope: 'dep:06' });
    expect(ok.status).toBe(200);
    expect(ok.body.roles).toHaveLength(1);
    const dup = await a.post(`/api/v1/admin/users/${u.id}/roles`, { role: 'territory_coordinator', scope: 'dep:06' });
    expect(dup.status).toBe(409);
    const grantId = ok.body.roles[0].id;
    const revoked = await a.delete(`/api/v1/admin/users/${u.id}/roles/${grantId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.roles).toHaveLength(0);
    const audit = await a.get(`/api/v1/admin/audit?objectId=${u.id}&action=admin.role`);
    expect(audit.body.events.map((e: { action: string }) => e.action)).toEqual(['admin.role_revoked', 'admin.role_granted']);
    expect(audit.body.events[0].actorEmail).toBe(admin.email);
  });

  it('a role granted takes effect on the next request, and a disabled user is signed out', async () => {
    const u = await createUser(t, { email: 'promu@example.org' });
    const c = t.client();
    await c.login(u.email, u.password);
    expect((await c.get('/api/v1/admin/users')).status).toBe(403);
    const a = t.client();
    await a.login(admin.email, admin.password);
    await a.post(`/api/v1/admin/users/${u.id}/roles`, { role: 'admin' });
    expect((await c.get('/api/v1/admin/users')).status).toBe(200);
    const other = await createUser(t, { email: 'desactive@example.org' });
    const o = t.client();
    await o.login(other.email, other.password);
    expect((await a.post(`/api/v1/admin/users/${other.id}/disable`)).body.disabled).toBe(true);
    expect((await o.get('/api/v1/me')).status).toBe(401);
    expect((await o.login(other.email, other.password)).status).toBe(403);
    expect((await a.post(`/api/v1/admin/users/${admin.id}/disable`)).status).toBe(409);
  });

  it('filters the audit log by date and rejects a malformed date naming the field', async () => {
    const a = t.client();
    await a.login(admin.email, admin.password);
    const future = await a.get('/api/v1/admin/audit?from=2999-01-01T00:00:00Z');
    expect(future.body.total).toBe(0);
    const bad = await a.get('/api/v1/admin/audit?from=hier');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('from');
    const bogusId = await a.post('/api/v1/admin/users/pas-un-uuid/disable');
    expect(bogusId.status).toBe(400);
    expect(bogusId.body.field).toBe('id');
  });
});
