import { randomUUID } from 'node:crypto';
import {
  AUDIENCES,
  DIRECTORY_CSV_COLUMNS,
  DIRECTORY_CSV_LIST_SEPARATOR as LIST,
  DIRECTORY_CSV_REQUIRED_COLUMNS,
  foldForSearch,
  structureInputSchema,
  type CsvImportIssue,
  type DirectoryContactInput,
  type DirectoryCsvColumn,
  type Structure,
} from '@palliance/core';
import { z } from 'zod';
import { parseCsv, type CsvRecord } from './csv';
import { checkableFrom, type BatchItem, type ImportCandidate } from './import-batch';

// ---------------------------------------------------------------------------------------------
// Export

/** Contact kind shown in each single-number column (the first contact of that kind). */
const CONTACT_COLUMNS = {
  telephone_accueil: 'accueil',
  telephone_secretariat: 'secretariat_medical',
  telephone_astreinte: 'astreinte',
  telephone_appui_territorial: 'appui_territorial',
  email: 'email',
  mssante: 'mssante',
} as const satisfies Partial<Record<DirectoryCsvColumn, DirectoryContactInput['kind']>>;
type ContactColumn = keyof typeof CONTACT_COLUMNS;

/**
 * A spreadsheet runs a cell starting with = + - @ as a formula: such a text cell is written with
 * a leading apostrophe, which the import removes again. Plain numbers (-1.55) are left alone.
 */
function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+([.,]\d+)?$/.test(value) ? `'${value}` : value;
}

function unguardFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function structureToCsvRow(s: Structure): string[] {
  const first = (kind: string) => s.contacts.find((c) => c.kind === kind)?.value ?? '';
  const cells: Record<DirectoryCsvColumn, string> = {
    id: s.id,
    nom: s.name,
    types: s.types.join(LIST),
    finess: s.finess ?? '',
    siret: s.siret ?? '',
    ror: s.rorId ?? '',
    adresse: s.addressLine ?? '',
    code_postal: s.postalCode ?? '',
    commune: s.communeCode ?? '',
    latitude: s.latitude === null ? '' : String(s.latitude),
    longitude: s.longitude === null ? '' : String(s.longitude),
    public: s.audience.join(LIST),
    telephone_accueil: first(CONTACT_COLUMNS.telephone_accueil),
    telephone_secretariat: first(CONTACT_COLUMNS.telephone_secretariat),
    telephone_astreinte: first(CONTACT_COLUMNS.telephone_astreinte),
    telephone_appui_territorial: first(CONTACT_COLUMNS.telephone_appui_territorial),
    email: first(CONTACT_COLUMNS.email),
    mssante: first(CONTACT_COLUMNS.mssante),
    horaires: s.openingHours ? JSON.stringify(s.openingHours) : '',
    delai_acces_jours: s.accessDelayDays === null ? '' : String(s.accessDelayDays),
    delai_confirme_le: s.accessDelayConfirmedAt ?? '',
    lits: s.capacityBeds === null ? '' : String(s.capacityBeds),
    description: s.description ?? '',
    couverture_departements: s.coverage.departements.join(LIST),
    couverture_communes: s.coverage.communes.map((c) => c.code).join(LIST),
    contacts_json: s.contacts.length ? JSON.stringify(s.contacts) : '',
    rattachement_id: s.parentId ?? '',
    demo: s.isDemo ? 'oui' : '',
    version: String(s.version),
    mis_a_jour_le: s.updatedAt,
  };
  return DIRECTORY_CSV_COLUMNS.map((c) => guardFormula(cells[c]));
}

// ---------------------------------------------------------------------------------------------
// Import

/** A data line read from the file: a candidate, or the problems that keep it from being one. */
export interface CsvLine {
  line: number;
  candidate: ImportCandidate | null;
  /** What the database must confirm, even for a line with other problems. */
  check: BatchItem;
  /** The column holding a StructureInput field of this line. */
  columnOf(field: string): string;
}

export interface CsvReading {
  lines: CsvLine[];
  issues: CsvImportIssue[];
}

const headerName = (h: string) => foldForSearch(h).replace(/ /g, '_');

const FIELD_COLUMNS: Record<string, DirectoryCsvColumn> = {
  id: 'id',
  name: 'nom',
  types: 'types',
  parentId: 'rattachement_id',
  finess: 'finess',
  siret: 'siret',
  rorId: 'ror',
  addressLine: 'adresse',
  postalCode: 'code_postal',
  communeCode: 'commune',
  latitude: 'latitude',
  longitude: 'longitude',
  audience: 'public',
  openingHours: 'horaires',
  accessDelayDays: 'delai_acces_jours',
  accessDelayConfirmedAt: 'delai_confirme_le',
  capacityBeds: 'lits',
  description: 'description',
  'coverage.departements': 'couverture_departements',
  'coverage.communes': 'couverture_communes',
  coverage: 'couverture_communes',
  contacts: 'contacts_json',
};

