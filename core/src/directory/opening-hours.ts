/**
 * Opening hours of support structures and "which number do I call now?".
 *
 * Hours are wall-clock times in the structure's IANA time zone. A slot belongs to the day it
 * starts on and is the continuous stretch of real time from its local opening time to its local
 * closing time; a slot whose closing time is not after its opening time runs into the next day
 * (18:00–08:00; 08:00–08:00 is 24 hours). Across a daylight-saving change a slot keeps its local
 * bounds: a night slot 18:00–08:00 lasts 13 h on the spring-forward night, 15 h on the fall-back
 * night. A local time that does not exist (02:30 on the spring-forward night in Europe/Paris)
 * stands for the first instant the clock shows a later time (03:00); a local time that occurs
 * twice (02:30 on the fall-back night) stands for its first occurrence.
 *
 * Which slots start on a date: an exception for that date, else the holiday rule if the date is a
 * French public holiday, else the weekday's slots. A slot started the day before is not cut by
 * the next day's rule: Saturday 18:00–08:00 still covers Sunday 03:00 when Sunday is a holiday
 * or an exception closes Sunday.
 *
 * Only the Intl API is used for time zones, so this runs unchanged in browsers and in Node.
 *
 * isOpenAt, nextChange and numberToCall read schedules through caches (schedule-days.ts,
 * local-time.ts): a schedule object must not be changed in place once evaluated — pass a new one.
 */
import { z } from 'zod';
import { DAY_MS, dayToIsoDate, isIsoDate, isoDateToDay, weekdayIndexOfDay, weekdayOf, WEEKDAYS, type Weekday } from './calendar';
import { isFrenchPublicHoliday } from './holidays';
import { localDayAt, resolveLocal, wallAt, zoneOf } from './local-time';
import { clockFor, compiled, ScheduleDays, type Clock } from './schedule-days';

export { WEEKDAYS, type Weekday } from './calendar';

/** How far `nextChange` looks ahead. */
export const NEXT_CHANGE_HORIZON_DAYS = 14;

// ---------------------------------------------------------------------------------------------
// Schemas

const OPEN_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSE_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export const openingTimeSchema = z.string().regex(OPEN_TIME, 'Heure attendue au format HH:MM, de 00:00 à 23:59.');
export const closingTimeSchema = z
  .string()
  .regex(CLOSE_TIME, 'Heure attendue au format HH:MM, de 00:00 à 24:00.');

/** A time slot; `close <= open` means the slot ends the next day. */
export const timeSlotSchema = z.object({ open: openingTimeSchema, close: closingTimeSchema });
export type TimeSlot = z.infer<typeof timeSlotSchema>;

export const isoDateSchema = z.string().refine(isIsoDate, 'Date attendue au format AAAA-MM-JJ.');

const slotsSchema = z.array(timeSlotSchema);

export const scheduleExceptionSchema = z
  .object({
    date: isoDateSchema,
    closed: z.boolean().optional(),
    slots: slotsSchema.optional(),
    label: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.closed === true && e.slots && e.slots.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['slots'], message: 'Une exception « fermé » ne peut pas avoir d’horaires.' });
    }
    if (e.closed !== true && e.slots === undefined) {
      ctx.addIssue({ code: 'custom', path: ['slots'], message: 'Indiquez soit « fermé », soit les horaires de ce jour.' });
    }
  });
export type ScheduleException = z.infer<typeof scheduleExceptionSchema>;

/** On public holidays: closed, open as on that weekday, or specific slots. */
export const holidayRuleSchema = z.union([z.literal('closed'), z.literal('open'), slotsSchema]);
export type HolidayRule = z.infer<typeof holidayRuleSchema>;

export const weeklyDaysSchema = z.object({
  mon: slotsSchema.default([]),
  tue: slotsSchema.default([]),
  wed: slotsSchema.default([]),
  thu: slotsSchema.default([]),
  fri: slotsSchema.default([]),
  sat: slotsSchema.default([]),
  sun: slotsSchema.default([]),
});

export const scheduleSchema = z
  .object({
    days: weeklyDaysSchema,
    holidays: holidayRuleSchema.default('closed'),
    exceptions: z.array(scheduleExceptionSchema).default([]),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.exceptions.forEach((e, i) => {
      if (seen.has(e.date)) {
        ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'date'], message: `Deux exceptions pour le ${e.date}.` });
      }
      seen.add(e.date);
    });
  });
/** A parsed schedule: every day present, defaults applied. */
export type Schedule = z.output<typeof scheduleSchema>;
/** What the functions accept: missing days are closed, holidays default to 'closed'. */
export type ScheduleInput = z.input<typeof scheduleSchema>;

