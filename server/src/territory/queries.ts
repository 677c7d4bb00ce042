import type { Commune, Departement, Region } from '@palliance/core';
import type { DbHandle } from '../db/client';

interface CommuneRow {
  code: string;
  nom: string;
  codes_postaux: string[];
  departement: string;
  region: string;
}

const toCommune = (r: CommuneRow): Commune => ({
  code: r.code,
  nom: r.nom,
  codesPostaux: r.codes_postaux,
  departement: r.departement,
  region: r.region,
});

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findCommunesByName(handle: DbHandle, folded: string, limit: number): Promise<Commune[]> {
  const prefix = `${likeEscape(folded)}%`;
  // A word inside the name ("maurice" in "bourg saint maurice"); trigram index, so only from 3 letters.
  const inner = folded.length >= 3 ? `% ${likeEscape(folded)}%` : null;
  const rows = await handle.query<CommuneRow>(
    `SELECT code, nom, codes_postaux, departement, region
     FROM commune
     WHERE nom_search LIKE $1 OR ($2::text IS NOT NULL AND nom_search LIKE $2)
     ORDER BY CASE WHEN nom_search = $3 THEN 0 WHEN nom_search LIKE $1 THEN 1 ELSE 2 END,
              population DESC, nom
     LIMIT $4`,
    [prefix, inner, folded, limit],
  );
  return rows.map(toCommune);
}

export async function findCommunesByCode(handle: DbHandle, code: string, limit: number): Promise<Commune[]> {
  const rows = await handle.query<CommuneRow>(
    `SELECT c.code, c.nom, c.codes_postaux, c.departement, c.region
     FROM commune c
     WHERE c.code IN (SELECT commune FROM commune_postal_code WHERE code_postal LIKE $1)
        OR c.code = $2
     ORDER BY CASE WHEN c.code = $2 THEN 0 WHEN $2 = ANY (c.codes_postaux) THEN 1 ELSE 2 END,
              c.population DESC, c.nom
     LIMIT $3`,
    [`${likeEscape(code)}%`, code, limit],
  );
  return rows.map(toCommune);
}

export async function listRegionsAndDepartements(handle: DbHandle): Promise<{ regions: Region[]; departements: Departement[] }> {
  const [regions, departements] = await Promise.all([
    handle.query<Region>('SELECT code, nom FROM region ORDER BY code'),
    handle.query<Departement>('SELECT code, nom, region FROM departement ORDER BY code'),
  ]);
  return { regions, departements };
}

export async function departementExists(handle: DbHandle, code: string): Promise<boolean> {
  return (await handle.query('SELECT 1 FROM departement WHERE code = $1', [code])).length > 0;
}
