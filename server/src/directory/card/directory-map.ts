import { createHash } from 'node:crypto';
import type { DirectoryMap } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { TtlCache } from '../directory-cache';
import { structurePath } from '../queries';

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

export interface MapAnswer {
  map: DirectoryMap;
  /** A strong validator for conditional requests. */
  etag: string;
}

/**
 * The data the web map is drawn from: per department, how many structures cover it and how many
 * are located in it, and every published structure as a point. Cached for a minute; a directory
 * write drops the cache at once (directory-cache generation).
 */
export function createDirectoryMap(deps: AppDeps) {
  const cache = new TtlCache<MapAnswer>(60_000, 100);

  return async function directoryMap(input: { type?: string }): Promise<MapAnswer> {
    const key = input.type ?? '';
    const hit = cache.get(key);
    if (hit) return hit;
    const type = input.type ?? null;
    const [departements, structures] = await Promise.all([
      deps.handle.query<{ code: string; nom: string; structures: number; located: number }>(
        `WITH published AS (
           SELECT id, departement FROM structure WHERE status = 'published' AND ($1::text IS NULL OR $1 = ANY (types))
         ), covering AS (
           SELECT COALESCE(sc.departement, c.departement) AS dep, count(DISTINCT sc.structure_id)::int AS n
           FROM structure_coverage sc
           JOIN published p ON p.id = sc.structure_id
           LEFT JOIN commune c ON c.code = sc.commune_code
           GROUP BY 1
         ), located AS (
           SELECT departement AS dep, count(*)::int AS n FROM published WHERE departement IS NOT NULL GROUP BY 1
         )
         SELECT d.code, d.nom, COALESCE(cv.n, 0) AS structures, COALESCE(l.n, 0) AS located
         FROM departement d
         LEFT JOIN covering cv ON cv.dep = d.code
         LEFT JOIN located l ON l.dep = d.code
         ORDER BY d.code`,
        [type],
      ),
      deps.handle.query<{
        id: string;
        name: string;
        types: string[];
        departement: string | null;
        commune_name: string | null;
        latitude: number | null;
        longitude: number | null;
      }>(
        `SELECT s.id, s.name, s.types, s.departement, c.nom AS commune_name,
                COALESCE(s.latitude, c.latitude) AS latitude, COALESCE(s.longitude, c.longitude) AS longitude
         FROM structure s LEFT JOIN commune c ON c.code = s.commune_code
         WHERE s.status = 'published' AND ($1::text IS NULL OR $1 = ANY (s.types))`,
        [type],
      ),
    ]);
    const map: DirectoryMap = {
      departements,
      // Sorted here, not in SQL: the engines' collations differ, French order should not.
      structures: structures.sort((x, y) => collator.compare(x.name, y.name) || (x.id < y.id ? -1 : 1)).map((s) => ({
        id: s.id,
        name: s.name,
        types: s.types,
        departement: s.departement,
        communeName: s.commune_name,
        latitude: s.latitude,
        longitude: s.longitude,
        url: structurePath(s.id),
      })),
    };
    const etag = `"${createHash('sha1').update(JSON.stringify(map)).digest('base64url')}"`;
    const answer = { map, etag };
    cache.set(key, answer);
    return answer;
  };
}
