import { DIRECTORY_CSV_COLUMNS } from '@palliance/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient, TestPlatform } from '../../test/harness';
import { parseCsv, serializeCsv } from './csv';
import { countStructures, getBytes, postBytes, type SeededDirectory, signIn, startTwoDirectories, type TwoDirectories } from './interop-fixtures';

let a: TestPlatform;
let b: TestPlatform;
let adminB: TestClient;
let seeded: SeededDirectory;
let dirs: TwoDirectories;

beforeAll(async () => {
  dirs = await startTwoDirectories();
  ({ a, b, adminB, seeded } = dirs);
});
afterAll(async () => dirs?.stop());

const csvPost = (c: TestClient, text: string) => c.post('/api/v1/structures/import', text, { 'content-type': 'text/csv' });
const col = (name: string) => (DIRECTORY_CSV_COLUMNS as readonly string[]).indexOf(name);
/** Rows without the server's update time (the import is a new first version made now). */
const comparable = (rows: string[][]) => rows.map((r) => r.filter((_v, i) => i !== col('mis_a_jour_le')));

async function exportCsv(t: TestPlatform, query = '') {
  const res = await getBytes(t, `/api/v1/structures/export.csv${query}`);
  expect(res.status).toBe(200);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(res.bytes);
  return { res, text, rows: parseCsv(text).records.map((r) => r.fields) };
}

