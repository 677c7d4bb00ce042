import { numberToCall, type CoverageAnswer, type CoverageStructure, type DirectoryContact, type Schedule } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { notFound } from '../http/errors';
import { directoryGeneration, TtlCache } from './directory-cache';
import { communeInfo, isStale, structurePath } from './queries';
import { listStructureTypes } from './structure-types';

interface CoveringRow {
  id: string;
  name: string;
  types: string[];
  departement: string | null;
  time_zone: string;
  contacts: DirectoryContact[];
  opening_hours: Schedule | null;
  access_delay_days: number | null;
  access_delay_confirmed_at: string | null;
  confirmed_at: Date | string;
  is_demo: boolean;
  whole_dep: boolean;
}

interface CoveringSet {
  commune: CoverageAnswer['commune'];
  rows: CoveringRow[];
}

/**
 * "Who covers my patient's commune, and whom do I call now?": the published structures covering the
 * commune (by the commune itself or its whole department), grouped by type, each with the number to
 * call at that moment (opening hours, else the night / weekend / holiday line).
 */
export function createWhoCovers(deps: AppDeps) {
  const cache = new TtlCache<CoveringSet>(30_000, 20_000);
  let typeLabels: Map<string, { label: string; sort: number }> | null = null;
  let typesAt = 0;

  async function labels() {
    if (!typeLabels || Date.now() - typesAt > 60_000) {
      const types = await listStructureTypes(deps.handle);
      typeLabels = new Map(types.map((t, i) => [t.code, { label: t.label, sort: i }]));
      typesAt = Date.now();
    }
    return typeLabels;
  }

  // Published structures by id, parsed once: most requests then only ask the database which ids
  // cover the commune (an index-only lookup) and reuse the parsed contacts and schedules.
  const communes = new Map<string, NonNullable<Awaited<ReturnType<typeof communeInfo>>>>();
  let structures = new Map<string, Omit<CoveringRow, 'whole_dep'>>();
  let structuresGeneration = -1;
  let structuresLoadedAt = 0;

  async function structuresById(ids: string[]): Promise<Map<string, Omit<CoveringRow, 'whole_dep'>>> {
    if (structuresGeneration !== directoryGeneration() || Date.now() - structuresLoadedAt > 60_000) {
      structures = new Map();
      structuresGeneration = directoryGeneration();
      structuresLoadedAt = Date.now();
    }
    const missing = ids.filter((id) => !structures.has(id));
    if (missing.length) {
      const rows = await deps.handle.query<Omit<CoveringRow, 'whole_dep'>>(
        `SELECT s.id, s.name, s.types, s.departement, s.time_zone, s.contacts, s.opening_hours, s.access_delay_days,
                s.access_delay_confirmed_at::text AS access_delay_confirmed_at, s.confirmed_at, s.is_demo
         FROM structure s WHERE s.id = ANY ($1::uuid[]) AND s.status = 'published'`,
        [missing],
      );
      for (const r of rows) structures.set(r.id, r);
    }
    return structures;
  }

  // Who covers what, for the whole directory, in memory: departments and communes to structure ids.
  // Rebuilt at once after a write in this process, and every minute in the background otherwise
  // (other instances may have written), so a lookup never waits for the database.
  interface CoverageIndex {
    byDep: Map<string, string[]>;
    byCommune: Map<string, string[]>;
    generation: number;
    loadedAt: number;
  }
  let coverageIndex: Promise<CoverageIndex> | null = null;
  let refreshing = false;

  async function loadCoverageIndex(): Promise<CoverageIndex> {
    const generation = directoryGeneration();
    const rows = await deps.handle.query<{ structure_id: string; departement: string | null; commune_code: string | null }>(
      `SELECT sc.structure_id, sc.departement, sc.commune_code
       FROM structure_coverage sc JOIN structure s ON s.id = sc.structure_id
       WHERE s.status = 'published'`,
    );
    const byDep = new Map<string, string[]>();
    const byCommune = new Map<string, string[]>();
    for (const r of rows) {
      const map = r.departement ? byDep : byCommune;
      const key = (r.departement ?? r.commune_code)!;
      const list = map.get(key);
      if (list) list.push(r.structure_id);
      else map.set(key, [r.structure_id]);
    }
    return { byDep, byCommune, generation, loadedAt: Date.now() };
  }

  async function currentCoverage(): Promise<CoverageIndex> {
    const loaded = coverageIndex ? await coverageIndex.catch(() => null) : null;
    if (!loaded || loaded.generation !== directoryGeneration()) {
      coverageIndex = loadCoverageIndex();
      return coverageIndex;
    }
    if (Date.now() - loaded.loadedAt > 60_000 && !refreshing) {
      refreshing = true;
      const next = loadCoverageIndex();
      next
        .then(() => {
          coverageIndex = next;
        })
        .catch(() => {})
        .finally(() => {
          refreshing = false;
        });
    }
    return loaded;
  }

  async function covering(code: string): Promise<CoveringSet> {
    const hit = cache.get(code);
    if (hit) return hit;
    // Communes are reference data: remembered once looked up.
    const commune = communes.get(code) ?? (await communeInfo(deps.handle, code));
    if (commune) communes.set(code, commune);
    if (!commune) throw notFound(`Commune inconnue : ${code}.`);
    const index = await currentCoverage();
    const wholeDep = new Set(index.byDep.get(commune.departement) ?? []);
    const ids = [...new Set([...wholeDep, ...(index.byCommune.get(code) ?? [])])];
    const byId = await structuresById(ids);
    const rows: CoveringRow[] = [];
    for (const id of ids) {
      const s = byId.get(id);
      if (s) rows.push({ ...s, whole_dep: wholeDep.has(id) });
    }
    rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const set = {
      commune: { code: commune.code, nom: commune.nom, departement: commune.departement, codesPostaux: commune.codes_postaux },
      rows,
    };
    cache.set(code, set);
    return set;
  }

  return async function whoCovers(input: { commune: string; at?: string; type?: string }): Promise<CoverageAnswer> {
    const at = input.at ? new Date(input.at) : deps.now();
    const [set, types] = await Promise.all([covering(input.commune), labels()]);
    const groups = new Map<string, CoverageStructure[]>();
    for (const r of set.rows) {
      if (input.type && !r.types.includes(input.type)) continue;
      const call = numberToCall(r.contacts, at, r.time_zone, r.departement ?? undefined, r.opening_hours ?? undefined);
      const email = r.contacts.find((c) => c.kind === 'email')?.value ?? null;
      const item: CoverageStructure = {
        id: r.id,
        name: r.name,
        url: structurePath(r.id),
        types: r.types,
        accessDelayDays: r.access_delay_days,
        accessDelayConfirmedAt: r.access_delay_confirmed_at,
        toVerify: isStale(r.confirmed_at, at),
        isDemo: r.is_demo,
        call: call.contact
          ? {
              kind: call.contact.kind,
              label: call.contact.label ?? null,
              number: call.contact.value,
              reason: call.reason,
              openUntil: call.openUntil ? call.openUntil.toISOString() : null,
            }
          : null,
        nextOpening: call.contact ? null : (call.nextOpening?.toISOString() ?? null),
        email,
        coversWholeDepartement: r.whole_dep,
      };
      // A structure of several types is listed under its first (main) type.
      const main = r.types[0];
      if (!groups.has(main)) groups.set(main, []);
      groups.get(main)!.push(item);
    }
    const ordered = [...groups.entries()].sort((a, b) => (types.get(a[0])?.sort ?? 999) - (types.get(b[0])?.sort ?? 999));
    return {
      commune: set.commune,
      at: at.toISOString(),
      groups: ordered.map(([type, structures]) => ({ type, label: types.get(type)?.label ?? type, structures })),
    };
  };
}
