/**
 * French public holidays ("jours fériés").
 *
 * Sources (Légifrance):
 * - Code du travail, art. L3133-1: the eleven national holidays — 1er janvier, lundi de Pâques,
 *   1er mai, 8 mai, Ascension, lundi de Pentecôte, 14 juillet, Assomption, Toussaint,
 *   11 novembre, jour de Noël.
 * - Code du travail, art. L3134-13 (dispositions particulières aux départements de la Moselle,
 *   du Bas-Rhin et du Haut-Rhin): Vendredi saint and 26 décembre. The article restricts Good
 *   Friday to communes having a Protestant church or a mixed church; in practice it is observed
 *   throughout the three departments, which is what is applied here.
 * - Loi n° 83-550 du 30 juin 1983 and décret n° 83-1003 du 23 novembre 1983 (as amended) relatif
 *   à la commémoration de l'abolition de l'esclavage: Guadeloupe 27 mai, Martinique 22 mai,
 *   Guyane 10 juin, La Réunion 20 décembre, Mayotte 27 avril.
 *
 * The rules are today's: no attempt is made to reproduce historical changes (e.g. 8 May between
 * 1959 and 1981).
 */
import { addDays, isIsoDate, isoDate, isoDateToDay, pad, yearOfDay } from './calendar';

export interface FrenchPublicHoliday {
  /** 'YYYY-MM-DD' */
  date: string;
  /** French name, for display. */
  name: string;
}

const ALSACE_MOSELLE = new Set(['57', '67', '68']);

/** Day (MM-DD) commemorating the abolition of slavery, by overseas department (décret 83-1003). */
const SLAVERY_ABOLITION: Readonly<Record<string, string>> = {
  '971': '05-27', // Guadeloupe
  '972': '05-22', // Martinique
  '973': '06-10', // Guyane
  '974': '12-20', // La Réunion
  '976': '04-27', // Mayotte
};

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Année hors du calendrier grégorien pris en charge (1583–9999) : ${year}.`);
  }
}

/** Normalises a department code: trims, upper-cases ('2a' → '2A') and pads '1' → '01'. */
export function normalizeDepartement(departement: string): string {
  const d = departement.trim().toUpperCase();
  return /^\d$/.test(d) ? `0${d}` : d;
}

/** Easter Sunday of a Gregorian year, by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

const cache = new Map<string, readonly FrenchPublicHoliday[]>();

/**
 * Public holidays of a year, sorted by date. Without `departement`, only the national ones;
 * with it, the local ones of Alsace-Moselle (57, 67, 68) and of the overseas departments
 * (971, 972, 973, 974, 976) are added.
 */
export function frenchPublicHolidays(year: number, departement?: string): FrenchPublicHoliday[] {
  return cachedHolidays(year, departement).map((h) => ({ ...h }));
}

function cachedHolidays(year: number, departement?: string): readonly FrenchPublicHoliday[] {
  checkYear(year);
  const dep = departement === undefined ? '' : normalizeDepartement(departement);
  const key = `${year}|${dep}`;
  let list = cache.get(key);
  if (!list) {
    list = computeHolidays(year, dep);
    cache.set(key, list);
  }
  return list;
}

function computeHolidays(year: number, dep: string): FrenchPublicHoliday[] {
  const easter = easterSunday(year);
  const on = (mmdd: string) => `${pad(year, 4)}-${mmdd}`;
  const list: FrenchPublicHoliday[] = [
    { date: on('01-01'), name: "Jour de l'an" },
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    { date: on('05-01'), name: 'Fête du Travail' },
    { date: on('05-08'), name: 'Victoire 1945' },
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    { date: on('07-14'), name: 'Fête nationale' },
    { date: on('08-15'), name: 'Assomption' },
    { date: on('11-01'), name: 'Toussaint' },
    { date: on('11-11'), name: 'Armistice 1918' },
    { date: on('12-25'), name: 'Noël' },
  ];
  if (ALSACE_MOSELLE.has(dep)) {
    list.push({ date: addDays(easter, -2), name: 'Vendredi saint' });
    list.push({ date: on('12-26'), name: 'Saint-Étienne' });
  }
  const abolition = SLAVERY_ABOLITION[dep];
  if (abolition) list.push({ date: on(abolition), name: "Abolition de l'esclavage" });
  // Stable sort: when two holidays fall on the same day (Ascension on 1 May in 2008), both stay.
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The holiday's French name (names joined by « et » if two coincide) if `date` ('YYYY-MM-DD') is a public holiday, otherwise null. */
export function frenchPublicHolidayName(date: string, departement?: string): string | null {
  if (!isIsoDate(date)) throw new RangeError(`Date invalide : « ${date} » (format attendu AAAA-MM-JJ).`);
  const names = cachedHolidays(Number(date.slice(0, 4)), departement)
    .filter((h) => h.date === date)
    .map((h) => h.name);
  return names.length ? names.join(' et ') : null;
}

export function isFrenchPublicHoliday(date: string, departement?: string): boolean {
  return frenchPublicHolidayName(date, departement) !== null;
}

/** Day numbers of the public holidays, by departement as given ('' for none), then by year. */
const holidayDays = new Map<string, Map<number, ReadonlySet<number>>>();

/**
 * Whether a day number (days since 1970-01-01) is a public holiday: isFrenchPublicHoliday for the
 * inner loops, without building nor parsing a date string. Throws RangeError outside 1583–9999.
 */
export function isPublicHolidayDay(day: number, departement?: string): boolean {
  const dep = departement ?? '';
  let byYear = holidayDays.get(dep);
  if (!byYear) {
    byYear = new Map();
    holidayDays.set(dep, byYear);
  }
  const year = yearOfDay(day);
  let days = byYear.get(year);
  if (!days) {
    days = new Set(cachedHolidays(year, departement).map((h) => isoDateToDay(h.date)));
    byYear.set(year, days);
  }
  return days.has(day);
}
