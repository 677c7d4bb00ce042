/**
 * slotsStartingOn's rule (an exception for the date, else the holiday rule on a public holiday,
 * else the weekday's slots) evaluated on day numbers, with caches: the engine behind isOpenAt,
 * nextChange and numberToCall (opening-hours.ts, which states the semantics).
 *
 * A schedule is compiled once per object (slot times in minutes, exceptions by day number) and
 * shared between objects of equal content; the instants of its slots are remembered per compiled
 * schedule, time zone + departement and local day. Schedules are therefore taken as immutable
 * once evaluated: pass a new object rather than changing one in place.
 */
import { isIsoDate, isoDateToDay, weekdayIndexOfDay, WEEKDAYS } from './calendar';
import { isPublicHolidayDay } from './holidays';
import { resolveLocal, zoneOf, type Zone } from './local-time';
import type { ScheduleInput, TimeSlot } from './opening-hours';

export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Slot length in minutes: a closing time not after the opening time is on the next day. */
export function slotEnd(slot: TimeSlot): number {
  const open = toMinutes(slot.open);
  const close = toMinutes(slot.close);
  return close > open ? close : close + 1440;
}

/** Slot bounds in minutes after the local midnight of their day, flat: [open, end, open, end, …]. */
type Spans = readonly number[];

/** One local day of a schedule: [the day's local midnight, start, end, start, end, …] (instants, ms). */
type DayEntry = readonly number[];

interface CompiledSchedule {
  /** 0 = Monday … 6 = Sunday. */
  readonly weekdays: readonly Spans[];
  readonly holidays: 'closed' | 'open' | Spans;
  /** Day number → its slots ([] when closed); the first exception of a date wins, as in slotsStartingOn. */
  readonly exceptions: ReadonlyMap<number, Spans>;
  /** `${timeZone}|${departement}` → day number → DayEntry. */
  readonly days: Map<string, Map<number, DayEntry>>;
}

/** Days remembered per schedule and time zone before starting afresh. */
const DAYS_CACHE_SIZE = 512;

const compiledSchedules = new WeakMap<object, CompiledSchedule>();

function spansOf(slots: readonly TimeSlot[] | undefined): Spans {
  const out: number[] = [];
  for (const slot of slots ?? []) out.push(toMinutes(slot.open), slotEnd(slot));
  return out;
}

/**
 * Compiled schedules by content, so that equal schedules in different objects (the same hours on
 * many structures, rows read afresh from the database) share their days.
 */
const compiledByContent = new Map<string, CompiledSchedule>();
const CONTENT_CACHE_SIZE = 512;

export function compiled(schedule: ScheduleInput): CompiledSchedule {
  let c = compiledSchedules.get(schedule);
  if (c) return c;
  const key = contentKey(schedule);
  c = key === undefined ? undefined : compiledByContent.get(key);
  if (!c) {
    c = compile(schedule);
    if (key !== undefined) {
      if (compiledByContent.size >= CONTENT_CACHE_SIZE) compiledByContent.delete(compiledByContent.keys().next().value!);
      compiledByContent.set(key, c);
    }
  }
  compiledSchedules.set(schedule, c);
  return c;
}

/**
 * What compile reads of a schedule, as a string: equal keys, equal compiled schedules. Each list
 * is written as its length then fixed-width items (times of 5 characters, dates of 10), which
 * makes the writing unambiguous whatever the characters; undefined (no sharing) for anything else.
 */
export function contentKey(schedule: ScheduleInput): string | undefined {
  let key = '';
  for (const d of WEEKDAYS) {
    const slots = slotsKey(schedule.days[d]);
    if (slots === undefined) return undefined;
    key += slots;
  }
  const rule = schedule.holidays ?? 'closed';
  if (rule === 'closed') key += 'c';
  else if (rule === 'open') key += 'o';
  else {
    const slots = slotsKey(rule);
    if (slots === undefined) return undefined;
    key += `h${slots}`;
  }
  const exceptions = schedule.exceptions ?? [];
  if (!Array.isArray(exceptions)) return undefined;
  key += `${exceptions.length}:`;
  for (const e of exceptions) {
    if (typeof e?.date !== 'string' || e.date.length !== 10) return undefined;
    if (e.closed) key += `${e.date}!`;
    else {
      const slots = slotsKey(e.slots);
      if (slots === undefined) return undefined;
      key += `${e.date}=${slots}`;
    }
  }
  return key;
}

function slotsKey(slots: readonly TimeSlot[] | undefined): string | undefined {
  if (slots === undefined) return '0:';
  if (!Array.isArray(slots)) return undefined;
  let key = `${slots.length}:`;
  for (const s of slots) {
    if (typeof s?.open !== 'string' || typeof s.close !== 'string' || s.open.length !== 5 || s.close.length !== 5) return undefined;
    key += s.open + s.close;
  }
  return key;
}

