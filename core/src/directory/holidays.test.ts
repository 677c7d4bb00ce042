import { describe, expect, it } from 'vitest';
import {
  easterSunday,
  frenchPublicHolidayName,
  frenchPublicHolidays,
  isFrenchPublicHoliday,
  isPublicHolidayDay,
  normalizeDepartement,
} from './holidays';
import { dayToIsoDate, isoDateToDay } from './calendar';
import { timeZoneForDepartement } from './time-zones';

describe('easterSunday', () => {
  it('matches known Easter dates, including the earliest and latest possible', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible date
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible date
    expect(easterSunday(1583)).toBe('1583-04-10');
  });
  it('refuses years outside the Gregorian range', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('frenchPublicHolidays', () => {
  it('lists the eleven national holidays of 2026 in date order', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "Jour de l'an" },
      { date: '2026-04-06', name: 'Lundi de Pâques' },
      { date: '2026-05-01', name: 'Fête du Travail' },
      { date: '2026-05-08', name: 'Victoire 1945' },
      { date: '2026-05-14', name: 'Ascension' },
      { date: '2026-05-25', name: 'Lundi de Pentecôte' },
      { date: '2026-07-14', name: 'Fête nationale' },
      { date: '2026-08-15', name: 'Assomption' },
      { date: '2026-11-01', name: 'Toussaint' },
      { date: '2026-11-11', name: 'Armistice 1918' },
      { date: '2026-12-25', name: 'Noël' },
    ]);
  });
  it('adds Good Friday and 26 December in Alsace-Moselle only', () => {
    for (const dep of ['57', '67', '68']) {
      const list = frenchPublicHolidays(2026, dep);
      expect(list).toHaveLength(13);
      expect(list[1]).toEqual({ date: '2026-04-03', name: 'Vendredi saint' });
      expect(list[12]).toEqual({ date: '2026-12-26', name: 'Saint-Étienne' });
    }
    expect(frenchPublicHolidays(2026, '75')).toHaveLength(11);
    expect(frenchPublicHolidays(2026, '54')).toHaveLength(11); // Meurthe-et-Moselle is not Moselle
  });
  it('adds the abolition-of-slavery day of each overseas department', () => {
    const abolition = (dep: string) =>
      frenchPublicHolidays(2026, dep).filter((h) => h.name === "Abolition de l'esclavage").map((h) => h.date);
    expect(abolition('971')).toEqual(['2026-05-27']);
    expect(abolition('972')).toEqual(['2026-05-22']);
    expect(abolition('973')).toEqual(['2026-06-10']);
    expect(abolition('974')).toEqual(['2026-12-20']);
    expect(abolition('976')).toEqual(['2026-04-27']);
    expect(abolition('75')).toEqual([]);
    expect(frenchPublicHolidays(2026, '974')).toHaveLength(12);
  });
  it('keeps both holidays when Ascension falls on 1 May (2008)', () => {
    const may1 = frenchPublicHolidays(2008).filter((h) => h.date === '2008-05-01');
    expect(may1.map((h) => h.name)).toEqual(['Fête du Travail', 'Ascension']);
    expect(frenchPublicHolidayName('2008-05-01')).toBe('Fête du Travail et Ascension');
  });
  it('returns copies that callers cannot use to corrupt the cache', () => {
    frenchPublicHolidays(2030)[0].date = 'oops';
    expect(frenchPublicHolidays(2030)[0].date).toBe('2030-01-01');
  });
});

describe('isFrenchPublicHoliday', () => {
  it('knows the movable holidays of 2026', () => {
    expect(isFrenchPublicHoliday('2026-04-06')).toBe(true); // Easter Monday
    expect(isFrenchPublicHoliday('2026-05-14')).toBe(true); // Ascension
    expect(isFrenchPublicHoliday('2026-05-25')).toBe(true); // Whit Monday
    expect(isFrenchPublicHoliday('2026-04-05')).toBe(false); // Easter Sunday is not in L3133-1
    expect(isFrenchPublicHoliday('2026-05-24')).toBe(false); // nor Whit Sunday
    expect(isFrenchPublicHoliday('2026-07-13')).toBe(false);
  });
  it('applies regional holidays by department', () => {
    expect(isFrenchPublicHoliday('2026-04-03')).toBe(false);
    expect(isFrenchPublicHoliday('2026-04-03', '67')).toBe(true);
    expect(isFrenchPublicHoliday('2026-12-26', '57')).toBe(true);
    expect(isFrenchPublicHoliday('2026-12-26', '13')).toBe(false);
    expect(isFrenchPublicHoliday('2026-05-27', '971')).toBe(true);
    expect(isFrenchPublicHoliday('2026-05-27', '972')).toBe(false);
  });
  it('names holidays in French and returns null otherwise', () => {
    expect(frenchPublicHolidayName('2026-07-14')).toBe('Fête nationale');
    expect(frenchPublicHolidayName('2026-12-20', '974')).toBe("Abolition de l'esclavage");
    expect(frenchPublicHolidayName('2026-07-15')).toBeNull();
  });
  it('refuses malformed dates', () => {
    expect(() => isFrenchPublicHoliday('2026-02-30')).toThrow(RangeError);
    expect(() => isFrenchPublicHoliday('14/07/2026')).toThrow(RangeError);
  });
});

describe('departments', () => {
  it('normalises department codes', () => {
    expect(normalizeDepartement(' 2a ')).toBe('2A');
    expect(normalizeDepartement('1')).toBe('01');
    expect(isFrenchPublicHoliday('2026-04-03', ' 67 ')).toBe(true);
  });
  it('gives the time zone of overseas departments, Europe/Paris otherwise', () => {
    expect(timeZoneForDepartement('971')).toBe('America/Guadeloupe');
    expect(timeZoneForDepartement('972')).toBe('America/Martinique');
    expect(timeZoneForDepartement('973')).toBe('America/Cayenne');
    expect(timeZoneForDepartement('974')).toBe('Indian/Reunion');
    expect(timeZoneForDepartement('976')).toBe('Indian/Mayotte');
    expect(timeZoneForDepartement('2B')).toBe('Europe/Paris');
    expect(timeZoneForDepartement('75')).toBe('Europe/Paris');
  });
  it('only names time zones the Intl API knows', () => {
    for (const dep of ['971', '972', '973', '974', '975', '976', '977', '978', '986', '987', '988']) {
      expect(() => new Intl.DateTimeFormat('fr-FR', { timeZone: timeZoneForDepartement(dep) })).not.toThrow();
    }
  });
});

describe('isPublicHolidayDay', () => {
  it('agrees with isFrenchPublicHoliday on every day of 2026–2027, nationally and by departement', () => {
    for (const departement of [undefined, '75', '67', ' 57 ', '974', '971', '2a']) {
      for (let day = isoDateToDay('2026-01-01'); day <= isoDateToDay('2027-12-31'); day++) {
        expect(isPublicHolidayDay(day, departement)).toBe(isFrenchPublicHoliday(dayToIsoDate(day), departement));
      }
    }
  });
  it('refuses years outside the Gregorian range', () => {
    expect(() => isPublicHolidayDay(isoDateToDay('1582-12-31'))).toThrow(RangeError);
  });
});
