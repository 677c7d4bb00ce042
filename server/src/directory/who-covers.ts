import {
  DAYTIME_PHONE_KINDS,
  NEXT_CHANGE_HORIZON_DAYS,
  NIGHT_PHONE_KINDS,
  STALE_AFTER_DAYS,
  nextChange,
  numberToCall,
  type CoverageAnswer,
  type Schedule,
} from '@palliance/core';
import type { AppDeps } from '../app-types';
import { notFound } from '../http/errors';
import { keptUntilChanged } from './directory-cache';
import { communeInfo, directoryFingerprint, structurePath } from './queries';
import { STRUCTURE_CALL_COLUMNS, type StructureCallRow } from './structure-call-row';
import { listStructureTypes } from './structure-types';

/** What the answer says of one structure at one moment, with the stretch of time it holds for. */
interface CallState {
  /** Earliest instant (ms) this text was computed for; it holds from there until `until`. */
  from: number;
  /** First instant (ms) at which it may differ: a line opens or closes, the entry turns "à vérifier". */
  until: number;
  /** `"toVerify":…,"isDemo":…,"call":…,"nextOpening":…` */
  json: string;
}

/** A published structure, parsed once, with the parts of its JSON that do not depend on the moment. */
interface Entry {
  row: StructureCallRow;
  /** `{"id":…,"name":…,"url":…,"types":…,"accessDelayDays":…,"accessDelayConfirmedAt":…,` */
  head: string;
  /** `,"email":…,"coversWholeDepartement":` */
  tail: string;
  /** toVerify is true after this instant (ms). */
  staleAt: number;
  /** The schedules whose changes can change the number to call (phone lines, else the structure's hours). */
  schedules: Schedule[];
  /** Computed answers, sorted by `until`. */
  calls: CallState[];
}

interface Group {
  type: string;
  /** `{"type":…,"label":…,"structures":[` */
  head: string;
  rows: { entry: Entry; wholeDep: boolean }[];
}

/** A commune's covering structures, grouped as the answer lists them, with its last answers. */
interface Covering {
  /** `{"commune":{…},"at":"` */
  head: string;
  groups: Group[];
  /** Last answer per type filter ('' for none): its `groups` text and the stretch it holds for. */
  answers: Map<string, { from: number; until: number; groups: string }>;
}

interface Snapshot {
  byDep: Map<string, Entry[]>;
  byCommune: Map<string, Entry[]>;
  typeOrder: Map<string, { label: string; sort: number }>;
  coverings: Map<string, Covering>;
}

const PHONE_KINDS = new Set([...DAYTIME_PHONE_KINDS, ...NIGHT_PHONE_KINDS]);
const HORIZON_MS = NEXT_CHANGE_HORIZON_DAYS * 86_400_000;
/** Beyond this many remembered stretches per structure (a year of random instants), start over. */
const MAX_CALL_STATES = 64;
const REFRESH_MS = 60_000;
const COMMA = ',';
const TRUE_END = 'true}';
const FALSE_END = 'false}';
const GROUP_END = ']}';
const GROUPS_START = '","groups":[';
const ANSWER_END = ']}';
/**
 * Communes whose covering structures (and last answers) are kept, the most recently asked: a
 * commune of a large department costs about 12 KB, and its whole answer tens of KB more, so keeping
 * all 35,000 communes would hold hundreds of MB. Rebuilding a commune that fell out takes well under
 * a millisecond from the structures held in memory.
 */
export const MAX_COVERINGS = 1_000;

function toEntry(r: StructureCallRow): Entry {
  const confirmed = new Date(r.confirmed_at).getTime();
  const schedules = new Set<Schedule>();
  for (const c of r.contacts) {
    if (!PHONE_KINDS.has(c.kind)) continue;
    // A night line always on and without hours never changes; a line without hours follows the structure's.
    if (c.alwaysOn && !c.schedule && NIGHT_PHONE_KINDS.includes(c.kind)) continue;
    const s = c.schedule ?? r.opening_hours;
    if (s) schedules.add(s as Schedule);
  }
  const email = r.contacts.find((c) => c.kind === 'email')?.value ?? null;
  return {
    row: r,
    head:
      `{"id":${JSON.stringify(r.id)},"name":${JSON.stringify(r.name)},"url":${JSON.stringify(structurePath(r.id))},` +
      `"types":${JSON.stringify(r.types)},"accessDelayDays":${JSON.stringify(r.access_delay_days)},` +
      `"accessDelayConfirmedAt":${JSON.stringify(r.access_delay_confirmed_at)},`,
    tail: `,"email":${JSON.stringify(email)},"coversWholeDepartement":`,
    staleAt: confirmed + STALE_AFTER_DAYS * 86_400_000,
    schedules: [...schedules],
    calls: [],
  };
}

