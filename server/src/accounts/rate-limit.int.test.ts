import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../test/harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ RATE_LIMIT_AUTH_PER_MINUTE: '3' });
});
afterAll(async () => t?.stop());

it('slows down repeated login, registration and reset attempts from one address', async () => {
  const c = t.client();
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await c.login('personne@example.org', 'nimporte-quoi')).status);
  expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
  expect(statuses[4]).toBe(429);
  const limited = await c.login('personne@example.org', 'nimporte-quoi');
  expect(limited.body.code).toBe('too_many_requests');
  expect(limited.body.message).toMatch(/Réessayez/);
  for (let i = 0; i < 4; i++) await c.post('/api/v1/auth/password-reset/request', { email: 'x@example.org' });
  expect((await c.post('/api/v1/auth/password-reset/request', { email: 'x@example.org' })).status).toBe(429);
});
