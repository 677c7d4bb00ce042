import { DIRECTORY_CSV_COLUMNS } from '@palliance/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestClient, type TestPlatform } from '../../test/harness';
import { parseCsv, serializeCsv } from './csv';
import { getBytes, seedDirectory, signIn, type SeededDirectory } from './interop-fixtures';

let t: TestPlatform;
let admin: TestClient;
let seeded: SeededDirectory;

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await signIn(t, 'admin-upd@example.org', [{ role: 'admin' }]);
  seeded = await seedDirectory(t, admin);
});
afterAll(async () => t?.stop());

const col = (name: string) => (DIRECTORY_CSV_COLUMNS as readonly string[]).indexOf(name);
const importCsv = (c: TestClient, rows: string[][], query: string) =>
  c.post(`/api/v1/structures/import?mode=update${query}`, serializeCsv(rows, ';'), { 'content-type': 'text/csv' });

async function exportRows(): Promise<string[][]> {
  const res = await getBytes(t, '/api/v1/structures/export.csv');
  expect(res.status).toBe(200);
  return parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(res.bytes)).records.map((r) => r.fields);
}

/** A copy of the export where one structure's first contact has a new number. */
function withPhone(rows: string[][], id: string, phone: string): string[][] {
  return rows.map((r) => {
    if (r[0] !== id) return r;
    const copy = [...r];
    const contacts = JSON.parse(copy[col('contacts_json')]);
    contacts[0].value = phone;
    copy[col('contacts_json')] = JSON.stringify(contacts);
    return copy;
  });
}

const version = async (id: string) => (await t.query<{ version: number }>('SELECT version FROM structure WHERE id = $1', [id]))[0].version;
const allVersions = async () => (await t.query<{ v: string }>('SELECT sum(version)::text AS v FROM structure'))[0].v;