/**
 * The moment-dependent part of a structure's answer at `ms`. Computed answers are kept with the
 * stretch of time they hold for (up to the next opening or closing of any of its lines, or the day
 * it turns "à vérifier"), so most requests reuse one instead of evaluating schedules again.
 */
export function callStateAt(e: Entry, ms: number): CallState {
  const calls = e.calls;
  // First remembered stretch ending after ms.
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (calls[mid]!.until <= ms) lo = mid + 1;
    else hi = mid;
  }
  const found = calls[lo];
  if (found && found.from <= ms) return found;

  const r = e.row;
  const at = new Date(ms);
  const call = numberToCall(r.contacts, at, r.time_zone, r.departement ?? undefined, r.opening_hours ?? undefined);
  const toVerify = ms > e.staleAt;
  const json =
    `"toVerify":${toVerify},"isDemo":${r.is_demo},"call":` +
    (call.contact
      ? JSON.stringify({
          kind: call.contact.kind,
          label: call.contact.label ?? null,
          number: call.contact.value,
          reason: call.reason,
          openUntil: call.openUntil ? call.openUntil.toISOString() : null,
        })
      : 'null') +
    `,"nextOpening":${JSON.stringify(call.contact ? null : (call.nextOpening?.toISOString() ?? null))}`;

  // Until when this text holds: no line opens or closes before `until`, so the same line answers,
  // with the same closing time or the same next opening.
  let until = toVerify ? Number.POSITIVE_INFINITY : e.staleAt + 1;
  const horizonLimited =
    e.schedules.length > 0 &&
    (call.contact ? call.openUntil === null && !(call.contact.alwaysOn && !call.contact.schedule) : call.nextOpening === null);
  if (horizonLimited) {
    // "Open past the 14-day horizon" / "nothing opens within 14 days" changes as the horizon moves.
    until = ms + 1;
  } else {
    for (const s of e.schedules) {
      const change = nextChange(s, at, r.time_zone, r.departement ?? undefined);
      until = Math.min(until, change ? change.getTime() : ms + HORIZON_MS);
    }
  }
  const state = { from: ms, until, json };
  if (found && found.until === until && found.json === json) {
    // The same stretch, reached earlier than before.
    found.from = ms;
    return found;
  }
  if (calls.length >= MAX_CALL_STATES) calls.length = 0;
  calls.splice(calls.length ? lo : 0, 0, state);
  return state;
}

/**
 * "Who covers my patient's commune, and whom do I call now?": the published structures covering the
 * commune (by the commune itself or its whole department), grouped by type, each with the number to
 * call at that moment (opening hours, else the night / weekend / holiday line). Answers the JSON text.
 *
 * The whole published directory is held in memory (structures parsed once, who covers what), so an
 * answer never waits for the database. It is reloaded at once after a write in this process, and
 * otherwise checked every minute in the background (other instances may have written): reloaded
 * only when the structures changed.
 */
