/**
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD'), independent of any time zone:
 * dates are handled as UTC midnights, so no daylight-saving change can shift them.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds of the date's midnight read as UTC. Throws on a malformed date. */
export function isoDateToUtcMs(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`Date invalide : « ${date} » (format attendu AAAA-MM-JJ).`);
  const [y, mo, d] = date.split('-').map(Number);
  return Date.UTC(y, mo - 1, d);
}

export function utcMsToIsoDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function addDays(date: string, days: number): string {
  return utcMsToIsoDate(isoDateToUtcMs(date) + days * DAY_MS);
}

export function weekdayOf(date: string): Weekday {
  // getUTCDay: 0 = Sunday … 6 = Saturday.
  return WEEKDAYS[(new Date(isoDateToUtcMs(date)).getUTCDay() + 6) % 7];
}

// Day numbers: days since 1970-01-01, the integer form of a date used in inner loops (no parsing,
// no validation: validate the ISO date once, where it comes in, with isoDateToDay).

/** The day number of a date 'YYYY-MM-DD'. Throws on a malformed date. */
export function isoDateToDay(date: string): number {
  return isoDateToUtcMs(date) / DAY_MS;
}

export function dayToIsoDate(day: number): string {
  return utcMsToIsoDate(day * DAY_MS);
}

/** 0 = Monday … 6 = Sunday, the index in WEEKDAYS (day 0, 1970-01-01, was a Thursday). */
export function weekdayIndexOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
