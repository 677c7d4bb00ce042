import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestPlatform } from '../test/harness';

/** Sessions end: after SESSION_DAYS without use, a cookie opens nothing; use keeps it alive (sliding). */
const START = new Date('2026-11-22T08:00:00.000Z');
const DAY = 86_400_000;
let clock = START;
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ SESSION_DAYS: '14' }, { now: () => clock });
});
afterAll(async () => t?.stop());

describe('session lifetime', () => {
  it('expires a session left unused for longer than SESSION_DAYS', async () => {
    clock = START;
    const u = await createUser(t, { email: 'session-oubliee@example.org' });
    const c = t.client();
    expect((await c.login(u.email, u.password)).status).toBe(200);
    clock = new Date(START.getTime() + 13 * DAY);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    // 13 days later plus 15 without a visit: gone, and the session row is no use to a thief either.
    clock = new Date(START.getTime() + 28 * DAY + 60_000);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('keeps a session alive while it is used (sliding expiry)', async () => {
    clock = START;
    const u = await createUser(t, { email: 'session-active@example.org' });
    const c = t.client();
    await c.login(u.email, u.password);
    for (let day = 10; day <= 40; day += 10) {
      clock = new Date(START.getTime() + day * DAY);
      expect((await c.get('/api/v1/me')).status, `jour ${day}`).toBe(200);
    }
  });

  it('ends every session of an account when its password changes, except the one that changed it', async () => {
    clock = START;
    const u = await createUser(t, { email: 'session-multiple@example.org' });
    const phone = t.client();
    const desk = t.client();
    await phone.login(u.email, u.password);
    await desk.login(u.email, u.password);
    const res = await desk.post('/api/v1/me/password', { currentPassword: u.password, newPassword: 'un-tout-nouveau-secret-2026' });
    expect(res.status).toBe(200);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await desk.get('/api/v1/me')).status).toBe(200);
  });
});