function compile(schedule: ScheduleInput): CompiledSchedule {
  const exceptions = new Map<number, Spans>();
  for (const e of schedule.exceptions ?? []) {
    // A malformed date never matches a real day.
    if (!isIsoDate(e.date)) continue;
    const day = isoDateToDay(e.date);
    if (!exceptions.has(day)) exceptions.set(day, e.closed ? [] : spansOf(e.slots));
  }
  const rule = schedule.holidays ?? 'closed';
  return {
    weekdays: WEEKDAYS.map((d) => spansOf(schedule.days[d])),
    holidays: rule === 'closed' || rule === 'open' ? rule : spansOf(rule),
    exceptions,
    days: new Map(),
  };
}

/** The time zone and departement a schedule is read in. */
export interface Clock {
  readonly zone: Zone;
  readonly departement: string | undefined;
  readonly key: string;
}

export function clockFor(timeZone: string, departement: string | undefined): Clock {
  return { zone: zoneOf(timeZone), departement, key: `${timeZone}|${departement ?? ''}` };
}

/** A schedule as read on one clock: its local days, computed on demand and remembered. */
export class ScheduleDays {
  private readonly cache: Map<number, DayEntry>;

  constructor(
    private readonly schedule: CompiledSchedule,
    private readonly clock: Clock,
  ) {
    let cache = schedule.days.get(clock.key);
    if (!cache) {
      cache = new Map();
      schedule.days.set(clock.key, cache);
    }
    this.cache = cache;
  }

  get(day: number): DayEntry {
    let entry = this.cache.get(day);
    if (entry === undefined) {
      if (this.cache.size >= DAYS_CACHE_SIZE) this.cache.clear();
      entry = this.compute(day);
      this.cache.set(day, entry);
    }
    return entry;
  }

  private compute(day: number): DayEntry {
    const zone = this.clock.zone;
    const spans = this.spansStartingOn(day);
    const entry = [resolveLocal(day, 0, zone)];
    for (let i = 0; i < spans.length; i += 2) {
      const start = resolveLocal(day, spans[i], zone);
      const end = resolveLocal(day, spans[i + 1], zone);
      if (end > start) entry.push(start, end);
    }
    return entry;
  }

  /** slotsStartingOn on a day number. */
  private spansStartingOn(day: number): Spans {
    const exception = this.schedule.exceptions.get(day);
    if (exception !== undefined) return exception;
    const weekday = this.schedule.weekdays[weekdayIndexOfDay(day)];
    if (isPublicHolidayDay(day, this.clock.departement)) {
      const rule = this.schedule.holidays;
      return rule === 'closed' ? [] : rule === 'open' ? weekday : rule;
    }
    return weekday;
  }

  /**
   * The end of the open stretch around `ms` as far as the slots starting on `today` − 1 … `today` + 1
   * tell (the latest end among the slots covering `ms`), or −Infinity if none covers it. A slot
   * lasts at most a day (plus a DST hour) and starts on its own local date, so these days suffice
   * to say whether `ms` is covered; the day after is there for zones changing clocks at midnight.
   */
  coveringEnd(today: number, ms: number): number {
    let end = Number.NEGATIVE_INFINITY;
    for (let d = today - 1; d <= today + 1; d++) {
      const e = this.get(d);
      for (let i = 1; i < e.length; i += 2) if (e[i] <= ms && ms < e[i + 1] && e[i + 1] > end) end = e[i + 1];
    }
    return end;
  }

  /**
   * When the schedule, open at `ms` until at least `end`, closes: `end` pushed on through the slots
   * covering it (adjacent or overlapping slots make one open stretch); null if past `limit`.
   * Slots starting on a day start at or after its local midnight, so days are added only while
   * their midnight is not after the current end.
   */
  closingAfter(today: number, end: number, limit: number): number | null {
    const loaded = [this.get(today - 1), this.get(today), this.get(today + 1)];
    for (let d = today + 2; ; d++) {
      for (let extended = true; extended; ) {
        extended = false;
        for (const e of loaded) {
          for (let i = 1; i < e.length; i += 2) {
            if (e[i] <= end && end < e[i + 1]) {
              end = e[i + 1];
              extended = true;
            }
          }
        }
      }
      if (end > limit) return null;
      const next = this.get(d);
      if (next[0] > end) return end;
      loaded.push(next);
    }
  }

  /**
   * The first slot start after `ms` (the schedule being closed at `ms`), or null if none by
   * `limit`. Walks day by day and stops at the first day whose midnight is not before the best
   * start found or is past `limit`.
   */
  openingAfter(today: number, ms: number, limit: number): number | null {
    let best = Number.POSITIVE_INFINITY;
    for (let d = today - 1; ; d++) {
      const e = this.get(d);
      if (d > today + 1 && (e[0] >= best || e[0] > limit)) break;
      for (let i = 1; i < e.length; i += 2) if (e[i] > ms && e[i] < best) best = e[i];
    }
    return best <= limit ? best : null;
  }

  /** nextChange on numbers. */
  changeAfter(today: number, ms: number, limit: number): number | null {
    const end = this.coveringEnd(today, ms);
    return end === Number.NEGATIVE_INFINITY ? this.openingAfter(today, ms, limit) : this.closingAfter(today, end, limit);
  }
}
