import { foldForSearch, type StructureSummary } from '@palliance/core';
import type { AppDeps } from '../app-types';
import type { Actor } from '../http/actor';
import { can } from '../http/permissions';
import type { DbHandle } from '../db/client';
import { TtlCache } from './directory-cache';
import { isStale, structurePath } from './queries';

/** Fewer exact matches than this, and the search also tries names that look alike (typos). */
const FUZZY_BELOW = 5;

const caches = new WeakMap<DbHandle, TtlCache<{ rows: Row[]; total: number }>>();

export interface SearchInput {
  q?: string;
  type?: string;
  departement?: string;
  status?: 'pending' | 'published' | 'archived';
  page: number;
  pageSize: number;
}

interface Row {
  id: string;
  name: string;
  types: string[];
  departement: string | null;
  commune_name: string | null;
  latitude: number | null;
  longitude: number | null;
  status: StructureSummary['status'];
  confirmed_at: Date | string;
  is_demo: boolean;
  snippet: string | null;
}

/**
 * Full-text search over names, descriptions and type labels (French stemming, accents ignored),
 * tolerant of typos through trigram similarity on the name. Visitors see published entries;
 * pending and archived ones are listed for those who may approve them.
 */
export async function searchStructures(deps: AppDeps, actor: Actor | null, input: SearchInput) {
  const params: unknown[] = [];
  const where: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const status = input.status ?? 'published';
  if (status !== 'published' && !can(actor, 'directory.approve', { departement: input.departement ?? null })) {
    where.push(`s.status = 'published'`);
  } else {
    where.push(`s.status = ${p(status)}`);
  }
  if (input.type) where.push(`${p(input.type)} = ANY (s.types)`);
  if (input.departement) where.push(`s.departement = ${p(input.departement)}`);
  const whereSql = where.join(' AND ');
  const text = input.q?.trim();

  const run = async (fuzzy: boolean) => {
    const q = [...params];
    const add = (v: unknown) => {
      q.push(v);
      return `$${q.length}`;
    };
    let from = 'structure s';
    let rank = 's.name';
    let snippet = 'NULL';
    if (text) {
      const tsq = add(text);
      const fold = add(foldForSearch(text));
      // One indexed lookup per way of matching (French full text, name substring, type labels
      // resolved once; typo-tolerant name similarity only when asked), united, then ranked.
      from = `(SELECT id FROM structure WHERE search @@ websearch_to_tsquery('fr_unaccent', ${tsq})
               ${fuzzy ? `UNION SELECT id FROM structure WHERE ${fold} <% name_search` : ''}
               UNION SELECT id FROM structure WHERE name_search LIKE '%' || ${fold} || '%'
               UNION SELECT id FROM structure WHERE types && ARRAY(
                 SELECT t.code FROM structure_type t
                 WHERE to_tsvector('fr_unaccent', t.label || ' ' || t.code) @@ websearch_to_tsquery('fr_unaccent', ${tsq}))
              ) m JOIN structure s ON s.id = m.id`;
      rank = `ts_rank(s.search, websearch_to_tsquery('fr_unaccent', ${tsq})) + word_similarity(${fold}, s.name_search) DESC, s.name`;
      snippet = `CASE WHEN s.description IS NULL THEN NULL ELSE left(s.description, 200) END`;
    }
    const countParams = [...q];
    const limit = add(input.pageSize);
    const offset = add((input.page - 1) * input.pageSize);
    const select = `SELECT s.id, s.name, s.types, s.departement, c.nom AS commune_name, s.latitude, s.longitude, s.status,
                s.confirmed_at, s.is_demo, ${snippet} AS snippet`;
    if (text) {
      // Ranking needs every match anyway: counting them in the same pass costs nothing more.
      const rows = await deps.handle.query<Row & { total: number }>(
        `${select}, count(*) OVER ()::int AS total
         FROM ${from} LEFT JOIN commune c ON c.code = s.commune_code
         WHERE ${whereSql} ORDER BY ${rank} LIMIT ${limit} OFFSET ${offset}`,
        q,
      );
      if (rows.length || input.page === 1) return { rows, total: rows[0]?.total ?? 0 };
    }
    // Without text the first page comes straight from the (status, name) index; the count apart.
    const [rows, counted] = await Promise.all([
      deps.handle.query<Row>(
        `${select} FROM ${from} LEFT JOIN commune c ON c.code = s.commune_code
         WHERE ${whereSql} ORDER BY ${rank} LIMIT ${limit} OFFSET ${offset}`,
        q,
      ),
      deps.handle.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${from} WHERE ${whereSql}`, countParams),
    ]);
    return { rows, total: counted[0]?.total ?? 0 };
  };

  // The same searches come back all day ("HAD", "EMSP Lyon"): answers are kept until the next write.
  let cache = caches.get(deps.handle);
  if (!cache) caches.set(deps.handle, (cache = new TtlCache(60_000, 2000)));
  const key = JSON.stringify([where, params, text ?? '', input.page, input.pageSize]);
  let found = cache.get(key);
  if (!found) {
    // Name similarity is what finds a misspelt word, and it is the costly part on a large directory:
    // it is only asked for when the exact ways of matching find next to nothing.
    found = await run(false);
    if (text && found.total < FUZZY_BELOW) found = await run(true);
    cache.set(key, found);
  }
  const { rows, total } = found;
  const now = deps.now();
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map(
      (r): StructureSummary => ({
        id: r.id,
        name: r.name,
        types: r.types,
        departement: r.departement,
        communeName: r.commune_name,
        latitude: r.latitude,
        longitude: r.longitude,
        status: r.status,
        toVerify: isStale(r.confirmed_at, now),
        isDemo: r.is_demo,
        url: structurePath(r.id),
        snippet: r.snippet,
      }),
    ),
  };
}
