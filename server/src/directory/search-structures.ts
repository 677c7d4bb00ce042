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
  const filters: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const status = input.status ?? 'published';
  if (status !== 'published' && !can(actor, 'directory.approve', { departement: input.departement ?? null })) {
    filters.push(`s.status = 'published'`);
  } else {
    filters.push(`s.status = ${p(status)}`);
  }
  if (input.type) filters.push(`${p(input.type)} = ANY (s.types)`);
  if (input.departement) filters.push(`s.departement = ${p(input.departement)}`);
  const text = input.q?.trim();

  const run = async (fuzzy: boolean) => {
    const q = [...params];
    const where = [...filters];
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
      const typesMatching = `ARRAY(SELECT t.code FROM structure_type t
                 WHERE to_tsvector('fr_unaccent', t.label || ' ' || t.code) @@ websearch_to_tsquery('fr_unaccent', ${tsq}))`;
      if (fuzzy) {
        // One indexed lookup per way of matching, united: the typo-tolerant one (name similarity) has
        // its own trigram index scan, never evaluated row by row.
        from = `(SELECT id FROM structure WHERE search @@ websearch_to_tsquery('fr_unaccent', ${tsq})
                 UNION SELECT id FROM structure WHERE ${fold} <% name_search
                 UNION SELECT id FROM structure WHERE name_search LIKE '%' || ${fold} || '%'
                 UNION SELECT id FROM structure WHERE types && ${typesMatching}
                ) m JOIN structure s ON s.id = m.id`;
      } else {
        // The exact ways of matching (French full text, name substring, type labels resolved once) in
        // one pass: a broad word ("soins palliatifs") matches a third of the directory, read once
        // rather than once per way and joined back; a narrow one is a BitmapOr of the three indexes.
        where.push(`(s.search @@ websearch_to_tsquery('fr_unaccent', ${tsq})
                   OR s.name_search LIKE '%' || ${fold} || '%'
                   OR s.types && ${typesMatching})`);
      }
      // Ranked on every match, so it must be cheap: word_similarity costs tens of µs a row (thousands
      // of rows for "soins palliatifs"); a name containing the text gets the same full bonus instead.
      // Similarity still ranks the typo-tolerant pass, which finds few rows.
      rank = `ts_rank(s.search, websearch_to_tsquery('fr_unaccent', ${tsq})) + ${
        fuzzy ? `word_similarity(${fold}, s.name_search)` : `(s.name_search LIKE '%' || ${fold} || '%')::int`
      }`;
      snippet = `CASE WHEN s.description IS NULL THEN NULL ELSE left(s.description, 200) END`;
    }
    const countParams = [...q];
    const limit = add(input.pageSize);
    const offset = add((input.page - 1) * input.pageSize);
    const select = `SELECT s.id, s.name, s.types, s.departement, c.nom AS commune_name, s.latitude, s.longitude, s.status,
                s.confirmed_at, s.is_demo, ${snippet} AS snippet`;
    const whereSql = where.join(' AND ');
    if (text) {
      // Ranking needs every match anyway; only the page's rows are then read in full (description,
      // commune name): matches are ranked on (id, name, rank) alone and counted from the same set.
      const rows = await deps.handle.query<Row & { total: number }>(
        `WITH r AS (SELECT s.id, s.name, ${rank} AS rank FROM ${from} WHERE ${whereSql})
         ${select}, (SELECT count(*) FROM r)::int AS total
         FROM (SELECT id, name, rank FROM r ORDER BY rank DESC, name LIMIT ${limit} OFFSET ${offset}) top
         JOIN structure s ON s.id = top.id LEFT JOIN commune c ON c.code = s.commune_code
         ORDER BY top.rank DESC, top.name`,
        q,
      );
      if (rows.length || input.page === 1) return { rows, total: rows[0]?.total ?? 0 };
    }
    // Without text the first page comes straight from the (status, name) index; the count apart.
    const order = text ? `${rank} DESC, s.name` : rank;
    const [rows, counted] = await Promise.all([
      deps.handle.query<Row>(
        `${select} FROM ${from} LEFT JOIN commune c ON c.code = s.commune_code
         WHERE ${whereSql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
        q,
      ),
      deps.handle.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${from} WHERE ${whereSql}`, countParams),
    ]);
    return { rows, total: counted[0]?.total ?? 0 };
  };

  // The same searches come back all day ("HAD", "EMSP Lyon"): answers are kept until the next write.
  let cache = caches.get(deps.handle);
  if (!cache) caches.set(deps.handle, (cache = new TtlCache(60_000, 2000)));
  const key = JSON.stringify([filters, params, text ?? '', input.page, input.pageSize]);
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
