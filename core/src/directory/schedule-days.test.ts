import { describe, expect, it } from 'vitest';
import { isOpenAt, nextChange, numberToCall, type ScheduleInput } from './opening-hours';
import { contentKey } from './schedule-days';

const PARIS = 'Europe/Paris';
const REUNION = 'Indian/Reunion';
const day = { open: '09:00', close: '17:30' };
const office: ScheduleInput = { days: { mon: [day], tue: [day], wed: [day], thu: [day], fri: [day] } };
const iso = (d: Date | null) => (d ? d.toISOString() : null);

describe('contentKey', () => {
  it('is equal for equal content, whatever the object, and for what compiles the same', () => {
    expect(contentKey(structuredClone(office))).toBe(contentKey(office));
    expect(contentKey({ days: { ...office.days, sat: [] } })).toBe(contentKey(office));
    expect(contentKey({ ...office, holidays: 'closed', exceptions: [] })).toBe(contentKey(office));
  });
  it('differs whenever the hours differ', () => {
    const keys = [
      office,
      { days: { ...office.days, mon: [{ open: '09:00', close: '17:00' }] } },
      { days: { ...office.days, mon: [] } },
      { days: { ...office.days, mon: [day, day] } },
      { ...office, holidays: 'open' },
      { ...office, holidays: [day] },
      { ...office, holidays: [] },
      { ...office, exceptions: [{ date: '2026-12-24', closed: true }] },
      { ...office, exceptions: [{ date: '2026-12-24', slots: [] }] },
      { ...office, exceptions: [{ date: '2026-12-24', slots: [day] }] },
      { ...office, exceptions: [{ date: '2026-12-31', slots: [day] }] },
      { ...office, exceptions: [{ date: '2026-12-24', closed: true }, { date: '2026-12-31', closed: true }] },
      // Odd characters cannot make two different lists read the same.
      { days: { mon: [{ open: '1:0:0', close: '0:0:1' }] } },
      { days: { mon: [{ open: '1:0:0', close: '0:0:1' }, { open: '1:0:0', close: '0:0:1' }] } },
      { days: { mon: [], tue: [{ open: '1:0:0', close: '0:0:1' }] } },
    ].map((s) => contentKey(s as ScheduleInput));
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('gives up (no sharing) on anything but fixed-width times and dates', () => {
    expect(contentKey({ days: { mon: [{ open: '9:00', close: '17:30' }] } })).toBeUndefined();
    expect(contentKey({ days: {}, exceptions: [{ date: '2026-1-1', closed: true }] })).toBeUndefined();
    expect(contentKey({ days: {}, holidays: 'sometimes' as never })).toBeUndefined();
  });
});

describe('cached evaluation', () => {
  it('keeps apart the time zones and departements one schedule object is read in', () => {
    // Good Friday 2026 (3 April) 10:00 in Paris is 08:00Z; 10:00 in Réunion is 06:00Z.
    for (let round = 0; round < 3; round++) {
      expect(isOpenAt(office, '2026-04-03T08:00:00Z', PARIS, '67')).toBe(false);
      expect(isOpenAt(office, '2026-04-03T08:00:00Z', PARIS, '75')).toBe(true);
      expect(isOpenAt(office, '2026-04-03T08:00:00Z', PARIS)).toBe(true);
      expect(isOpenAt(office, '2026-04-03T06:00:00Z', REUNION, '974')).toBe(true);
      expect(isOpenAt(office, '2026-04-03T06:00:00Z', PARIS, '75')).toBe(false);
      expect(iso(nextChange(office, '2026-04-02T16:00:00Z', PARIS, '67'))).toBe('2026-04-07T07:00:00.000Z');
      expect(iso(nextChange(office, '2026-04-02T16:00:00Z', PARIS, '75'))).toBe('2026-04-03T07:00:00.000Z');
    }
  });
  it('reads a changed copy afresh and an equal copy the same', () => {
    const at = '2026-06-09T10:00:00+02:00';
    expect(isOpenAt(office, at, PARIS)).toBe(true);
    expect(isOpenAt(structuredClone(office), at, PARIS)).toBe(true);
    expect(isOpenAt({ ...office, exceptions: [{ date: '2026-06-09', closed: true }] }, at, PARIS)).toBe(false);
    expect(isOpenAt({ days: { ...office.days, tue: [{ open: '10:30', close: '12:00' }] } }, at, PARIS)).toBe(false);
    expect(isOpenAt(office, at, PARIS)).toBe(true);
  });
});

describe('open stretches across days', () => {
  it('follows slots of several days chained by overlaps, including one from an earlier day', () => {
    // Monday 18:00 → Tuesday 08:00; Tuesday 07:00 → 20:00; Monday's second slot 23:00 → Tuesday 21:00.
    const chained: ScheduleInput = {
      days: { mon: [{ open: '18:00', close: '08:00' }, { open: '23:00', close: '21:00' }], tue: [{ open: '07:00', close: '20:00' }] },
    };
    expect(iso(nextChange(chained, '2026-06-08T19:00:00+02:00', PARIS))).toBe('2026-06-09T19:00:00.000Z'); // Tue 21:00
    const weekdays: ScheduleInput = { days: { tue: [{ open: '07:00', close: '20:00' }], wed: [{ open: '20:00', close: '09:00' }] } };
    // Tuesday 07:00–20:00 then Wednesday 20:00: a gap, so it closes at 20:00.
    expect(iso(nextChange(weekdays, '2026-06-09T10:00:00+02:00', PARIS))).toBe('2026-06-09T18:00:00.000Z');
  });
  it('gives the open-until past the horizon as null, and the next opening within it', () => {
    const always = { open: '00:00', close: '24:00' };
    const week = { mon: [always], tue: [always], wed: [always], thu: [always], fri: [always], sat: [always], sun: [always] };
    const allMonth: ScheduleInput = { days: week, holidays: 'open', exceptions: [{ date: '2026-06-23', closed: true }] };
    expect(iso(nextChange(allMonth, '2026-06-09T10:00:00+02:00', PARIS))).toBe('2026-06-22T22:00:00.000Z');
    expect(nextChange(allMonth, '2026-06-08T10:00:00+02:00', PARIS)).toBeNull(); // closing 14 days + 12 h later
    const line = { kind: 'astreinte' as const, value: '0800', schedule: allMonth };
    expect(numberToCall([line], '2026-06-08T10:00:00+02:00', PARIS)).toEqual({ contact: line, reason: 'ligne_nuit_weekend', openUntil: null });
    // Closed on 23 June: the next opening is at midnight.
    expect(numberToCall([line], '2026-06-23T10:00:00+02:00', PARIS)).toEqual({
      contact: null,
      nextOpening: new Date('2026-06-24T00:00:00+02:00'),
      nextContact: line,
    });
  });
  it('keeps the first line on a tie for the next opening, and the earlier one otherwise', () => {
    const a = { kind: 'accueil' as const, value: 'a', schedule: office };
    const b = { kind: 'astreinte' as const, value: 'b', schedule: structuredClone(office) };
    const c = { kind: 'astreinte' as const, value: 'c', schedule: { days: { sat: [day] } } };
    const friday = '2026-06-12T20:00:00+02:00';
    expect(numberToCall([b, a], friday, PARIS)).toMatchObject({ nextContact: a, nextOpening: new Date('2026-06-15T09:00:00+02:00') });
    expect(numberToCall([a, c, b], friday, PARIS)).toMatchObject({ nextContact: c, nextOpening: new Date('2026-06-13T09:00:00+02:00') });
  });
});