describe('CSV export', () => {
  it('gives Excel a UTF-8 file with BOM and ";", one row per published structure', async () => {
    const { res, text, rows } = await exportCsv(a);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="annuaire-palliance-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${DIRECTORY_CSV_COLUMNS.join(';')}`);
    const [header, ...data] = rows;
    expect(header[0]).toBe('id');
    expect(data.map((r) => r[0]).sort()).toEqual([...seeded.published].sort());

    const row = (id: string) => Object.fromEntries(DIRECTORY_CSV_COLUMNS.map((c) => [c, data.find((r) => r[0] === id)![col(c)]]));
    const etsp = row(seeded.ids.etsp);
    expect(etsp).toMatchObject({
      types: 'ETSP',
      finess: '069990101',
      code_postal: '06000',
      commune: '06088',
      public: 'professionnels|patients|familles',
      telephone_secretariat: '01 99 00 01 01',
      telephone_appui_territorial: '01 99 00 01 51',
      email: 'equipe101@example.org',
      delai_acces_jours: '2',
      delai_confirme_le: '2026-10-01',
      version: '1',
    });
    expect(etsp.couverture_communes.split('|').sort()).toEqual(['06083', '06088', '06149']);
    expect(etsp.description).toBe('Structure fictive de démonstration ; « guillemets » et "doubles",\nsur deux lignes.');
    expect(JSON.parse(etsp.contacts_json)).toHaveLength(3);
    expect(JSON.parse(etsp.horaires).exceptions).toHaveLength(2);
    expect(row(seeded.ids.usp)).toMatchObject({ types: 'USP|LISP_MCO', rattachement_id: seeded.ids.dac, lits: '12' });
    // Cells a spreadsheet would run as formulas start with an apostrophe; plain numbers do not.
    expect(row(seeded.ids.erisp)).toMatchObject({ telephone_appui_territorial: "'+33 1 99 00 07 50", demo: 'oui', horaires: '' });
    expect(row(seeded.ids.erisp).description).toMatch(/^'=Équipe fictive/);
    expect(row(seeded.ids.brest)).toMatchObject({ longitude: '-4.49', latitude: '48.39' });
  });

  it('filters by department and by type', async () => {
    const dep = await exportCsv(a, '?departement=34');
    expect(dep.rows.slice(1).map((r) => r[0]).sort()).toEqual([seeded.ids.dac, seeded.ids.usp].sort());
    const had = await exportCsv(a, '?type=HAD');
    expect(had.rows.slice(1).map((r) => r[0])).toEqual([seeded.ids.had]);
    const bad = await a.client().get('/api/v1/structures/export.csv?departement=6');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('departement');
  });
});

describe('CSV import', () => {
  it('imports an export into an empty directory: exporting again gives the same file', async () => {
    const { text, rows } = await exportCsv(a);
    expect(await countStructures(b)).toBe(0);
    const res = await csvPost(adminB, text);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.imported).toBe(6);
    expect([...res.body.ids].sort()).toEqual([...seeded.published].sort());

    const again = await exportCsv(b);
    expect(comparable(again.rows)).toEqual(comparable(rows));

    const usp = await b.client().get(`/api/v1/structures/${seeded.ids.usp}`);
    expect(usp.body).toMatchObject({ parentId: seeded.ids.dac, parentName: 'DAC Hérault (test)', status: 'published' });
    const versions = await b.client().get(`/api/v1/structures/${seeded.ids.usp}/versions`);
    expect(versions.body[0]).toMatchObject({ version: 1, changeKind: 'import-csv', changedByEmail: 'admin-b@example.org' });
    const audit = await b.query<{ action: string; details: { format: string; count: number } }>(
      "SELECT action, details FROM audit_event WHERE action = 'directory.imported'",
    );
    expect(audit).toEqual([{ action: 'directory.imported', details: { format: 'csv', count: 6 } }]);
    // Who covers Nice now answers from the imported entries.
    const cov = await b.client().get('/api/v1/coverage?commune=06088&at=2026-11-17T10:00:00%2B01:00');
    expect(cov.body.groups.map((g: { type: string }) => g.type)).toEqual(expect.arrayContaining(['ETSP', 'HAD']));
  });

  it('refuses the same file twice, with or without ids, and writes nothing', async () => {
    const { text, rows } = await exportCsv(a);
    const before = await countStructures(b);
    const twice = await csvPost(adminB, text);
    expect(twice.status).toBe(400);
    expect(twice.body.code).toBe('invalid_csv');
    expect(twice.body.errors).toHaveLength(6);
    for (const e of twice.body.errors) {
      expect(e.column).toBe('id');
      expect(e.reason).toMatch(/^Cette structure existe déjà \(id [0-9a-f-]{36}, « .+ »\)\. L’import ne modifie pas/);
    }
    // A description over two lines pushes the later rows down: lines are those of the file.
    const lines = parseCsv(text).records.slice(1).map((r) => r.line);
    expect(lines.at(-1)).toBeGreaterThan(7);
    expect(twice.body.errors.map((e: { line: number }) => e.line)).toEqual(lines);

    // Without the id column: found again by FINESS, ROR id, or name in the same commune.
    const withoutIds = serializeCsv(rows.map((r) => r.slice(1)));
    const again = await csvPost(adminB, withoutIds);
    expect(again.status).toBe(400);
    const records = parseCsv(withoutIds).records;
    const byName = Object.fromEntries(
      again.body.errors.map((e: { line: number; column: string }) => [records.find((r) => r.line === e.line)!.fields[col('nom') - 1], e.column]),
    );
    expect(byName).toEqual({
      'Équipe territoriale de soins palliatifs Nice Est (test)': 'finess',
      'DAC Hérault (test)': 'ror',
      'HAD Côte d’Azur (test)': 'nom',
      'Unité de soins palliatifs Montpellier (test)': 'nom',
      'ERISP Paris et petite couronne (test)': 'nom',
      'Réseau de soins palliatifs du Finistère Nord (test)': 'nom',
    });
    expect(await countStructures(b)).toBe(before);
  });

  it('lists every problem of a bad file with line and column, and writes nothing', async () => {
    const before = await countStructures(b);
    const file = [
      'nom,types,commune,code_postal,telephone_secretariat,couverture_communes,latitude,description,horaires',
      'Équipe valide (test csv),ETSP,73054,73700,01 99 00 30 01,73054,45.5,ok,',
      'Équipe licorne (test csv),LICORNE,73054,13001,01 99 00 30 02,,,,"{""days"":{""mon"":[{""open"":""9h"",""close"":""17:00""}]}}"',
      ',HAD,99999,,,"73054|01999",abc,"sur',
      'deux lignes",',
      'Équipe valide (test csv),ETSP,73054,73700,,,,doublon dans le fichier,',
      'Trop de champs (test csv),ETSP,73054,73700,,,,,,en trop',
      '',
    ].join('\r\n');
    const res = await csvPost(adminB, file);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_csv');
    expect(res.body.message).toMatch(/rien n’a été enregistré/);
    const found = res.body.errors.map((e: { line: number; column: string | null }) => [e.line, e.column]);
    expect(found).toEqual([
      [3, 'types'],
      [3, 'code_postal'],
      [3, 'horaires'],
      [4, 'nom'],
      [4, 'commune'],
      [4, 'latitude'],
      [4, 'couverture_communes'],
      [6, 'nom'],
      [7, null],
    ]);
    const reason = (line: number, column: string | null) =>
      res.body.errors.find((e: { line: number; column: string | null }) => e.line === line && e.column === column).reason as string;
    expect(reason(3, 'types')).toBe('Type de structure inconnu : LICORNE.');
    expect(reason(3, 'code_postal')).toMatch(/Le code postal 13001 ne correspond pas à la commune Bourg-Saint-Maurice/);
    expect(reason(3, 'horaires')).toMatch(/^horaires\.days\.mon\[0\]\.open : Heure attendue/);
    expect(reason(4, 'commune')).toBe('Commune inconnue : 99999.');
    expect(reason(4, 'latitude')).toMatch(/Nombre attendu.*« abc »/);
    expect(reason(4, 'couverture_communes')).toBe('Commune inconnue : 01999.');
    expect(reason(6, 'nom')).toMatch(/figure déjà à la ligne 2/);
    expect(reason(7, null)).toMatch(/10 champs pour 9 colonnes/);
    expect(await countStructures(b)).toBe(before);
  });

  it('reads what Excel saves: Windows-1252, lost leading zeros, French dates and decimals', async () => {
    const editor = await signIn(b, 'editrice@example.org', [{ role: 'content_editor' }]);
    const text =
      'nom;types;commune;code_postal;couverture_departements;latitude;longitude;delai_acces_jours;delai_confirme_le;telephone_accueil;public\r\n' +
      'Équipe cœur de Nice (test);ETSP;6088;6000;6;43,7;7,26;3;01/10/2026;01 99 00 40 01;Professionnels|Familles et proches\r\n';
    const bytes = Uint8Array.from([...text].map((ch) => (ch === 'É' ? 0xc9 : ch === 'œ' ? 0x9c : ch.charCodeAt(0))));
    const res = await postBytes(b, editor, '/api/v1/structures/import', bytes, 'text/csv');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const s = await b.client().get(`/api/v1/structures/${res.body.ids[0]}`);
    expect(s.body).toMatchObject({
      name: 'Équipe cœur de Nice (test)',
      communeCode: '06088',
      postalCode: '06000',
      latitude: 43.7,
      longitude: 7.26,
      accessDelayDays: 3,
      accessDelayConfirmedAt: '2026-10-01',
      audience: ['professionnels', 'familles'],
      contacts: [{ kind: 'accueil', value: '01 99 00 40 01' }],
      coverage: { departements: ['06'] },
    });
  });

  it('is for administrators and editors: 401 for a visitor, 403 for a plain user, 415 for JSON', async () => {
    const file = 'nom;types\r\nPas importée (test);ETSP\r\n';
    expect((await csvPost(b.client(), file)).status).toBe(401);
    const nurse = await signIn(b, 'infirmiere@example.org');
    const forbidden = await csvPost(nurse, file);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');
    const coordinator = await signIn(b, 'coord@example.org', [{ role: 'territory_coordinator', scope: 'dep:06' }]);
    expect((await csvPost(coordinator, file)).status).toBe(403);
    const json = await adminB.post('/api/v1/structures/import', { nom: 'x' });
    expect(json.status).toBe(415);
    expect(await b.query("SELECT 1 FROM structure WHERE name = 'Pas importée (test)'")).toEqual([]);
  });

  it('names a missing required column and an unknown one on line 1', async () => {
    const res = await csvPost(adminB, 'nom;typ;telephone_acceuil\r\nX;ETSP;01 99 00 00 00\r\n');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [1, 'typ'],
      [1, 'telephone_acceuil'],
      [1, 'types'],
    ]);
  });
});

describe('documentation', () => {
  it('lists the import, export and FHIR routes in the OpenAPI document', async () => {
    const doc = await a.client().get('/api/docs/json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/structures/export.csv', '/api/v1/structures/import', '/fhir/R4/Organization', '/fhir/R4/$export-directory']),
    );
  });
});
