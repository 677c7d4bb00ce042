import { describe, expect, it } from 'vitest';
import {
  directoryContactSchema,
  isOpenAt,
  localParts,
  localToInstant,
  nextChange,
  parseInstant,
  scheduleSchema,
  slotsStartingOn,
  type ScheduleInput,
} from './opening-hours';

const PARIS = 'Europe/Paris';
const REUNION = 'Indian/Reunion';

const day = { open: '09:00', close: '17:30' };
/** Mon–Fri 09:00–17:30, closed on weekends and public holidays. */
const office: ScheduleInput = { days: { mon: [day], tue: [day], wed: [day], thu: [day], fri: [day] } };
const morning = { open: '09:00', close: '12:30' };
const afternoon = { open: '13:30', close: '17:30' };
/** Mon–Fri 09:00–12:30 / 13:30–17:30. */
const split: ScheduleInput = {
  days: { mon: [morning, afternoon], tue: [morning, afternoon], wed: [morning, afternoon], thu: [morning, afternoon], fri: [morning, afternoon] },
};
const overnight = { open: '18:00', close: '08:00' };
/** Every evening 18:00–08:00, nothing else (holidays: closed). */
const nights: ScheduleInput = {
  days: { mon: [overnight], tue: [overnight], wed: [overnight], thu: [overnight], fri: [overnight], sat: [overnight], sun: [overnight] },
};
const fullDay = { open: '08:00', close: '08:00' };
/** Night line: weekdays 18:00–08:00, weekends and public holidays around the clock. */
const nightWeekend: ScheduleInput = {
  days: { mon: [overnight], tue: [overnight], wed: [overnight], thu: [overnight], fri: [overnight], sat: [fullDay], sun: [fullDay] },
  holidays: [fullDay],
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

describe('localParts', () => {
  it('reads the wall clock in the structure’s time zone', () => {
    expect(localParts(new Date('2026-06-09T19:00:00Z'), PARIS)).toEqual({
      date: '2026-06-09',
      weekday: 'tue',
      minutes: 21 * 60,
      second: 0,
      offsetMinutes: 120,
    });
    expect(localParts('2026-01-15T23:30:45Z', PARIS)).toEqual({
      date: '2026-01-16',
      weekday: 'fri',
      minutes: 30,
      second: 45,
      offsetMinutes: 60,
    });
  });
  it('jumps from 01:59 to 03:00 on the spring-forward night (2026-03-29)', () => {
    expect(localParts('2026-03-29T00:59:00Z', PARIS)).toMatchObject({ date: '2026-03-29', minutes: 119, offsetMinutes: 60 });
    expect(localParts('2026-03-29T01:00:00Z', PARIS)).toMatchObject({ date: '2026-03-29', minutes: 180, offsetMinutes: 120 });
    // A non-existent local time written with the summer offset is a real instant: 01:30 CET.
    expect(localParts('2026-03-29T02:30:00+02:00', PARIS)).toMatchObject({ minutes: 90, offsetMinutes: 60 });
  });
  it('maps both UTC instants of the repeated hour (2026-10-25) to 02:30, with their offsets', () => {
    expect(localParts('2026-10-25T00:30:00Z', PARIS)).toMatchObject({ date: '2026-10-25', weekday: 'sun', minutes: 150, offsetMinutes: 120 });
    expect(localParts('2026-10-25T01:30:00Z', PARIS)).toMatchObject({ date: '2026-10-25', weekday: 'sun', minutes: 150, offsetMinutes: 60 });
    expect(localParts('2026-10-25T02:00:00Z', PARIS)).toMatchObject({ minutes: 180, offsetMinutes: 60 });
  });
  it('handles overseas zones without daylight saving', () => {
    expect(localParts('2026-03-29T01:00:00Z', REUNION)).toMatchObject({ date: '2026-03-29', minutes: 5 * 60, offsetMinutes: 240 });
    expect(localParts('2026-10-25T01:30:00Z', REUNION)).toMatchObject({ minutes: 5 * 60 + 30, offsetMinutes: 240 });
    expect(localParts('2026-06-10T02:00:00Z', 'America/Cayenne')).toMatchObject({ date: '2026-06-09', weekday: 'tue', minutes: 23 * 60, offsetMinutes: -180 });
  });
  it('refuses an unknown time zone and an invalid date', () => {
    expect(() => localParts(new Date(), 'Europe/Atlantis')).toThrow(RangeError);
    expect(() => localParts(new Date('nope'), PARIS)).toThrow(RangeError);
  });
});

describe('parseInstant', () => {
  it('accepts Z and offsets', () => {
    expect(parseInstant('2026-03-29T02:30:00+02:00').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(parseInstant('2026-10-25T01:30Z').toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(parseInstant('2026-07-14T10:00:00.250-04:00').toISOString()).toBe('2026-07-14T14:00:00.250Z');
  });
  it('refuses a time without offset, which would be read in the runtime’s zone', () => {
    expect(() => parseInstant('2026-07-14T10:00:00')).toThrow(RangeError);
    expect(() => isOpenAt(office, '2026-07-14T10:00:00', PARIS)).toThrow(RangeError);
  });
  it('refuses impossible dates that Date.parse would roll over', () => {
    expect(() => parseInstant('2026-02-30T10:00:00Z')).toThrow(RangeError);
  });
});

describe('localToInstant', () => {
  it('gives the first occurrence of a repeated local time and the transition for a skipped one', () => {
    expect(iso(localToInstant('2026-10-25', 150, PARIS))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(localToInstant('2026-10-25', 180, PARIS))).toBe('2026-10-25T02:00:00.000Z');
    expect(iso(localToInstant('2026-03-29', 150, PARIS))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(localToInstant('2026-03-29', 120, PARIS))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(localToInstant('2026-03-29', 119, PARIS))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(localToInstant('2026-03-28', 18 * 60 + 14 * 60, PARIS))).toBe('2026-03-29T06:00:00.000Z');
  });
});

describe('isOpenAt — weekdays and nights', () => {
  it('follows a weekday schedule, closing bound excluded', () => {
    expect(isOpenAt(office, '2026-06-09T10:00:00+02:00', PARIS)).toBe(true);
    expect(isOpenAt(office, '2026-06-09T08:59:59+02:00', PARIS)).toBe(false);
    expect(isOpenAt(office, '2026-06-09T09:00:00+02:00', PARIS)).toBe(true);
    expect(isOpenAt(office, '2026-06-09T17:29:59+02:00', PARIS)).toBe(true);
    expect(isOpenAt(office, '2026-06-09T17:30:00+02:00', PARIS)).toBe(false);
    expect(isOpenAt(office, '2026-06-09T21:00:00+02:00', PARIS)).toBe(false);
    expect(isOpenAt(office, '2026-06-13T10:00:00+02:00', PARIS)).toBe(false); // Saturday
  });
  it('is closed over the lunch break of a split schedule', () => {
    expect(isOpenAt(split, '2026-06-09T12:29:00+02:00', PARIS)).toBe(true);
    expect(isOpenAt(split, '2026-06-09T12:45:00+02:00', PARIS)).toBe(false);
    expect(isOpenAt(split, '2026-06-09T13:30:00+02:00', PARIS)).toBe(true);
  });
  it('keeps a night slot open past midnight, on the day it started', () => {
    expect(isOpenAt(nights, '2026-06-09T21:00:00+02:00', PARIS)).toBe(true); // Tuesday 21:00
    expect(isOpenAt(nights, '2026-06-10T03:00:00+02:00', PARIS)).toBe(true); // Wednesday 03:00
    expect(isOpenAt(nights, '2026-06-10T07:59:00+02:00', PARIS)).toBe(true);
    expect(isOpenAt(nights, '2026-06-10T08:00:00+02:00', PARIS)).toBe(false);
    expect(isOpenAt(nights, '2026-06-10T17:59:00+02:00', PARIS)).toBe(false);
  });
  it('keeps a Monday-only night slot open on Tuesday morning only', () => {
    const mondayNight: ScheduleInput = { days: { mon: [overnight] } };
    expect(isOpenAt(mondayNight, '2026-06-09T07:00:00+02:00', PARIS)).toBe(true); // Tuesday
    expect(isOpenAt(mondayNight, '2026-06-10T07:00:00+02:00', PARIS)).toBe(false); // Wednesday
    expect(isOpenAt(mondayNight, '2026-06-08T07:00:00+02:00', PARIS)).toBe(false); // Monday (Sunday has no slot)
  });
  it('covers the whole weekend with 08:00–08:00 slots', () => {
    expect(isOpenAt(nightWeekend, '2026-06-13T10:00:00+02:00', PARIS)).toBe(true); // Saturday
    expect(isOpenAt(nightWeekend, '2026-06-14T15:00:00+02:00', PARIS)).toBe(true); // Sunday
    expect(isOpenAt(nightWeekend, '2026-06-15T07:59:00+02:00', PARIS)).toBe(true); // Monday before 08:00
    expect(isOpenAt(nightWeekend, '2026-06-15T10:00:00+02:00', PARIS)).toBe(false); // Monday daytime
  });
  it('treats 00:00–24:00 as a full day', () => {
    const sunday: ScheduleInput = { days: { sun: [{ open: '00:00', close: '24:00' }] } };
    expect(isOpenAt(sunday, '2026-06-14T00:00:00+02:00', PARIS)).toBe(true);
    expect(isOpenAt(sunday, '2026-06-14T23:59:59+02:00', PARIS)).toBe(true);
    expect(isOpenAt(sunday, '2026-06-15T00:00:00+02:00', PARIS)).toBe(false);
  });
});

describe('isOpenAt — public holidays', () => {
  it('closes the office on 14 July 2026 (a Tuesday) while the holiday line answers', () => {
    expect(isOpenAt(office, '2026-07-14T10:00:00+02:00', PARIS)).toBe(false);
    expect(isOpenAt(nightWeekend, '2026-07-14T10:00:00+02:00', PARIS)).toBe(true);
    expect(isOpenAt(office, '2026-07-15T10:00:00+02:00', PARIS)).toBe(true);
  });
  it('closes on Easter Monday, Ascension and Whit Monday 2026', () => {
    expect(isOpenAt(office, '2026-04-06T10:00:00+02:00', PARIS)).toBe(false);
    expect(isOpenAt(office, '2026-05-14T10:00:00+02:00', PARIS)).toBe(false);
    expect(isOpenAt(office, '2026-05-25T10:00:00+02:00', PARIS)).toBe(false);
    expect(isOpenAt(office, '2026-05-13T10:00:00+02:00', PARIS)).toBe(true);
  });
  it('closes on Good Friday only in Alsace-Moselle', () => {
    expect(isOpenAt(office, '2026-04-03T10:00:00+02:00', PARIS, '67')).toBe(false);
    expect(isOpenAt(office, '2026-04-03T10:00:00+02:00', PARIS, '57')).toBe(false);
    expect(isOpenAt(office, '2026-04-03T10:00:00+02:00', PARIS, '75')).toBe(true);
    expect(isOpenAt(office, '2026-04-03T10:00:00+02:00', PARIS)).toBe(true);
  });
  it('opens on holidays as usual when holidays is "open", or with specific slots', () => {
    expect(isOpenAt({ ...office, holidays: 'open' }, '2026-07-14T10:00:00+02:00', PARIS)).toBe(true);
    const mornings: ScheduleInput = { ...office, holidays: [{ open: '09:00', close: '12:00' }] };
    expect(isOpenAt(mornings, '2026-07-14T11:00:00+02:00', PARIS)).toBe(true);
    expect(isOpenAt(mornings, '2026-07-14T14:00:00+02:00', PARIS)).toBe(false);
    // Holiday slots apply even on a day the week schedule keeps closed (15 August 2026 is a Saturday).
    expect(isOpenAt(mornings, '2026-08-15T11:00:00+02:00', PARIS)).toBe(true);
  });
  it('lets a night slot started the day before run into a holiday until its end', () => {
    // Monday 13 July 18:00–08:00 covers 14 July 03:00 although holidays are closed.
    expect(isOpenAt(nights, '2026-07-14T03:00:00+02:00', PARIS)).toBe(true);
    expect(isOpenAt(nights, '2026-07-14T08:00:00+02:00', PARIS)).toBe(false);
    expect(isOpenAt(nights, '2026-07-14T20:00:00+02:00', PARIS)).toBe(false); // no slot starts on the holiday
    expect(isOpenAt(nights, '2026-07-15T03:00:00+02:00', PARIS)).toBe(false);
    // Saturday 31 October 18:00–08:00 covers Sunday 1 November (Toussaint) 03:00.
    expect(isOpenAt(nights, '2026-11-01T03:00:00+01:00', PARIS)).toBe(true);
    expect(isOpenAt(nights, '2026-11-01T19:00:00+01:00', PARIS)).toBe(false);
  });
});

describe('isOpenAt — exceptions', () => {
  const christmasEve: ScheduleInput = {
    ...split,
    exceptions: [{ date: '2026-12-24', slots: [morning], label: 'Veille de Noël' }],
  };
  it('closes on 24 December afternoon', () => {
    expect(isOpenAt(christmasEve, '2026-12-24T10:00:00+01:00', PARIS)).toBe(true);
    expect(isOpenAt(christmasEve, '2026-12-24T14:00:00+01:00', PARIS)).toBe(false);
    expect(isOpenAt(split, '2026-12-24T14:00:00+01:00', PARIS)).toBe(true);
    expect(isOpenAt(christmasEve, '2026-12-23T14:00:00+01:00', PARIS)).toBe(true);
  });
  it('closes a whole day', () => {
    const closed: ScheduleInput = { ...office, exceptions: [{ date: '2026-06-10', closed: true }] };
    expect(isOpenAt(closed, '2026-06-10T10:00:00+02:00', PARIS)).toBe(false);
    expect(isOpenAt(closed, '2026-06-11T10:00:00+02:00', PARIS)).toBe(true);
  });
  it('beats the holiday rule', () => {
    const openOn14July: ScheduleInput = { ...office, exceptions: [{ date: '2026-07-14', slots: [{ open: '09:00', close: '12:00' }] }] };
    expect(isOpenAt(openOn14July, '2026-07-14T10:00:00+02:00', PARIS)).toBe(true);
    expect(isOpenAt(openOn14July, '2026-07-14T13:00:00+02:00', PARIS)).toBe(false);
    expect(slotsStartingOn(openOn14July, '2026-07-14')).toEqual([{ open: '09:00', close: '12:00' }]);
    expect(slotsStartingOn(office, '2026-07-14')).toEqual([]);
    expect(slotsStartingOn(office, '2026-07-15')).toEqual([day]);
  });
  it('does not cut the previous evening’s night slot', () => {
    const closedWednesday: ScheduleInput = { ...nights, exceptions: [{ date: '2026-06-10', closed: true }] };
    expect(isOpenAt(closedWednesday, '2026-06-10T03:00:00+02:00', PARIS)).toBe(true);
    expect(isOpenAt(closedWednesday, '2026-06-10T21:00:00+02:00', PARIS)).toBe(false);
  });
});

describe('isOpenAt — daylight-saving changes (Europe/Paris)', () => {
  it('ends the 18:00–08:00 slot at 08:00 local time on the spring-forward night (13 h long)', () => {
    expect(isOpenAt(nights, '2026-03-28T16:59:00Z', PARIS)).toBe(false); // 17:59 CET
    expect(isOpenAt(nights, '2026-03-28T17:00:00Z', PARIS)).toBe(true); // 18:00 CET
    expect(isOpenAt(nights, '2026-03-29T00:59:00Z', PARIS)).toBe(true); // 01:59 CET
    expect(isOpenAt(nights, '2026-03-29T01:00:00Z', PARIS)).toBe(true); // 03:00 CEST
    expect(isOpenAt(nights, '2026-03-29T05:59:00Z', PARIS)).toBe(true); // 07:59 CEST
    expect(isOpenAt(nights, '2026-03-29T06:00:00Z', PARIS)).toBe(false); // 08:00 CEST
    expect(isOpenAt(nights, '2026-03-29T06:30:00Z', PARIS)).toBe(false); // would be 07:30 on CET
  });
  it('ends the 18:00–08:00 slot at 08:00 local time on the fall-back night (15 h long)', () => {
    expect(isOpenAt(nights, '2026-10-24T16:00:00Z', PARIS)).toBe(true); // 18:00 CEST
    expect(isOpenAt(nights, '2026-10-25T00:30:00Z', PARIS)).toBe(true); // first 02:30
    expect(isOpenAt(nights, '2026-10-25T01:30:00Z', PARIS)).toBe(true); // second 02:30
    expect(isOpenAt(nights, '2026-10-25T06:30:00Z', PARIS)).toBe(true); // 07:30 CET
    expect(isOpenAt(nights, '2026-10-25T07:00:00Z', PARIS)).toBe(false); // 08:00 CET
  });
  it('maps a UTC instant in the repeated hour to the right slot', () => {
    const lateSaturday: ScheduleInput = { days: { sat: [{ open: '22:00', close: '02:30' }] } };
    // Open until the first 02:30 (00:30Z); the repeated 02:00–02:30 is after the slot ended.
    expect(isOpenAt(lateSaturday, '2026-10-25T00:29:00Z', PARIS)).toBe(true);
    expect(isOpenAt(lateSaturday, '2026-10-25T00:30:00Z', PARIS)).toBe(false);
    expect(isOpenAt(lateSaturday, '2026-10-25T01:15:00Z', PARIS)).toBe(false);
    const earlySunday: ScheduleInput = { days: { sun: [{ open: '02:30', close: '04:00' }] } };
    // Opens at the first 02:30 (00:30Z), stays open through the repeated hour.
    expect(isOpenAt(earlySunday, '2026-10-25T00:29:00Z', PARIS)).toBe(false);
    expect(isOpenAt(earlySunday, '2026-10-25T00:30:00Z', PARIS)).toBe(true);
    expect(isOpenAt(earlySunday, '2026-10-25T01:15:00Z', PARIS)).toBe(true);
    expect(isOpenAt(earlySunday, '2026-10-25T02:59:00Z', PARIS)).toBe(true); // 03:59 CET
    expect(isOpenAt(earlySunday, '2026-10-25T03:00:00Z', PARIS)).toBe(false);
  });
  it('opens a slot starting in the skipped hour at 03:00', () => {
    const earlySunday: ScheduleInput = { days: { sun: [{ open: '02:30', close: '04:00' }] } };
    expect(isOpenAt(earlySunday, '2026-03-29T00:59:59Z', PARIS)).toBe(false);
    expect(isOpenAt(earlySunday, '2026-03-29T01:00:00Z', PARIS)).toBe(true); // 03:00 CEST
    expect(isOpenAt(earlySunday, '2026-03-29T02:00:00Z', PARIS)).toBe(false); // 04:00 CEST
  });
});

describe('isOpenAt — overseas', () => {
  it('reads hours in Réunion time (UTC+4, no DST)', () => {
    // Wednesday 10 June 2026, 05:30Z = 09:30 in Réunion, 07:30 in Paris.
    expect(isOpenAt(office, '2026-06-10T05:30:00Z', REUNION, '974')).toBe(true);
    expect(isOpenAt(office, '2026-06-10T05:30:00Z', PARIS)).toBe(false);
    expect(isOpenAt(office, '2026-06-10T13:29:00Z', REUNION, '974')).toBe(true); // 17:29
    expect(isOpenAt(office, '2026-06-10T13:30:00Z', REUNION, '974')).toBe(false); // 17:30
  });
  it('closes on 20 December (abolition of slavery) in Réunion only', () => {
    // Monday 20 December 2027, 10:00 in Réunion.
    expect(isOpenAt(office, '2027-12-20T06:00:00Z', REUNION, '974')).toBe(false);
    expect(isOpenAt(office, '2027-12-20T06:00:00Z', REUNION)).toBe(true);
  });
  it('keeps a 14-hour night on the nights Paris changes clocks', () => {
    expect(isOpenAt(nights, '2026-03-29T03:59:00Z', REUNION)).toBe(true); // 07:59
    expect(isOpenAt(nights, '2026-03-29T04:00:00Z', REUNION)).toBe(false); // 08:00
  });
});

describe('nextChange', () => {
  it('gives the closing time while open', () => {
    expect(iso(nextChange(office, '2026-06-09T10:00:00+02:00', PARIS))).toBe('2026-06-09T15:30:00.000Z');
    expect(iso(nextChange(split, '2026-06-09T10:00:00+02:00', PARIS))).toBe('2026-06-09T10:30:00.000Z'); // 12:30
  });
  it('gives the reopening after lunch', () => {
    expect(iso(nextChange(split, '2026-06-09T12:45:00+02:00', PARIS))).toBe('2026-06-09T11:30:00.000Z'); // 13:30
  });
  it('crosses a weekend: Friday 17:30 → Monday 09:00', () => {
    expect(iso(nextChange(office, '2026-06-12T17:30:00+02:00', PARIS))).toBe('2026-06-15T07:00:00.000Z');
    expect(iso(nextChange(office, '2026-06-13T12:00:00+02:00', PARIS))).toBe('2026-06-15T07:00:00.000Z');
  });
  it('crosses the spring-forward weekend: reopening Monday 09:00 CEST', () => {
    expect(iso(nextChange(office, '2026-03-27T18:00:00+01:00', PARIS))).toBe('2026-03-30T07:00:00.000Z');
  });
  it('crosses the fall-back weekend: reopening Monday 09:00 CET', () => {
    expect(iso(nextChange(office, '2026-10-23T18:00:00+02:00', PARIS))).toBe('2026-10-26T08:00:00.000Z');
  });
  it('ends a night slot at 08:00 local on both DST nights', () => {
    expect(iso(nextChange(nights, '2026-03-28T20:00:00Z', PARIS))).toBe('2026-03-29T06:00:00.000Z');
    expect(iso(nextChange(nights, '2026-10-24T20:00:00Z', PARIS))).toBe('2026-10-25T07:00:00.000Z');
    expect(iso(nextChange(nights, '2026-03-28T20:00:00Z', REUNION))).toBe('2026-03-29T04:00:00.000Z');
  });
  it('reopens at 03:00 when the opening time is skipped', () => {
    const earlySunday: ScheduleInput = { days: { sun: [{ open: '02:30', close: '04:00' }] } };
    expect(iso(nextChange(earlySunday, '2026-03-29T00:00:00Z', PARIS))).toBe('2026-03-29T01:00:00.000Z');
  });
  it('skips a holiday: Monday night slot ends 14 July 08:00, next one starts 15 July 18:00', () => {
    expect(iso(nextChange(nights, '2026-07-14T03:00:00+02:00', PARIS))).toBe('2026-07-14T06:00:00.000Z');
    expect(iso(nextChange(nights, '2026-07-14T08:00:00+02:00', PARIS))).toBe('2026-07-15T16:00:00.000Z');
  });
  it('skips Christmas and the weekend after a half-day on 24 December', () => {
    const christmasEve: ScheduleInput = { ...split, exceptions: [{ date: '2026-12-24', slots: [morning] }] };
    expect(iso(nextChange(christmasEve, '2026-12-24T10:00:00+01:00', PARIS))).toBe('2026-12-24T11:30:00.000Z');
    expect(iso(nextChange(christmasEve, '2026-12-24T12:30:00+01:00', PARIS))).toBe('2026-12-28T08:00:00.000Z');
  });
  it('merges adjacent slots into one open period', () => {
    // Friday 18:00 → Saturday 08:00 → Sunday 08:00 → Monday 08:00 without a break.
    expect(iso(nextChange(nightWeekend, '2026-06-12T21:00:00+02:00', PARIS))).toBe('2026-06-15T06:00:00.000Z');
  });
  it('returns null when nothing changes within 14 days', () => {
    expect(nextChange({ days: {} }, '2026-06-09T10:00:00+02:00', PARIS)).toBeNull();
    const always = { open: '00:00', close: '24:00' };
    const allDay: ScheduleInput = {
      days: { mon: [always], tue: [always], wed: [always], thu: [always], fri: [always], sat: [always], sun: [always] },
      holidays: 'open',
    };
    expect(nextChange(allDay, '2026-06-09T10:00:00+02:00', PARIS)).toBeNull();
    expect(isOpenAt(allDay, '2026-10-25T01:30:00Z', PARIS)).toBe(true);
    // A single opening more than 14 days away is beyond the horizon.
    const once: ScheduleInput = { days: {}, exceptions: [{ date: '2026-07-01', slots: [day] }] };
    expect(nextChange(once, '2026-06-16T10:00:00+02:00', PARIS)).toBeNull();
    expect(iso(nextChange(once, '2026-06-18T10:00:00+02:00', PARIS))).toBe('2026-07-01T07:00:00.000Z');
  });
  it('returns the state flip only, not a boundary between overlapping slots', () => {
    const overlapping: ScheduleInput = { days: { tue: [{ open: '09:00', close: '12:00' }, { open: '11:00', close: '14:00' }] } };
    expect(iso(nextChange(overlapping, '2026-06-09T10:00:00+02:00', PARIS))).toBe('2026-06-09T12:00:00.000Z'); // 14:00
  });
});

describe('schemas', () => {
  it('fills defaults: missing days closed, holidays closed, no exceptions', () => {
    expect(scheduleSchema.parse({ days: { mon: [day] } })).toEqual({
      days: { mon: [day], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: 'closed',
      exceptions: [],
    });
  });
  it('accepts 24:00 as a closing time only', () => {
    expect(scheduleSchema.safeParse({ days: { mon: [{ open: '00:00', close: '24:00' }] } }).success).toBe(true);
    expect(scheduleSchema.safeParse({ days: { mon: [{ open: '24:00', close: '08:00' }] } }).success).toBe(false);
    expect(scheduleSchema.safeParse({ days: { mon: [{ open: '9:00', close: '17:00' }] } }).success).toBe(false);
    expect(scheduleSchema.safeParse({ days: { mon: [{ open: '09:00', close: '24:30' }] } }).success).toBe(false);
    expect(scheduleSchema.safeParse({ days: { mon: [overnight] } }).success).toBe(true);
  });
  it('validates exceptions', () => {
    const parse = (exceptions: unknown) => scheduleSchema.safeParse({ days: {}, exceptions }).success;
    expect(parse([{ date: '2026-12-24', slots: [morning] }])).toBe(true);
    expect(parse([{ date: '2026-12-25', closed: true }])).toBe(true);
    expect(parse([{ date: '2026-12-25', closed: true, slots: [morning] }])).toBe(false);
    expect(parse([{ date: '2026-12-25' }])).toBe(false);
    expect(parse([{ date: '2026-02-30', closed: true }])).toBe(false);
    expect(parse([{ date: '2026-12-25', closed: true }, { date: '2026-12-25', slots: [] }])).toBe(false);
  });
  it('accepts holiday rules', () => {
    expect(scheduleSchema.safeParse({ days: {}, holidays: 'open' }).success).toBe(true);
    expect(scheduleSchema.safeParse({ days: {}, holidays: [fullDay] }).success).toBe(true);
    expect(scheduleSchema.safeParse({ days: {}, holidays: 'sometimes' }).success).toBe(false);
  });
  it('allows alwaysOn only on a night line without schedule', () => {
    expect(directoryContactSchema.safeParse({ kind: 'astreinte', value: '0800 000 000', alwaysOn: true }).success).toBe(true);
    expect(directoryContactSchema.safeParse({ kind: 'accueil', value: '01 00 00 00 00', alwaysOn: true }).success).toBe(false);
    expect(
      directoryContactSchema.safeParse({ kind: 'appui_territorial', value: '0800 000 000', alwaysOn: true, schedule: { days: {} } }).success,
    ).toBe(false);
    expect(directoryContactSchema.safeParse({ kind: 'fax', value: '01' }).success).toBe(false);
  });
});

describe('consistency', () => {
  const start = Date.parse('2026-03-20T00:00:00Z');
  const end = Date.parse('2026-04-08T00:00:00Z'); // spans the spring change, Easter Monday and weekends
  const step = 47 * 60_000;
  const schedules: [string, ScheduleInput][] = [
    ['split', split],
    ['nightWeekend', nightWeekend],
  ];

  it.each(schedules)('nextChange flips isOpenAt exactly at the returned instant (%s)', (_name, schedule) => {
    let checked = 0;
    for (let t = start; t < end; t += step) {
      const at = new Date(t);
      const state = isOpenAt(schedule, at, PARIS);
      const change = nextChange(schedule, at, PARIS);
      expect(change).not.toBeNull();
      const c = change!.getTime();
      expect(isOpenAt(schedule, new Date(c), PARIS)).toBe(!state);
      expect(isOpenAt(schedule, new Date(c - 1000), PARIS)).toBe(state);
      checked++;
    }
    expect(checked).toBe(Math.ceil((end - start) / step));
  });

  it.each(schedules)('agrees with a plain wall-clock reading away from the clock change (%s)', (_name, schedule) => {
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    const wallClockOpen = (at: Date) => {
      const here = localParts(at, PARIS);
      const yesterday = new Date(Date.parse(`${here.date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const spans = (date: string) =>
        slotsStartingOn(schedule, date).map((s) => [minutes(s.open), minutes(s.close) > minutes(s.open) ? minutes(s.close) : minutes(s.close) + 1440]);
      return (
        spans(here.date).some(([a, b]) => a <= here.minutes && here.minutes < b) ||
        spans(yesterday).some(([a, b]) => a <= here.minutes + 1440 && here.minutes + 1440 < b)
      );
    };
    let checked = 0;
    for (let t = start; t < end; t += step) {
      const at = new Date(t);
      if (localParts(at, PARIS).date === '2026-03-29') continue;
      expect(isOpenAt(schedule, at, PARIS)).toBe(wallClockOpen(at));
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });
});