export const contactKindSchema = z.enum(['accueil', 'secretariat_medical', 'astreinte', 'appui_territorial', 'email', 'mssante']);
export type ContactKind = z.infer<typeof contactKindSchema>;

/** Phone lines answered during opening hours. */
export const DAYTIME_PHONE_KINDS: readonly ContactKind[] = ['accueil', 'secretariat_medical'];
/** Night / weekend / public-holiday phone lines. */
export const NIGHT_PHONE_KINDS: readonly ContactKind[] = ['astreinte', 'appui_territorial'];

export const directoryContactSchema = z
  .object({
    kind: contactKindSchema,
    label: z.string().trim().min(1).max(200).optional(),
    value: z.string().trim().min(1).max(320),
    schedule: scheduleSchema.optional(),
    /** Only for astreinte / appui_territorial lines without a schedule: reachable at all times. */
    alwaysOn: z.boolean().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.alwaysOn && !NIGHT_PHONE_KINDS.includes(c.kind)) {
      ctx.addIssue({ code: 'custom', path: ['alwaysOn'], message: 'Seule une ligne d’astreinte ou d’appui territorial peut être joignable en permanence.' });
    }
    if (c.alwaysOn && c.schedule) {
      ctx.addIssue({ code: 'custom', path: ['alwaysOn'], message: 'Une ligne joignable en permanence n’a pas d’horaires.' });
    }
  });
export type DirectoryContact = z.output<typeof directoryContactSchema>;
export type DirectoryContactInput = z.input<typeof directoryContactSchema>;

// ---------------------------------------------------------------------------------------------
// Instants and local time

/** A Date, or an ISO 8601 instant carrying 'Z' or an offset. */
export type InstantInput = Date | string;

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

/**
 * Parses an ISO 8601 instant. A string without 'Z' or offset is refused: the runtime would read
 * it in its own time zone, not the structure's.
 */
export function parseInstant(value: string): Date {
  const m = ISO_INSTANT.exec(value.trim());
  if (!m || !isIsoDate(m[1])) {
    throw new RangeError(`Instant ISO 8601 invalide : « ${value} » (attendu p. ex. 2026-03-29T02:30:00+02:00 ou …Z).`);
  }
  return new Date(Date.parse(value.trim()));
}

function toMs(instant: InstantInput): number {
  const ms = typeof instant === 'string' ? parseInstant(instant).getTime() : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Instant invalide.');
  return ms;
}

export interface LocalParts {
  /** Local calendar date, 'YYYY-MM-DD'. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight, 0–1439. */
  minutes: number;
  second: number;
  /** Offset from UTC in minutes at that instant (+120 for CEST, +60 for CET, +240 in Réunion). */
  offsetMinutes: number;
}

/** The wall-clock date and time at `instant` in `timeZone`. */
export function localParts(instant: InstantInput, timeZone: string): LocalParts {
  const ms = toMs(instant);
  const wall = wallAt(ms, zoneOf(timeZone));
  const day = Math.floor(wall / DAY_MS);
  const sinceMidnight = wall - day * DAY_MS;
  return {
    date: dayToIsoDate(day),
    weekday: WEEKDAYS[weekdayIndexOfDay(day)],
    minutes: Math.floor(sinceMidnight / 60_000),
    second: Math.floor((sinceMidnight % 60_000) / 1000),
    offsetMinutes: Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000),
  };
}

/**
 * The instant at which the local clock first shows `minutes` after midnight of `date`
 * (`minutes` may exceed 1440 to mean the following day). See the file header for the
 * non-existent and repeated local times.
 */
export function localToInstant(date: string, minutes: number, timeZone: string): Date {
  const day = isoDateToDay(date);
  return new Date(resolveLocal(day, minutes, zoneOf(timeZone)));
}

// ---------------------------------------------------------------------------------------------
// Schedule evaluation

/** The slots that start on `date` (exception, else holiday rule, else weekday). */
export function slotsStartingOn(schedule: ScheduleInput, date: string, departement?: string): TimeSlot[] {
  const exception = (schedule.exceptions ?? []).find((e) => e.date === date);
  if (exception) return exception.closed ? [] : [...(exception.slots ?? [])];
  const weekday = schedule.days[weekdayOf(date)] ?? [];
  if (isFrenchPublicHoliday(date, departement)) {
    const rule = schedule.holidays ?? 'closed';
    if (rule === 'closed') return [];
    if (rule === 'open') return [...weekday];
    return [...rule];
  }
  return [...weekday];
}

