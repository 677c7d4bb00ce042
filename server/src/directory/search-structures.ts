import { foldForSearch, type StructureSummary } from '@palliance/core';
import type { AppDeps } from '../app-types';
import type { Actor } from '../http/actor';
import { can } from '../http/permissions';
import type { DbHandle } from '../db/client';
import { keptUntilChanged, type Kept } from './directory-cache';
import { NameIndex, type NamedEntry } from './name-index';
import { directoryFingerprint, isStale, structurePath } from './queries';

/** Fewer exact matches than this, and the search also tries names that look alike (typos). */
const FUZZY_BELOW = 5;

/** Answers kept per directory state, the most recent ones. */
const MAX_ANSWERS = 2000;

type Found = { rows: Row[]; total: number };
interface SearchState {
  names: NameIndex;
  answers: Map<string, Found>;
}
const states = new WeakMap<DbHandle, () => Promise<SearchState & Kept>>();

/** The names of the whole directory (every status) and the answers given since it last changed. */
function searchState(deps: AppDeps) {
  let current = states.get(deps.handle);
  if (!current) {
    current = keptUntilChanged(
      () => directoryFingerprint(deps.handle, 'all'),
      async () => {
        const entries = await deps.handle.query<NamedEntry>(
          `SELECT id, name_search AS "nameSearch", status, types, departement FROM structure`,
        );
        return { names: new NameIndex(entries), answers: new Map() };
      },
    );
    states.set(deps.handle, current);
  }
  return current();
}

/** Builds the name index ahead of the first search. */
export const warmSearch = (deps: AppDeps) => searchState(deps);

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
  const asked = input.status ?? 'published';
  const status = can(actor, 'directory.approve', { departement: input.departement ?? null }) ? asked : 'published';
  filters.push(`s.status = ${p(status)}`);
  if (input.type) filters.push(`${p(input.type)} = ANY (s.types)`);
  if (input.departement) filters.push(`s.departement = ${p(input.departement)}`);
  const text = input.q?.trim();
  const whereSql = filters.join(' AND ');
  const select = `SELECT s.id, s.name, s.types, s.departement, c.nom AS commune_name, s.latitude, s.longitude, s.status,
                s.confirmed_at, s.is_demo, ${text ? 'left(s.description, 200)' : 'NULL'} AS snippet`;

  /** The exact ways of matching, one page of them ranked, and how many there are. */
  const exact = async (page: number, pageSize: number): Promise<Found> => {
    const q = [...params];
    const add = (v: unknown) => {
      q.push(v);
      return `$${q.length}`;
    };
    if (!text) {
      // Without text the first page comes straight from the (status, name) index; the count apart.
      const countParams = [...q];
      const [rows, counted] = await Promise.all([
        deps.handle.query<Row>(
          `${select} FROM structure s LEFT JOIN commune c ON c.code = s.commune_code
           WHERE ${whereSql} ORDER BY s.name LIMIT ${add(pageSize)} OFFSET ${add((page - 1) * pageSize)}`,
          q,
        ),
        deps.handle.query<{ total: number }>(`SELECT count(*)::int AS total FROM structure s WHERE ${whereSql}`, countParams),
      ]);
      return { rows, total: counted[0]?.total ?? 0 };
    }
    const tsq = add(text);
    const fold = add(foldForSearch(text));
    const typesMatching = `ARRAY(SELECT t.code FROM structure_type t
               WHERE to_tsvector('fr_unaccent', t.label || ' ' || t.code) @@ websearch_to_tsquery('fr_unaccent', ${tsq}))`;
    // French full text, name substring, type labels resolved once, in one pass: a broad word ("soins
    // palliatifs") matches a third of the directory, read once rather than once per way and joined
    // back; a narrow one is a BitmapOr of the three indexes. Ranked on every match, so the rank must
    // be cheap: a name containing the text gets a full bonus.
    const rank = `ts_rank(s.search, websearch_to_tsquery('fr_unaccent', ${tsq})) + (s.name_search LIKE '%' || ${fold} || '%')::int`;
    const matches = `${whereSql} AND (s.search @@ websearch_to_tsquery('fr_unaccent', ${tsq})
                     OR s.name_search LIKE '%' || ${fold} || '%' OR s.types && ${typesMatching})`;
    // Ranking needs every match anyway; only the page's rows are then read in full (description,
    // commune name): matches are ranked on (id, name, rank) alone and counted from the same set.
    const rows = await deps.handle.query<Row & { total: number }>(
      `WITH r AS (SELECT s.id, s.name, ${rank} AS rank FROM structure s WHERE ${matches})
       ${select}, (SELECT count(*) FROM r)::int AS total
       FROM (SELECT id, name, rank FROM r ORDER BY rank DESC, name LIMIT ${add(pageSize)} OFFSET ${add((page - 1) * pageSize)}) top
       JOIN structure s ON s.id = top.id LEFT JOIN commune c ON c.code = s.commune_code
       ORDER BY top.rank DESC, top.name`,
      q,
    );
    if (rows.length || page === 1) return { rows, total: rows[0]?.total ?? 0 };
    // A page past the last: the count alone.
    const counted = await deps.handle.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM structure s WHERE ${matches}`,
      q.slice(0, params.length + 2),
    );
    return { rows, total: counted[0]?.total ?? 0 };
  };

  // The same searches come back all day ("HAD", "EMSP Lyon"): answers are kept until the directory
  // changes (see keptUntilChanged).
  const state = await searchState(deps);
  const key = JSON.stringify([status, input.type ?? '', input.departement ?? '', text ?? '', input.page, input.pageSize]);
  let found = state.answers.get(key);
  if (!found) {
    found = await exact(input.page, input.pageSize);
    if (text && found.total < FUZZY_BELOW) {
      // Next to nothing matches exactly: names that look like the text (a typo, a word missing from
      // every entry) follow the exact matches.
      const exactIds =
        found.rows.length === found.total ? found.rows.map((r) => r.id) : (await exact(1, FUZZY_BELOW)).rows.map((r) => r.id);
      const similar = state.names.similarNames(text, { status, type: input.type, departement: input.departement }, new Set(exactIds));
      const ordered = [...exactIds, ...similar.map((x) => x.id)];
      const pageIds = ordered.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
      const rows = pageIds.length
        ? await deps.handle.query<Row>(
            `${select} FROM structure s LEFT JOIN commune c ON c.code = s.commune_code
             WHERE s.id = ANY(${`$${params.length + 1}`}::uuid[]) AND ${whereSql}`,
            [...params, pageIds],
          )
        : [];
      const at = new Map(pageIds.map((id, i) => [id, i]));
      rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
      found = { rows, total: ordered.length };
    }
    if (state.answers.size >= MAX_ANSWERS) state.answers.delete(state.answers.keys().next().value!);
    state.answers.set(key, found);
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