export function createWhoCovers(deps: AppDeps) {
  // Communes are reference data: all of them at the first request, any other once looked up.
  let communes: Map<string, { code: string; nom: string; departement: string; codes_postaux: string[] }> | null = null;

  async function build(): Promise<Snapshot> {
    if (!communes) {
      const rows = await deps.handle.query<{ code: string; nom: string; departement: string; codes_postaux: string[] }>(
        'SELECT code, nom, departement, codes_postaux FROM commune',
      );
      communes = new Map(rows.map((c) => [c.code, c]));
    }
    const types = await listStructureTypes(deps.handle);
    const rows = await deps.handle.query<StructureCallRow>(
      `SELECT ${STRUCTURE_CALL_COLUMNS}
       FROM structure s WHERE s.status = 'published'`,
    );
    const structures = new Map(rows.map((r) => [r.id, toEntry(r)]));
    const coverage = await deps.handle.query<{ structure_id: string; departement: string | null; commune_code: string | null }>(
      `SELECT sc.structure_id, sc.departement, sc.commune_code
       FROM structure_coverage sc JOIN structure s ON s.id = sc.structure_id
       WHERE s.status = 'published'`,
    );
    const byDep = new Map<string, Entry[]>();
    const byCommune = new Map<string, Entry[]>();
    for (const c of coverage) {
      const entry = structures.get(c.structure_id);
      if (!entry) continue; // published after the first query
      const map = c.departement ? byDep : byCommune;
      const key = (c.departement ?? c.commune_code)!;
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    }
    return {
      byDep,
      byCommune,
      typeOrder: new Map(types.map((t, i) => [t.code, { label: t.label, sort: i }])),
      coverings: new Map(),
    };
  }

  const current = keptUntilChanged(() => directoryFingerprint(deps.handle, 'published'), build, { refreshMs: REFRESH_MS });

  async function covering(snap: Snapshot, code: string): Promise<Covering> {
    const hit = snap.coverings.get(code);
    if (hit) {
      // Most recently asked last: the first one is the next to go.
      snap.coverings.delete(code);
      snap.coverings.set(code, hit);
      return hit;
    }
    let commune = communes?.get(code);
    if (!commune) {
      commune = await communeInfo(deps.handle, code);
      if (!commune) throw notFound(`Commune inconnue : ${code}.`);
      communes?.set(code, commune);
    }
    const wholeDep = new Set(snap.byDep.get(commune.departement) ?? []);
    const entries = [...new Set([...wholeDep, ...(snap.byCommune.get(code) ?? [])])];
    entries.sort((a, b) => (a.row.name < b.row.name ? -1 : a.row.name > b.row.name ? 1 : 0));
    // A structure of several types is listed under its first (main) type.
    const groups = new Map<string, Group['rows']>();
    for (const entry of entries) {
      const main = entry.row.types[0]!;
      if (!groups.has(main)) groups.set(main, []);
      groups.get(main)!.push({ entry, wholeDep: wholeDep.has(entry) });
    }
    const order = (type: string) => snap.typeOrder.get(type)?.sort ?? 999;
    const answerCommune: CoverageAnswer['commune'] = {
      code: commune.code,
      nom: commune.nom,
      departement: commune.departement,
      codesPostaux: commune.codes_postaux,
    };
    const built: Covering = {
      head: `{"commune":${JSON.stringify(answerCommune)},"at":"`,
      groups: [...groups.entries()]
        .sort((a, b) => order(a[0]) - order(b[0]))
        .map(([type, rows]) => ({
          type,
          head: `{"type":${JSON.stringify(type)},"label":${JSON.stringify(snap.typeOrder.get(type)?.label ?? type)},"structures":[`,
          rows,
        })),
      answers: new Map(),
    };
    snap.coverings.set(code, built);
    if (snap.coverings.size > MAX_COVERINGS) snap.coverings.delete(snap.coverings.keys().next().value!);
    return built;
  }

  return Object.assign(whoCovers, {
    warm: current,
    /** How many communes are kept (with their answers), for tests and diagnostics. */
    keptCommunes: async () => (await current()).coverings.size,
  });

  async function whoCovers(input: { commune: string; at?: string; type?: string }): Promise<string> {
    const at = input.at ? new Date(input.at) : deps.now();
    const ms = at.getTime();
    const snap = await current();
    const cov = await covering(snap, input.commune);
    const typeKey = input.type ?? '';
    let answer = cov.answers.get(typeKey);
    if (!answer || ms < answer.from || ms >= answer.until) {
      // Joined once into a flat string (not grown piece by piece, which V8 must flatten when it is sent).
      let until = Number.POSITIVE_INFINITY;
      const parts: string[] = [];
      for (const g of cov.groups) {
        const start = parts.length;
        for (const { entry, wholeDep } of g.rows) {
          if (input.type && !entry.row.types.includes(input.type)) continue;
          const state = callStateAt(entry, ms);
          if (state.until < until) until = state.until;
          if (parts.length === start) {
            if (start) parts.push(COMMA);
            parts.push(g.head);
          } else parts.push(COMMA);
          parts.push(entry.head, state.json, entry.tail, wholeDep ? TRUE_END : FALSE_END);
        }
        if (parts.length !== start) parts.push(GROUP_END);
      }
      answer = { from: ms, until, groups: parts.join('') };
      // Kept with the commune (so as long as it is, see MAX_COVERINGS); only real types: a made-up
      // filter must not grow the cache.
      if (!input.type || snap.typeOrder.has(input.type)) cov.answers.set(typeKey, answer);
    }
    return cov.head + at.toISOString() + GROUPS_START + answer.groups + ANSWER_END;
  }
}

const shared = new WeakMap<AppDeps, ReturnType<typeof createWhoCovers>>();

/**
 * The platform's one "who covers" (its directory held once in memory, ~120 MB at national scale):
 * the directory routes and the support-request suggestions share it.
 */
export function whoCoversOf(deps: AppDeps): ReturnType<typeof createWhoCovers> {
  let whoCovers = shared.get(deps);
  if (!whoCovers) shared.set(deps, (whoCovers = createWhoCovers(deps)));
  return whoCovers;
}
