import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../test/harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ MAP_TILE_URL: 'https://tuiles.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© contributeurs' });
});
afterAll(async () => t?.stop());

it('offers the configured tile source to the web app and lets its images through the CSP', async () => {
  const res = await t.client().get('/api/v1/public-config');
  expect(res.body).toEqual({ mapTiles: { url: 'https://tuiles.example.org/{z}/{x}/{y}.png', attribution: '© contributeurs' } });
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/img-src 'self' data: https:\/\/tuiles\.example\.org/);
  expect(csp).toContain("connect-src 'self'");
});