const JSON_COLUMNS = new Set<string>(['horaires', 'contacts_json']);
const LIST_COLUMNS = new Set<string>(['types', 'public', 'couverture_departements', 'couverture_communes']);

class CellError extends Error {}

const audienceByWord = new Map<string, string>(
  Object.entries(AUDIENCES).flatMap(([code, label]) => [
    [foldForSearch(code), code],
    [foldForSearch(label), code],
  ]),
);

function list(v: string): string[] {
  return v
    .split(LIST)
    .map((x) => x.trim())
    .filter(Boolean);
}

function number(v: string): number | null {
  if (v === '') return null;
  const n = Number(v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
  if (!Number.isFinite(n)) throw new CellError(`Nombre attendu (ex. 45,6 ou 45.6) : « ${v} ».`);
  return n;
}

/** Spreadsheets drop the leading zero of codes they take for numbers: 6000 was 06000, 6 was 06. */
function padded(v: string, length: number): string {
  return /^\d+$/.test(v) && v.length === length - 1 ? `0${v}` : v;
}

function scientific(v: string, what: string): void {
  if (/^\d+([.,]\d+)?e\+?\d+$/i.test(v)) {
    throw new CellError(`${what} a été converti en nombre par le tableur (« ${v} ») : formatez la colonne en texte et saisissez-le à nouveau.`);
  }
}

function isoDate(v: string): string | null {
  if (v === '') return null;
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (fr) return `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`;
  return v;
}

function boolean(v: string): boolean {
  const f = foldForSearch(v);
  if (['', 'non', 'faux', 'false', '0', 'no'].includes(f)) return false;
  if (['oui', 'vrai', 'true', '1', 'yes'].includes(f)) return true;
  throw new CellError(`Valeur attendue : « oui » ou vide (reçu « ${v} »).`);
}

function json(v: string): unknown {
  if (v === '') return undefined;
  try {
    return JSON.parse(v);
  } catch (e) {
    throw new CellError(`JSON non valide : ${(e as Error).message}.`);
  }
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Reads the file: the header (line 1) and each data line turned into a StructureInput. */
export function readDirectoryCsv(text: string): CsvReading {
  const issues: CsvImportIssue[] = [];
  const parsed = parseCsv(text);
  if (parsed.error) issues.push({ line: parsed.error.line, column: null, reason: parsed.error.reason });
  const [header, ...records] = parsed.records;
  if (!header) {
    if (!parsed.error) issues.push({ line: 1, column: null, reason: 'Le fichier est vide : la première ligne doit nommer les colonnes (nom, types, …).' });
    return { lines: [], issues };
  }

  const known = new Set<string>(DIRECTORY_CSV_COLUMNS);
  const columns: (DirectoryCsvColumn | null)[] = [];
  header.fields.forEach((raw, i) => {
    const name = headerName(raw);
    if (name === '' && header.fields.slice(i).every((f) => f.trim() === '')) {
      columns.push(null); // trailing empty header cells, as spreadsheets sometimes add
      return;
    }
    if (!known.has(name)) {
      issues.push({ line: header.line, column: raw.trim() || `(colonne ${i + 1})`, reason: `Colonne inconnue « ${raw.trim()} ». Colonnes possibles : ${DIRECTORY_CSV_COLUMNS.join(', ')}.` });
      columns.push(null);
    } else if (columns.includes(name as DirectoryCsvColumn)) {
      issues.push({ line: header.line, column: name, reason: `La colonne « ${name} » apparaît deux fois.` });
      columns.push(null);
    } else columns.push(name as DirectoryCsvColumn);
  });
  const missing = DIRECTORY_CSV_REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  for (const c of missing) issues.push({ line: header.line, column: c, reason: `La colonne obligatoire « ${c} » manque dans la première ligne.` });
  if (missing.length) return { lines: [], issues };

  const lines: CsvLine[] = [];
  for (const record of records) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    const line = readLine(record, columns, issues);
    lines.push(line);
  }
  if (lines.length === 0 && issues.length === 0) {
    issues.push({ line: 2, column: null, reason: 'Le fichier ne contient aucune structure après la ligne des colonnes.' });
  }
  return { lines, issues };
}

function readLine(record: CsvRecord, columns: readonly (DirectoryCsvColumn | null)[], issues: CsvImportIssue[]): CsvLine {
  const at = record.line;
  const cell = new Map<DirectoryCsvColumn, string>();
  record.fields.forEach((f, i) => {
    const c = columns[i];
    if (c) cell.set(c, unguardFormula(f).trim());
  });
  // Spreadsheets may drop or add empty trailing fields; a value beyond the last column is lost data.
  if (record.fields.slice(columns.length).some((f) => f.trim() !== '')) {
    issues.push({ line: at, column: null, reason: `La ligne compte ${record.fields.length} champs pour ${columns.length} colonnes : vérifiez le séparateur et les guillemets.` });
  }
  const get = (c: DirectoryCsvColumn) => cell.get(c) ?? '';
  const has = (c: DirectoryCsvColumn) => get(c) !== '';
  let ok = true;
  const fail = (column: string, reason: string) => {
    issues.push({ line: at, column, reason });
    ok = false;
  };
  // Reads one cell; a CellError becomes a problem of that column and the field is left out.
  const read = <T>(c: DirectoryCsvColumn, f: (v: string) => T): T | undefined => {
    try {
      return f(get(c));
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      fail(c, e.message);
      return undefined;
    }
  };

  let declaredId: string | null = null;
  if (has('id')) {
    if (z.uuid().safeParse(get('id')).success) declaredId = get('id').toLowerCase();
    else fail('id', `Identifiant non valide : « ${get('id')} » (un UUID, tel qu’exporté, ou vide pour une nouvelle structure).`);
  }

  // contacts_json keeps every contact with its schedule; the single columns are the simple form.
  let contacts: unknown;
  let contactColumns: string[] | null = null;
  if (has('contacts_json')) {
    contacts = read('contacts_json', json);
    if (contacts !== undefined && !Array.isArray(contacts)) {
      fail('contacts_json', 'Une liste JSON de contacts est attendue ([{"kind": …, "value": …}]).');
      contacts = undefined;
    }
  } else {
    const built: DirectoryContactInput[] = [];
    contactColumns = [];
    for (const [column, kind] of Object.entries(CONTACT_COLUMNS) as [ContactColumn, DirectoryContactInput['kind']][]) {
      for (const value of list(get(column))) {
        built.push({ kind, value });
        contactColumns.push(column);
      }
    }
    contacts = built;
  }

  const raw: Record<string, unknown> = {
    name: get('nom'),
    types: list(get('types')).map((t) => t.toUpperCase()),
    parentId: has('rattachement_id') ? get('rattachement_id').toLowerCase() : null,
    finess: read('finess', (v) => (scientific(v, 'Le FINESS'), padded(v, 9))),
    siret: read('siret', (v) => (scientific(v, 'Le SIRET'), padded(v.replace(/\s/g, ''), 14))),
    rorId: get('ror'),
    addressLine: get('adresse'),
    postalCode: read('code_postal', (v) => padded(v, 5)),
    communeCode: has('commune') ? padded(get('commune').toUpperCase(), 5) : null,
    latitude: read('latitude', number),
    longitude: read('longitude', number),
    audience: has('public') ? list(get('public')).map((a) => audienceByWord.get(foldForSearch(a)) ?? a) : undefined,
    contacts,
    openingHours: has('horaires') ? read('horaires', json) : null,
    accessDelayDays: read('delai_acces_jours', number),
    accessDelayConfirmedAt: isoDate(get('delai_confirme_le')),
    capacityBeds: read('lits', number),
    description: get('description'),
    coverage: {
      departements: list(get('couverture_departements')).map((d) => padded(d.toUpperCase(), 2)),
      communes: list(get('couverture_communes')).map((c) => padded(c.toUpperCase(), 5)),
    },
  };
  const isDemo = read('demo', boolean) ?? false;

  const columnOf = (field: string): string => {
    if (field.startsWith('contacts')) {
      const index = Number(/^contacts\.(\d+)/.exec(field)?.[1]);
      return contactColumns ? (contactColumns[index] ?? 'telephone_accueil') : 'contacts_json';
    }
    return FIELD_COLUMNS[field] ?? FIELD_COLUMNS[field.split('.')[0]] ?? field;
  };

  const result = structureInputSchema.safeParse(raw);
  const failed = result.success ? [] : result.error.issues.map((i) => i.path.map(String).join('.'));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path;
      const field = path.map(String).join('.');
      const column = columnOf(path[0] === 'coverage' ? path.slice(0, 2).map(String).join('.') : field);
      let reason = issue.message;
      if (JSON_COLUMNS.has(column) && path.length > 1) {
        // Where inside the JSON: contacts_json[1].schedule.days.mon[0].open
        reason = `${column}${pathText(path.slice(1)).replace(/^(?!\[)/, '.')} : ${reason}`;
      } else if (LIST_COLUMNS.has(column) || column.startsWith('telephone_') || column === 'email' || column === 'mssante') {
        const value = valueAt(raw, path);
        if (typeof value === 'string') reason = `« ${value} » : ${reason}`;
      }
      fail(column, reason);
    }
  }
  const id = declaredId ?? randomUUID();
  const candidate: ImportCandidate | null = ok && result.success ? { id, idGiven: declaredId !== null, input: result.data, isDemo } : null;
  const check: BatchItem = { id, idGiven: declaredId !== null, input: result.success ? result.data : checkableFrom(raw, failed) };
  return { line: at, candidate, check, columnOf };
}

function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = obj;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p as string];
  }
  return v;
}

export const csvColumnOrder = (column: string | null) => (column === null ? -1 : (DIRECTORY_CSV_COLUMNS as readonly string[]).indexOf(column));
