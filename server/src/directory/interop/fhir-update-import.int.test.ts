import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestClient, type TestPlatform } from '../../test/harness';
import { seedDirectory, signIn, type SeededDirectory } from './interop-fixtures';

let t: TestPlatform;
let admin: TestClient;
let seeded: SeededDirectory;

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await signIn(t, 'admin-fhir-upd@example.org', [{ role: 'admin' }]);
  seeded = await seedDirectory(t, admin);
});
afterAll(async () => t?.stop());

const FHIR = { 'content-type': 'application/fhir+json' };
const post = (bundle: unknown, query: string) => admin.post(`/fhir/R4?mode=update${query}`, bundle, FHIR);
const exportBundle = async () => {
  const res = await t.client().get('/fhir/R4/$export-directory');
  expect(res.status).toBe(200);
  return res.body;
};
const allVersions = async () => (await t.query<{ v: string }>('SELECT sum(version)::text AS v FROM structure'))[0].v;
type Resource = { resourceType: string; id: string; telecom?: { system: string; value: string }[]; name?: string };
const orgOf = (bundle: { entry: { resource: Resource }[] }, id: string) =>
  bundle.entry.find((e) => e.resource.resourceType === 'Organization' && e.resource.id === id)!.resource;

describe('FHIR Bundle import updating existing entries (?mode=update)', () => {
  it('re-importing an unchanged export updates nothing', async () => {
    const bundle = await exportBundle();
    const before = await allVersions();
    const dry = await post(bundle, '&dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body.resourceType).toBe('OperationOutcome');
    expect(dry.body.issue[0].diagnostics).toMatch(/^Simulation : 0 création, 0 mise à jour, \d+ inchangées/);
    expect(dry.body.issue.slice(1).every((i: { diagnostics: string }) => /Inchangée\.$/.test(i.diagnostics))).toBe(true);

    const applied = await post(bundle, '');
    expect(applied.status).toBe(200);
    expect(applied.body.type).toBe('transaction-response');
    expect(applied.body.entry.every((e: { response: { status: string } }) => e.response.status === '200 OK')).toBe(true);
    expect(await allVersions()).toBe(before);
  });

  it('a changed phone is one update, kept in the entry history', async () => {
    const bundle = await exportBundle();
    const id = seeded.ids.etsp;
    const org = orgOf(bundle, id);
    const phone = org.telecom!.find((x) => x.system === 'phone')!;
    phone.value = '01 99 00 09 09';
    const v = (await t.client().get(`/api/v1/structures/${id}`)).body.version;

    const dry = await post(bundle, '&dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body.issue[0].diagnostics).toMatch(/0 création, 1 mise à jour/);
    expect(dry.body.issue.find((i: { diagnostics: string }) => i.diagnostics.includes('Mise à jour (contacts)'))).toBeTruthy();
    expect((await t.client().get(`/api/v1/structures/${id}`)).body.version).toBe(v);

    const applied = await post(bundle, '');
    expect(applied.status).toBe(200);
    expect(applied.body.entry).toContainEqual({ response: { status: '200 OK', location: `Organization/${id}/_history/${v + 1}` } });
    const page = (await t.client().get(`/api/v1/structures/${id}`)).body;
    expect(page.contacts.map((c: { value: string }) => c.value)).toContain('01 99 00 09 09');
    const history = (await t.client().get(`/api/v1/structures/${id}/versions`)).body;
    expect(history[0]).toMatchObject({ version: v + 1, changeKind: 'update-fhir', changedFields: ['contacts'] });
    const audit = await t.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_event WHERE action = 'directory.imported' ORDER BY id DESC LIMIT 1");
    expect(audit[0].details).toMatchObject({ format: 'fhir', mode: 'update', updated: 1 });
  });

  it('one bad entry: a 400 OperationOutcome naming it, and nothing written', async () => {
    const bundle = await exportBundle();
    const etsp = orgOf(bundle, seeded.ids.etsp);
    etsp.telecom!.find((x) => x.system === 'phone')!.value = '01 99 00 06 06';
    orgOf(bundle, seeded.ids.dac).name = '';
    const before = await allVersions();
    const res = await post(bundle, '');
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].severity).toBe('error');
    expect(res.body.issue[0].expression[0]).toMatch(/^Bundle\.entry\[\d+\]\.resource\.name$/);
    expect(await allVersions()).toBe(before);
  });

  it('a bad mode is a French 400 OperationOutcome', async () => {
    const res = await admin.post('/fhir/R4?mode=fusion', { resourceType: 'Bundle', type: 'collection', entry: [] }, FHIR);
    expect(res.status).toBe(400);
    expect(res.body.issue[0].diagnostics).toMatch(/Mode d’import inconnu/);
  });
});
