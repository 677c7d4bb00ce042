/**
 * Wall-clock time in IANA time zones with the Intl API only (browsers and Node alike), fast enough
 * for inner loops: the UTC offset is read with Intl once per UTC hour and remembered.
 *
 * An hour whose offset is the same at its start and at the next hour's start is taken to keep
 * that offset throughout (a zone never changes its offset twice within an hour and back); an hour
 * where they differ holds one transition, whose instant is found to the second, once.
 */
import { DAY_MS } from './calendar';

const HOUR_MS = 3_600_000;
/** Largest |time value| of a Date. */
const MAX_MS = 8.64e15;
/** Marks an hour holding a transition, in Zone.hours. */
const MIXED = Number.POSITIVE_INFINITY;
/** Hours remembered per zone before starting afresh (about 11 years of hours). */
const HOURS_CACHE_SIZE = 100_000;
/** resolveLocal remembers whole minutes from 0 to two days (a slot's end on the next day). */
const LOCAL_MINUTES = 2 * 1440 + 1;
const LOCALS_CACHE_SIZE = 100_000;

export interface Zone {
  readonly timeZone: string;
  readonly format: Intl.DateTimeFormat;
  /** UTC hour number → offset in ms over the whole hour, or MIXED. */
  readonly hours: Map<number, number>;
  /** UTC hour number → the transition it holds: its instant, the offset before it, the offset from it on. */
  readonly transitions: Map<number, readonly [at: number, before: number, after: number]>;
  /** resolveLocal's answers for whole minutes 0…LOCAL_MINUTES − 1, by day × LOCAL_MINUTES + minutes. */
  readonly locals: Map<number, number>;
}

const zones = new Map<string, Zone>();

/** The zone's state, created on first use. Throws RangeError for an unknown time zone. */
export function zoneOf(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zone = { timeZone, format, hours: new Map(), transitions: new Map(), locals: new Map() };
    zones.set(timeZone, zone);
  }
  return zone;
}

/** The wall-clock reading at `ms`, as milliseconds of that reading taken as UTC (second precision), from Intl. */
export function readWall(ms: number, zone: Zone): number {
  const p: Record<string, number> = {};
  for (const part of zone.format.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  // Some engines print midnight as 24 even with h23.
  return Date.UTC(p.year, p.month - 1, p.day, p.hour === 24 ? 0 : p.hour, p.minute, p.second);
}

function readOffset(ms: number, zone: Zone): number {
  return readWall(ms, zone) - Math.floor(ms / 1000) * 1000;
}

/** Offset from UTC at `ms`, in milliseconds (whole seconds): what Intl reads, remembered per hour. */
export function offsetAt(ms: number, zone: Zone): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = zone.hours.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    // Not a number (Intl throws RangeError) or at the ends of the Date range: no caching.
    if (!(start >= -MAX_MS && start + HOUR_MS <= MAX_MS)) return readOffset(ms, zone);
    offset = learnHour(hour, zone);
  }
  if (offset !== MIXED) return offset;
  const [at, before, after] = zone.transitions.get(hour)!;
  return ms < at ? before : after;
}

function learnHour(hour: number, zone: Zone): number {
  if (zone.hours.size >= HOURS_CACHE_SIZE) {
    zone.hours.clear();
    zone.transitions.clear();
  }
  let lo = hour * HOUR_MS;
  let hi = lo + HOUR_MS;
  const before = readOffset(lo, zone);
  const after = readOffset(hi, zone);
  if (before === after) {
    zone.hours.set(hour, before);
    return before;
  }
  // The transition is in (lo, hi], on a whole second: find the first second with the new offset.
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (readOffset(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  zone.transitions.set(hour, [hi, before, readOffset(hi, zone)]);
  zone.hours.set(hour, MIXED);
  return MIXED;
}

/** The wall-clock reading at `ms`, as milliseconds of that reading taken as UTC (second precision). */
export function wallAt(ms: number, zone: Zone): number {
  return Math.floor(ms / 1000) * 1000 + offsetAt(ms, zone);
}

/** The local day number (days since 1970-01-01) at `ms`. */
export function localDayAt(ms: number, zone: Zone): number {
  return Math.floor(wallAt(ms, zone) / DAY_MS);
}

/**
 * The instant at which the local clock first shows `minutes` after midnight of day number `day`
 * (`minutes` may exceed 1440). A local time skipped by a transition stands for the transition;
 * one repeated stands for its first occurrence.
 */
export function resolveLocal(day: number, minutes: number, zone: Zone): number {
  if (!(Number.isInteger(minutes) && minutes >= 0 && minutes < LOCAL_MINUTES && Number.isSafeInteger(day))) {
    return computeLocal(day, minutes, zone);
  }
  const key = day * LOCAL_MINUTES + minutes;
  let instant = zone.locals.get(key);
  if (instant === undefined) {
    if (zone.locals.size >= LOCALS_CACHE_SIZE) zone.locals.clear();
    instant = computeLocal(day, minutes, zone);
    zone.locals.set(key, instant);
  }
  return instant;
}

/** resolveLocal without its cache. */
export function computeLocal(day: number, minutes: number, zone: Zone): number {
  const local = day * DAY_MS + minutes * 60_000;
  const before = offsetAt(local - DAY_MS, zone);
  const after = offsetAt(local + DAY_MS, zone);
  const first = Math.min(local - before, local - after);
  const second = Math.max(local - before, local - after);
  if (wallAt(first, zone) === local) return first;
  if (second !== first && wallAt(second, zone) === local) return second;
  // The local time falls in a gap (clocks moved forward): the transition is between the two
  // candidates; find its first instant.
  let lo = first;
  let hi = second;
  if (lo === hi) return lo;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}