describe('CSV import updating existing entries (?mode=update)', () => {
  it('re-importing an unchanged export updates nothing, in a dry run as when applied', async () => {
    const rows = await exportRows();
    const before = await allVersions();
    const dry = await importCsv(admin, rows, '&dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, created: 0, updated: 0, unchanged: rows.length - 1, errors: 0, problems: [] });
    expect(dry.body.lines.every((l: { outcome: string }) => l.outcome === 'unchanged')).toBe(true);

    const applied = await importCsv(admin, rows, '');
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: rows.length - 1 });
    expect(await allVersions()).toBe(before);
  });

  it('a changed phone is one update: reported in the dry run, written as a new version with history and audit', async () => {
    const id = seeded.ids.etsp;
    const rows = withPhone(await exportRows(), id, '01 99 00 07 07');
    const v = await version(id);

    const dry = await importCsv(admin, rows, '&dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ created: 0, updated: 1, errors: 0 });
    const line = dry.body.lines.find((l: { id: string }) => l.id === id);
    expect(line).toMatchObject({ outcome: 'updated', changedFields: ['contacts'] });
    expect(dry.body.message).toMatch(/^Simulation/);
    expect(await version(id)).toBe(v); // a dry run writes nothing

    const applied = await importCsv(admin, rows, '');
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, updated: 1, created: 0 });
    expect(await version(id)).toBe(v + 1);
    const page = await t.client().get(`/api/v1/structures/${id}`);
    expect(page.body.contacts[0].value).toBe('01 99 00 07 07');
    const history = await t.client().get(`/api/v1/structures/${id}/versions`);
    expect(history.body[0]).toMatchObject({ version: v + 1, changeKind: 'update-csv', changedFields: ['contacts'], changedByEmail: 'admin-upd@example.org' });
    expect(history.body[1].version).toBe(v); // the previous version stays in the history
    const audit = await t.query<{ action: string; details: Record<string, unknown> }>(
      "SELECT action, details FROM audit_event WHERE action IN ('directory.structure_updated', 'directory.imported') ORDER BY id DESC LIMIT 2",
    );
    expect(audit[0]).toMatchObject({ action: 'directory.imported', details: { format: 'csv', mode: 'update', updated: 1, created: 0 } });
    expect(audit[1]).toMatchObject({ action: 'directory.structure_updated', details: { changed: ['contacts'], via: 'update-csv' } });
  });

  it('one bad line: the report names its line and column in French, and nothing at all is written', async () => {
    const id = seeded.ids.had;
    const rows = withPhone(await exportRows(), id, '01 99 00 08 08');
    const badIndex = rows.findIndex((r) => r[0] === seeded.ids.dac);
    rows[badIndex] = [...rows[badIndex]];
    rows[badIndex][col('commune')] = '99999';
    const before = await allVersions();

    const res = await importCsv(admin, rows, '');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ applied: false, errors: 1, updated: 1 });
    expect(res.body.message).toMatch(/rien n’a été enregistré/);
    // Line numbers are those of the file (a description on two lines shifts the following ones).
    const badLine = res.body.lines.find((l: { id: string }) => l.id === seeded.ids.dac);
    expect(badLine.outcome).toBe('error');
    expect(res.body.problems).toEqual([{ line: badLine.line, column: 'commune', reason: 'Commune inconnue : 99999.' }]);
    expect(await allVersions()).toBe(before);
    const page = await t.client().get(`/api/v1/structures/${id}`);
    expect(page.body.contacts[0].value).not.toBe('01 99 00 08 08');
  });

  it('matches an entry by FINESS when the line has no id, and creates the lines that match nothing', async () => {
    const rows = await exportRows();
    const etsp = rows.find((r) => r[0] === seeded.ids.etsp)!;
    const byFiness = [...etsp];
    byFiness[col('id')] = '';
    byFiness[col('description')] = 'Description mise à jour par FINESS.';
    const fresh = [...etsp];
    fresh[col('id')] = '';
    fresh[col('finess')] = '';
    fresh[col('siret')] = '';
    fresh[col('ror')] = '';
    fresh[col('nom')] = 'Nouvelle équipe fictive (import)';
    const res = await importCsv(admin, [rows[0], byFiness, fresh], '');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    expect(res.body.lines[0]).toMatchObject({ line: 2, outcome: 'updated', id: seeded.ids.etsp, changedFields: ['description'] });
    expect(res.body.lines[1].outcome).toBe('created');
    const created = await t.client().get(`/api/v1/structures/${res.body.lines[1].id}`);
    expect(created.body.name).toBe('Nouvelle équipe fictive (import)');
  });

  it('refuses identifiers that point at two different entries', async () => {
    const rows = await exportRows();
    // The id of one entry with the FINESS of another.
    const line = [...rows.find((r) => r[0] === seeded.ids.dac)!];
    line[col('finess')] = rows.find((r) => r[0] === seeded.ids.etsp)![col('finess')];
    expect(line[col('finess')]).not.toBe('');
    const res = await importCsv(admin, [rows[0], line], '&dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body.errors).toBe(1);
    expect(res.body.problems[0]).toMatchObject({ line: 2, column: 'finess' });
    expect(res.body.problems[0].reason).toMatch(/désignent deux fiches différentes/);
  });

  it('refuses attaching an entry matched by its FINESS to itself', async () => {
    const rows = await exportRows();
    const line = [...rows.find((r) => r[0] === seeded.ids.etsp)!];
    line[col('id')] = '';
    line[col('rattachement_id')] = seeded.ids.etsp;
    const res = await importCsv(admin, [rows[0], line], '&dryRun=true');
    expect(res.body.problems).toEqual([{ line: 2, column: 'rattachement_id', reason: 'Une structure ne peut pas être rattachée à elle-même.' }]);
  });

  it('is refused to a plain user, and a bad mode is a French 400', async () => {
    const user = await signIn(t, 'plain-upd@example.org');
    expect((await importCsv(user, [['id']], '')).status).toBe(403);
    const bad = await admin.post('/api/v1/structures/import?mode=merge', 'id\n', { 'content-type': 'text/csv' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Mode d’import inconnu/);
  });
});
