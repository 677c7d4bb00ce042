import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../test/harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.stop());

describe('GET /api/v1/communes', () => {
  it('finds Bourg-Saint-Maurice by abbreviated, accentless name first', async () => {
    const res = await t.client().get('/api/v1/communes?q=bourg%20st%20maur');
    expect(res.status).toBe(200);
    expect(res.body[0]).toEqual({ code: '73054', nom: 'Bourg-Saint-Maurice', codesPostaux: ['73700'], departement: '73', region: '84' });
  });

  it('finds it by postal code, and a postal prefix lists the communes of that area', async () => {
    const exact = await t.client().get('/api/v1/communes?q=73700');
    expect(exact.body.map((c: { nom: string }) => c.nom)).toContain('Bourg-Saint-Maurice');
    expect(exact.body.every((c: { codesPostaux: string[] }) => c.codesPostaux.includes('73700'))).toBe(true);
    const prefix = await t.client().get('/api/v1/communes?q=737&limit=50');
    expect(prefix.body.length).toBeGreaterThan(1);
    expect(prefix.body.every((c: { codesPostaux: string[] }) => c.codesPostaux.some((p) => p.startsWith('737')))).toBe(true);
  });

  it('is accent- and case-insensitive and ranks the exact name, then population', async () => {
    const res = await t.client().get('/api/v1/communes?q=SEEZ');
    expect(res.body[0].nom).toBe('Séez');
    const paris = await t.client().get('/api/v1/communes?q=paris&limit=3');
    expect(paris.body[0]).toMatchObject({ code: '75056', nom: 'Paris' });
  });

  it('matches a word inside the name', async () => {
    const res = await t.client().get('/api/v1/communes?q=maurice&limit=50');
    expect(res.body.map((c: { code: string }) => c.code)).toContain('73054');
  });

  it('covers overseas communes', async () => {
    const res = await t.client().get('/api/v1/communes?q=97400');
    expect(res.body[0]).toMatchObject({ nom: 'Saint-Denis', departement: '974' });
    const noumea = await t.client().get('/api/v1/communes?q=noumea');
    expect(noumea.body[0]).toMatchObject({ nom: 'Nouméa', departement: '988' });
  });

  it('answers 400 naming the field for an empty or oversized query', async () => {
    const empty = await t.client().get('/api/v1/communes?q=');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'invalid_input', field: 'q' });
    expect(empty.body.message).toMatch(/caractère/);
    const big = await t.client().get(`/api/v1/communes?q=${'a'.repeat(101)}`);
    expect(big.status).toBe(400);
    const limit = await t.client().get('/api/v1/communes?q=lyon&limit=abc');
    expect(limit.status).toBe(400);
    expect(limit.body.field).toBe('limit');
  });

  it('treats LIKE metacharacters as text', async () => {
    const res = await t.client().get('/api/v1/communes?q=%25%25');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('loaded every region and department, overseas included', async () => {
    const res = await t.client().get('/api/v1/territory');
    expect(res.body.regions.length).toBeGreaterThanOrEqual(18);
    const codes = res.body.departements.map((d: { code: string }) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['01', '2A', '2B', '75', '971', '972', '973', '974', '976']));
    const [{ n }] = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM commune WHERE kind = 'commune'");
    expect(n).toBeGreaterThan(34000);
  });
});

describe('platform basics', () => {
  it('GET /healthz answers 200 when the database answers', async () => {
    const res = await t.client().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('an unknown API route gets a French 404 in the error shape', async () => {
    const res = await t.client().get('/api/v1/nulle-part');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found' });
  });

  it('sends security headers with a strict CSP', async () => {
    const res = await t.client().get('/healthz');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('serves the OpenAPI description', async () => {
    const res = await t.client().get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain('/api/v1/communes');
  });
});
