/**
 * Periods of the indicators: months (2026-10), quarters (2026-T4) and years (2026), in French local
 * time (Europe/Paris), with the series shown as trend: the last 12 months, 8 quarters or 5 years.
 */
export type Granularity = 'month' | 'quarter' | 'year';

export interface Period {
  key: string;
  granularity: Granularity;
  year: number;
  /** 1-12 for a month, 1-4 for a quarter, 1 for a year. */
  index: number;
}

export const SERIES_LENGTH: Record<Granularity, number> = { month: 12, quarter: 8, year: 5 };

const SHORT_MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export function parsePeriod(key: string): Period | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return { key, granularity: 'month', year: Number(m[1]), index: Number(m[2]) };
  m = /^(\d{4})-T([1-4])$/.exec(key);
  if (m) return { key, granularity: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  m = /^(\d{4})$/.exec(key);
  if (m) return { key, granularity: 'year', year: Number(m[1]), index: 1 };
  return null;
}

function make(granularity: Granularity, year: number, index: number): Period {
  const key = granularity === 'month' ? `${year}-${String(index).padStart(2, '0')}` : granularity === 'quarter' ? `${year}-T${index}` : String(year);
  return { key, granularity, year, index };
}

/** The period of this granularity that contains the instant (French local time). */
export function periodContaining(at: Date, granularity: Granularity): Period {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).formatToParts(at);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  return make(granularity, year, granularity === 'month' ? month : granularity === 'quarter' ? Math.ceil(month / 3) : 1);
}

/**
 * Midnight in Paris on the first day of a month, as an instant. Summer time starts and ends on the
 * last Sunday of March and October, so the 1st of April to the 1st of October are at UTC+2 and every
 * other 1st at UTC+1: no first day of a month is ever a change day.
 */
export function parisMonthStart(year: number, month: number): Date {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const offset = m >= 4 && m <= 10 ? 2 : 1;
  return new Date(Date.UTC(y, m - 1, 1, -offset));
}

/** [from, to) of the period. */
export function periodRange(p: Period): { from: Date; to: Date } {
  if (p.granularity === 'month') return { from: parisMonthStart(p.year, p.index), to: parisMonthStart(p.year, p.index + 1) };
  if (p.granularity === 'quarter') return { from: parisMonthStart(p.year, (p.index - 1) * 3 + 1), to: parisMonthStart(p.year, p.index * 3 + 1) };
  return { from: parisMonthStart(p.year, 1), to: parisMonthStart(p.year + 1, 1) };
}

export function previousPeriod(p: Period): Period {
  if (p.granularity === 'month') return p.index === 1 ? make('month', p.year - 1, 12) : make('month', p.year, p.index - 1);
  if (p.granularity === 'quarter') return p.index === 1 ? make('quarter', p.year - 1, 4) : make('quarter', p.year, p.index - 1);
  return make('year', p.year - 1, 1);
}

/** The trend series ending with the period, oldest first. */
export function seriesEndingWith(p: Period, length = SERIES_LENGTH[p.granularity]): Period[] {
  const out = [p];
  while (out.length < length) out.unshift(previousPeriod(out[0]));
  return out;
}

export function periodLabel(p: Period): string {
  if (p.granularity === 'month') return `${MONTHS[p.index - 1]} ${p.year}`;
  if (p.granularity === 'quarter') return `${p.index}${p.index === 1 ? 'er' : 'e'} trimestre ${p.year}`;
  return `année ${p.year}`;
}

/** Short label for chart axes: « oct. 26 », « T4 26 », « 2026 ». */
export function periodShortLabel(p: Period): string {
  const yy = String(p.year).slice(2);
  if (p.granularity === 'month') return `${SHORT_MONTHS[p.index - 1]} ${yy}`;
  if (p.granularity === 'quarter') return `T${p.index} ${yy}`;
  return String(p.year);
}
