import { describe, expect, it } from 'vitest';
import { describeSchedule, formatClockTime } from './describe-schedule';
import type { ScheduleInput } from './opening-hours';

const every = <T>(slots: T[]) => ({ mon: slots, tue: slots, wed: slots, thu: slots, fri: slots, sat: slots, sun: slots });
const weekdays = <T>(slots: T[]) => ({ mon: slots, tue: slots, wed: slots, thu: slots, fri: slots });

describe('formatClockTime', () => {
  it('writes times the French way', () => {
    expect(formatClockTime('09:00')).toBe('9 h');
    expect(formatClockTime('17:30')).toBe('17 h 30');
    expect(formatClockTime('09:05')).toBe('9 h 05');
    expect(formatClockTime('00:00')).toBe('0 h');
    expect(formatClockTime('24:00')).toBe('24 h');
  });
});

describe('describeSchedule', () => {
  it('describes office hours', () => {
    expect(describeSchedule({ days: weekdays([{ open: '09:00', close: '17:30' }]) })).toEqual([
      'Lundi au vendredi : 9 h – 17 h 30',
      'Samedi et dimanche : fermé',
      'Jours fériés : fermé',
    ]);
  });
  it('lists split hours in time order', () => {
    const days = weekdays([
      { open: '13:30', close: '17:30' },
      { open: '09:00', close: '12:30' },
    ]);
    expect(describeSchedule({ days })[0]).toBe('Lundi au vendredi : 9 h – 12 h 30, 13 h 30 – 17 h 30');
  });
  it('describes a night and weekend line', () => {
    const schedule: ScheduleInput = {
      days: {
        ...weekdays([{ open: '18:00', close: '08:00' }]),
        sat: [{ open: '08:00', close: '08:00' }],
        sun: [{ open: '08:00', close: '08:00' }],
      },
      holidays: [{ open: '08:00', close: '08:00' }],
    };
    expect(describeSchedule(schedule)).toEqual([
      'Lundi au vendredi : 18 h – 8 h (lendemain)',
      'Samedi et dimanche : 8 h – 8 h (lendemain)',
      'Jours fériés : 8 h – 8 h (lendemain)',
    ]);
  });
  it('groups non-adjacent days with the same hours', () => {
    const full = [{ open: '09:00', close: '17:00' }];
    const half = [{ open: '09:00', close: '12:00' }];
    const schedule: ScheduleInput = { days: { mon: full, tue: full, wed: half, thu: full, fri: full, sat: half } };
    expect(describeSchedule(schedule)).toEqual([
      'Lundi, mardi, jeudi et vendredi : 9 h – 17 h',
      'Mercredi et samedi : 9 h – 12 h',
      'Dimanche : fermé',
      'Jours fériés : fermé',
    ]);
    const s2: ScheduleInput = { days: { mon: full, tue: full, wed: full, fri: full } };
    expect(describeSchedule(s2).slice(0, 3)).toEqual([
      'Lundi au mercredi et vendredi : 9 h – 17 h',
      'Jeudi, samedi et dimanche : fermé',
      'Jours fériés : fermé',
    ]);
  });
  it('describes round-the-clock service and holidays as usual', () => {
    expect(describeSchedule({ days: every([{ open: '00:00', close: '24:00' }]), holidays: 'open' })).toEqual([
      'Tous les jours : 24 h sur 24',
      'Jours fériés : horaires habituels',
    ]);
    expect(describeSchedule({ days: {} })).toEqual(['Tous les jours : fermé', 'Jours fériés : fermé']);
  });
  it('lists exceptions in date order with their label', () => {
    const schedule: ScheduleInput = {
      days: weekdays([{ open: '09:00', close: '17:30' }]),
      holidays: [{ open: '10:00', close: '12:00' }],
      exceptions: [
        { date: '2027-01-01', closed: true },
        { date: '2026-12-24', slots: [{ open: '09:00', close: '12:30' }], label: 'Veille de Noël' },
      ],
    };
    expect(describeSchedule(schedule)).toEqual([
      'Lundi au vendredi : 9 h – 17 h 30',
      'Samedi et dimanche : fermé',
      'Jours fériés : 10 h – 12 h',
      'Jeudi 24 décembre 2026 (Veille de Noël) : 9 h – 12 h 30',
      'Vendredi 1er janvier 2027 : fermé',
    ]);
  });
});
