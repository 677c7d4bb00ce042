import { foldForSearch, type Structure } from '@palliance/core';
import type { Db, DbHandle } from '../../db/client';
import { loadCoverage, STRUCTURE_COLUMNS, STRUCTURE_FROM, toStructure, type StructureRow } from '../queries';

/** Filters shared by the CSV export and the FHIR searches; every one narrows the result. */
export interface PublishedFilter {
  departement?: string;
  /** Each entry is one condition (AND); inside an entry, any of the codes (OR). */
  types?: string[][];
  /** Commune-name prefixes, accents and case ignored (same AND / OR nesting as types). */
  cityPrefixes?: string[][];
  /** Postal-code prefixes (same nesting). */
  postalPrefixes?: string[][];
  /** Only entries with an address or a position (those that have a FHIR Location). */
  located?: boolean;
  ids?: string[];
}

export const LOCATED_SQL = `(s.address_line IS NOT NULL OR s.postal_code IS NOT NULL OR s.commune_code IS NOT NULL OR s.latitude IS NOT NULL)`;

function where(filter: PublishedFilter, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const clauses = [`s.status = 'published'`];
  if (filter.departement) clauses.push(`s.departement = ${p(filter.departement)}`);
  for (const anyOf of filter.types ?? []) clauses.push(`s.types && ${p(anyOf)}::text[]`);
  // Folded names and digits only: no LIKE wildcard can come from the query.
  const anyPrefix = (column: string, prefixes: string[]) =>
    prefixes.length ? `(${prefixes.map((x) => `${column} LIKE ${p(x)} || '%'`).join(' OR ')})` : 'false';
  for (const anyOf of filter.cityPrefixes ?? []) clauses.push(anyPrefix('c.nom_search', anyOf.map(foldForSearch)));
  for (const anyOf of filter.postalPrefixes ?? []) clauses.push(anyPrefix('s.postal_code', anyOf.filter((x) => /^\d+$/.test(x))));
  if (filter.located) clauses.push(LOCATED_SQL);
  if (filter.ids) clauses.push(`s.id = ANY(${p(filter.ids)}::uuid[])`);
  return clauses.join(' AND ');
}

const COVERAGE_CHUNK = 1000;

async function withCoverage(db: Db, rows: StructureRow[], now: Date): Promise<Structure[]> {
  const coverage = new Map<string, Structure['coverage']>();
  for (let i = 0; i < rows.length; i += COVERAGE_CHUNK) {
    for (const [id, cov] of await loadCoverage(db, rows.slice(i, i + COVERAGE_CHUNK).map((r) => r.id))) coverage.set(id, cov);
  }
  return rows.map((r) => toStructure(r, coverage.get(r.id)!, now));
}

/** Published entries matching the filter, in a stable order (department, name, id), one page of them. */
export async function listPublishedStructures(
  handle: DbHandle,
  filter: PublishedFilter,
  now: Date,
  page: { limit?: number; offset?: number } = {},
): Promise<{ total: number; items: Structure[] }> {
  const params: unknown[] = [];
  const clause = where(filter, params);
  let paging = '';
  if (page.limit !== undefined) {
    params.push(page.limit, page.offset ?? 0);
    paging = `LIMIT $${params.length - 1} OFFSET $${params.length}`;
  }
  const rows = await handle.query<StructureRow & { total: number }>(
    `SELECT ${STRUCTURE_COLUMNS}, count(*) OVER ()::int AS total FROM ${STRUCTURE_FROM}
     WHERE ${clause}
     ORDER BY s.departement NULLS LAST, s.name, s.id ${paging}`,
    params,
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && ((page.offset ?? 0) > 0 || page.limit === 0)) {
    // No row on this page (past the last one, or _count=0): the window function counted nothing.
    const count = await handle.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${STRUCTURE_FROM} WHERE ${where(filter, [])}`, params.slice(0, -2));
    total = count[0]?.n ?? 0;
  }
  return { total, items: await withPublishedParents(handle, await withCoverage(handle.db, rows, now)) };
}

/**
 * A parent that is not published (archived, awaiting approval) is left out: the reader could not
 * follow the reference, and an import of the export would refuse it.
 */
async function withPublishedParents(handle: DbHandle, items: Structure[]): Promise<Structure[]> {
  const parentIds = [...new Set(items.map((s) => s.parentId).filter((p): p is string => !!p))];
  if (parentIds.length === 0) return items;
  const published = new Set(
    (await handle.query<{ id: string }>(`SELECT id FROM structure WHERE status = 'published' AND id = ANY($1::uuid[])`, [parentIds])).map((r) => r.id),
  );
  return items.map((s) => (s.parentId && !published.has(s.parentId) ? { ...s, parentId: null, parentName: null } : s));
}

/** Names of the departments and labels of the structure types, for readable exports. */
export async function referenceLabels(handle: DbHandle): Promise<{ types: Map<string, string>; departements: Map<string, string> }> {
  const [types, deps] = await Promise.all([
    handle.query<{ code: string; label: string }>('SELECT code, label FROM structure_type'),
    handle.query<{ code: string; nom: string }>('SELECT code, nom FROM departement'),
  ]);
  return { types: new Map(types.map((t) => [t.code, t.label])), departements: new Map(deps.map((d) => [d.code, d.nom])) };
}