/** Whether the schedule is open at `instant`. `departement` selects the local public holidays. */
export function isOpenAt(schedule: ScheduleInput, instant: InstantInput, timeZone: string, departement?: string): boolean {
  const ms = toMs(instant);
  const clock = clockFor(timeZone, departement);
  return new ScheduleDays(compiled(schedule), clock).coveringEnd(localDayAt(ms, clock.zone), ms) > ms;
}

/**
 * The next instant after `instant` at which the schedule goes from open to closed or from closed
 * to open, looking up to 14 days ahead; null if the state does not change within that horizon.
 */
export function nextChange(schedule: ScheduleInput, instant: InstantInput, timeZone: string, departement?: string): Date | null {
  const ms = toMs(instant);
  const clock = clockFor(timeZone, departement);
  const change = new ScheduleDays(compiled(schedule), clock).changeAfter(localDayAt(ms, clock.zone), ms, ms + NEXT_CHANGE_HORIZON_DAYS * DAY_MS);
  return change === null ? null : new Date(change);
}

// ---------------------------------------------------------------------------------------------
// Which number to call

export type CallReason = 'horaires_ouverture' | 'ligne_nuit_weekend';

export type NumberToCall<C extends DirectoryContactInput = DirectoryContactInput> =
  | {
      contact: C;
      reason: CallReason;
      /** When this line stops answering; null if always on or open past the 14-day horizon. */
      openUntil: Date | null;
    }
  | {
      contact: null;
      /** The earliest instant a phone line opens, within 14 days; null if none. */
      nextOpening: Date | null;
      /** The line that opens then. */
      nextContact: C | null;
    };

const CALL_GROUPS: readonly (readonly [readonly ContactKind[], CallReason])[] = [
  [DAYTIME_PHONE_KINDS, 'horaires_ouverture'],
  [NIGHT_PHONE_KINDS, 'ligne_nuit_weekend'],
];

/**
 * The phone line to call at `instant`: the first daytime line (accueil, secrétariat médical)
 * that is open; else the first night / weekend / holiday line (astreinte, appui territorial)
 * that is open; else none, with the next opening. Order within each group is the list's order.
 * A contact without schedule follows `mainSchedule` (the structure's hours), except a night line
 * marked `alwaysOn`, which always answers; with neither, it is never proposed. E-mail and MSSanté
 * contacts are ignored.
 */
export function numberToCall<C extends DirectoryContactInput>(
  contacts: readonly C[],
  instant: InstantInput,
  timeZone: string,
  departement?: string,
  mainSchedule?: ScheduleInput,
): NumberToCall<C> {
  const ms = toMs(instant);
  const limit = ms + NEXT_CHANGE_HORIZON_DAYS * DAY_MS;
  // The time zone is looked at only once a schedule is (an unknown one throws then, not before).
  let clock: Clock | undefined;
  let today = 0;
  for (const [kinds, reason] of CALL_GROUPS) {
    for (const contact of contacts) {
      if (!kinds.includes(contact.kind)) continue;
      if (contact.alwaysOn && !contact.schedule && NIGHT_PHONE_KINDS.includes(contact.kind)) {
        return { contact, reason, openUntil: null };
      }
      const schedule = contact.schedule ?? mainSchedule;
      if (!schedule) continue;
      if (!clock) {
        clock = clockFor(timeZone, departement);
        today = localDayAt(ms, clock.zone);
      }
      const days = new ScheduleDays(compiled(schedule), clock);
      const end = days.coveringEnd(today, ms);
      if (end > ms) {
        const until = days.closingAfter(today, end, limit);
        return { contact, reason, openUntil: until === null ? null : new Date(until) };
      }
    }
  }
  // Every line is closed now: the earliest opening, the first line in order on a tie.
  let nextOpening = Number.POSITIVE_INFINITY;
  let nextContact: C | null = null;
  for (const [kinds] of CALL_GROUPS) {
    for (const contact of contacts) {
      if (!kinds.includes(contact.kind)) continue;
      const schedule = contact.schedule ?? mainSchedule;
      if (!schedule) continue;
      // Only an earlier opening than the one found would change the answer. (The clock is set:
      // every line with a schedule was looked at above.)
      const opening = new ScheduleDays(compiled(schedule), clock!).openingAfter(today, ms, Math.min(limit, nextOpening));
      if (opening !== null && opening < nextOpening) {
        nextOpening = opening;
        nextContact = contact;
      }
    }
  }
  return { contact: null, nextOpening: nextContact ? new Date(nextOpening) : null, nextContact };
}
