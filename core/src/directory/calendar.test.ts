import { describe, expect, it } from 'vitest';
import { dayToIsoDate, isoDateToDay, weekdayIndexOfDay, weekdayOf, WEEKDAYS, yearOfDay } from './calendar';

describe('day numbers', () => {
  it('counts days from 1970-01-01, both ways', () => {
    expect(isoDateToDay('1970-01-01')).toBe(0);
    expect(isoDateToDay('1969-12-31')).toBe(-1);
    expect(isoDateToDay('2026-03-29')).toBe(20_541);
    for (const date of ['1583-01-01', '1900-02-28', '2000-02-29', '2026-10-25', '2026-12-31', '9999-12-31']) {
      expect(dayToIsoDate(isoDateToDay(date))).toBe(date);
    }
  });
  it('refuses a malformed date', () => {
    expect(() => isoDateToDay('2026-02-30')).toThrow(RangeError);
    expect(() => isoDateToDay('2026-2-3')).toThrow(RangeError);
  });
  it('gives the weekday (0 = Monday) and the year, before 1970 too', () => {
    for (const date of ['1583-04-10', '1969-12-28', '1970-01-01', '2026-06-09', '2026-06-14', '2027-12-20']) {
      const day = isoDateToDay(date);
      expect(WEEKDAYS[weekdayIndexOfDay(day)]).toBe(weekdayOf(date));
      expect(yearOfDay(day)).toBe(Number(date.slice(0, 4)));
    }
  });
});
