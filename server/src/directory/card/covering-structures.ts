import type { DbHandle } from '../../db/client';
import { STRUCTURE_CALL_COLUMNS, type StructureCallRow } from '../structure-call-row';

/** What a card needs of one structure. */
export type CardStructureRow = StructureCallRow;

/** Published structures covering a commune, by the commune itself or its whole department. */
export function structuresCoveringCommune(handle: DbHandle, code: string, departement: string): Promise<CardStructureRow[]> {
  return handle.query<CardStructureRow>(
    `SELECT ${STRUCTURE_CALL_COLUMNS}
     FROM structure s
     WHERE s.status = 'published'
       AND s.id IN (SELECT structure_id FROM structure_coverage WHERE commune_code = $1 OR departement = $2)
     ORDER BY s.name, s.id`,
    [code, departement],
  );
}

export interface CoverageEntry {
  structure_id: string;
  /** Set for a whole department. */
  departement: string | null;
  /** Set for one commune, with its name and department. */
  commune_code: string | null;
  commune_name: string | null;
  commune_departement: string | null;
}

export async function coverageOf(handle: DbHandle, ids: string[]): Promise<CoverageEntry[]> {
  if (ids.length === 0) return [];
  return handle.query<CoverageEntry>(
    `SELECT sc.structure_id, sc.departement, sc.commune_code, c.nom AS commune_name, c.departement AS commune_departement
     FROM structure_coverage sc LEFT JOIN commune c ON c.code = sc.commune_code
     WHERE sc.structure_id = ANY ($1::uuid[])
     ORDER BY c.nom NULLS FIRST, sc.departement`,
    [ids],
  );
}

/** A territory: whole departments, and communes listed one by one. */
export interface Territory {
  departements: string[];
  communes: { code: string; departement: string }[];
}

export function territoryOf(entries: readonly CoverageEntry[]): Territory {
  return {
    departements: [...new Set(entries.filter((e) => e.departement).map((e) => e.departement!))],
    communes: entries
      .filter((e) => e.commune_code && e.commune_departement)
      .map((e) => ({ code: e.commune_code!, departement: e.commune_departement! })),
  };
}

/**
 * Published structures whose coverage intersects a territory: a whole department intersects every
 * commune of it, and two lists of communes intersect when they share one.
 */
export function structuresIntersecting(handle: DbHandle, territory: Territory): Promise<CardStructureRow[]> {
  const wholeDeps = territory.departements;
  const communes = territory.communes.map((c) => c.code);
  // Departments the territory touches: a structure covering one of them wholly reaches the territory.
  const touchedDeps = [...new Set([...wholeDeps, ...territory.communes.map((c) => c.departement)])];
  return handle.query<CardStructureRow>(
    `SELECT ${STRUCTURE_CALL_COLUMNS}
     FROM structure s
     WHERE s.status = 'published'
       AND s.id IN (
         SELECT structure_id FROM structure_coverage WHERE departement = ANY ($1::text[])
         UNION SELECT structure_id FROM structure_coverage WHERE commune_code = ANY ($2::text[])
         UNION SELECT structure_id FROM structure_coverage
               WHERE commune_code IN (SELECT code FROM commune WHERE departement = ANY ($3::text[])))
     ORDER BY s.name, s.id`,
    [touchedDeps, communes, wholeDeps],
  );
}

export async function departementNames(handle: DbHandle): Promise<Map<string, string>> {
  const rows = await handle.query<{ code: string; nom: string }>('SELECT code, nom FROM departement');
  return new Map(rows.map((r) => [r.code, r.nom]));
}
