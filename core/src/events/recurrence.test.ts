import { describe, expect, it } from 'vitest';
import { describeRecurrence, expandRecurrence, nthWeekdayOfMonth } from './recurrence';
import { parisOffsetMinutes, parisToUtc } from './paris-time';

const iso = (xs: { startsAt: Date }[]) => xs.map((x) => x.startsAt.toISOString());

describe('Paris time', () => {
  it('knows winter (UTC+1) and summer (UTC+2) time', () => {
    expect(parisOffsetMinutes(new Date('2027-01-12T12:00:00Z'))).toBe(60);
    expect(parisOffsetMinutes(new Date('2027-07-12T12:00:00Z'))).toBe(120);
  });
  it('maps a wall time to its instant on both sides of the changes', () => {
    expect(parisToUtc({ year: 2027, month: 3, day: 27, hour: 20, minute: 0 }).toISOString()).toBe('2027-03-27T19:00:00.000Z');
    expect(parisToUtc({ year: 2027, month: 3, day: 28, hour: 20, minute: 0 }).toISOString()).toBe('2027-03-28T18:00:00.000Z');
    expect(parisToUtc({ year: 2026, month: 10, day: 25, hour: 20, minute: 0 }).toISOString()).toBe('2026-10-25T19:00:00.000Z');
  });
  it('moves a time skipped in spring to after the change, and takes the first of a doubled autumn time', () => {
    // 28 March 2027: 02:00 -> 03:00. 02:30 does not exist.
    expect(parisToUtc({ year: 2027, month: 3, day: 28, hour: 2, minute: 30 }).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    // 31 October 2027: 03:00 -> 02:00; 02:30 happens twice, first at 00:30Z.
    expect(parisToUtc({ year: 2027, month: 10, day: 31, hour: 2, minute: 30 }).toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });
});

describe('recurrence', () => {
  it('finds the nth and the last weekday of a month', () => {
    // February 2027 starts on a Monday.
    expect(nthWeekdayOfMonth(2027, 2, 2, 2)).toBe(9);
    expect(nthWeekdayOfMonth(2027, 2, 1, 1)).toBe(1);
    expect(nthWeekdayOfMonth(2027, 2, 2, -1)).toBe(23);
    expect(nthWeekdayOfMonth(2027, 2, 2, 5)).toBeNull();
  });

  it('keeps a monthly group on the 2nd Tuesday at 20:00 in Paris across the March and October changes', () => {
    const occ = expandRecurrence({ freq: 'monthly', interval: 1, weekday: 2, setPos: 2, time: '20:00', durationMinutes: 90, startDate: '2027-02-01', count: 10 });
    expect(iso(occ)).toEqual([
      '2027-02-09T19:00:00.000Z',
      '2027-03-09T19:00:00.000Z',
      '2027-04-13T18:00:00.000Z', // summer time
      '2027-05-11T18:00:00.000Z',
      '2027-06-08T18:00:00.000Z',
      '2027-07-13T18:00:00.000Z',
      '2027-08-10T18:00:00.000Z',
      '2027-09-14T18:00:00.000Z',
      '2027-10-12T18:00:00.000Z',
      '2027-11-09T19:00:00.000Z', // winter time again
    ]);
    expect(occ[0].endsAt.getTime() - occ[0].startsAt.getTime()).toBe(90 * 60_000);
  });

  it('does not produce a date before the start day, and skips a month without a 5th weekday', () => {
    const occ = expandRecurrence({ freq: 'monthly', interval: 1, weekday: 2, setPos: 2, time: '20:00', durationMinutes: 60, startDate: '2027-02-10', count: 1 });
    expect(iso(occ)).toEqual(['2027-03-09T19:00:00.000Z']);
    const fifth = expandRecurrence({ freq: 'monthly', interval: 1, weekday: 1, setPos: 5, time: '12:00', durationMinutes: 60, startDate: '2027-01-01', count: 2 });
    expect(iso(fifth)).toEqual(['2027-03-29T10:00:00.000Z', '2027-05-31T10:00:00.000Z']);
  });

  it('steps a weekly slot over the DST weekend at the same wall time', () => {
    const occ = expandRecurrence({ freq: 'weekly', interval: 1, weekday: 4, time: '12:30', durationMinutes: 60, startDate: '2027-03-20', count: 3 });
    expect(iso(occ)).toEqual(['2027-03-25T11:30:00.000Z', '2027-04-01T10:30:00.000Z', '2027-04-08T10:30:00.000Z']);
    const fortnight = expandRecurrence({ freq: 'weekly', interval: 2, weekday: 4, time: '12:30', durationMinutes: 60, startDate: '2027-03-25', count: 2 });
    expect(iso(fortnight)).toEqual(['2027-03-25T11:30:00.000Z', '2027-04-08T10:30:00.000Z']);
  });

  it('says the rule in French', () => {
    expect(describeRecurrence({ freq: 'monthly', interval: 1, weekday: 2, setPos: 2, time: '20:00' })).toBe('Chaque mois, le 2e mardi à 20 h 00');
    expect(describeRecurrence({ freq: 'weekly', interval: 1, weekday: 4, time: '12:30' })).toBe('Chaque semaine, le jeudi à 12 h 30');
  });
});
