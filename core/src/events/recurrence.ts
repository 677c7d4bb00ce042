import { parisToUtc } from './paris-time';

/**
 * A deliberately small recurrence rule for exchange groups: "every week on Tuesday at 20:00" or
 * "every month on the 2nd Tuesday at 20:00" (or the last one), in Europe/Paris time. It covers what
 * the seeds describe (monthly groups, weekly slots) and stays readable by an organiser.
 */
export interface RecurrenceRule {
  freq: 'weekly' | 'monthly';
  /** Every N weeks or months. */
  interval: number;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Monthly only: the 1st..4th such weekday of the month, or -1 for the last. */
  setPos?: number | null;
  /** Local time in Paris, "HH:MM". */
  time: string;
  durationMinutes: number;
  /** First day that may hold an occurrence, "YYYY-MM-DD" (Paris). */
  startDate: string;
  /** How many occurrences to generate. */
  count: number;
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

export const MAX_OCCURRENCES = 60;

const isoWeekday = (y: number, m: number, d: number) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Day of month of the setPos-th weekday of (y, m), or null if the month has no such day (5th). */
export function nthWeekdayOfMonth(y: number, m: number, weekday: number, setPos: number): number | null {
  if (setPos === -1) {
    const last = daysInMonth(y, m);
    return last - ((isoWeekday(y, m, last) - weekday + 7) % 7);
  }
  const first = 1 + ((weekday - isoWeekday(y, m, 1) + 7) % 7);
  const day = first + (setPos - 1) * 7;
  return day <= daysInMonth(y, m) ? day : null;
}

function parseTime(time: string): [number, number] {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new Error(`Heure invalide : ${time}`);
  return [+m[1], +m[2]];
}

function parseDate(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Date invalide : ${date}`);
  return [+m[1], +m[2], +m[3]];
}

/** The occurrences of the rule, earliest first, each at its Paris wall-clock time whatever the season. */
export function expandRecurrence(rule: RecurrenceRule): Occurrence[] {
  const [hour, minute] = parseTime(rule.time);
  const [y0, m0, d0] = parseDate(rule.startDate);
  const count = Math.min(Math.max(rule.count, 0), MAX_OCCURRENCES);
  const interval = Math.max(1, Math.floor(rule.interval));
  const out: Occurrence[] = [];
  const push = (y: number, m: number, d: number) => {
    const startsAt = parisToUtc({ year: y, month: m, day: d, hour, minute });
    out.push({ startsAt, endsAt: new Date(startsAt.getTime() + rule.durationMinutes * 60_000) });
  };
  if (rule.freq === 'weekly') {
    // Calendar days are counted in UTC dates, which never shift with DST.
    const offset = (rule.weekday - isoWeekday(y0, m0, d0) + 7) % 7;
    let day = Date.UTC(y0, m0 - 1, d0 + offset);
    while (out.length < count) {
      const dt = new Date(day);
      push(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
      day += interval * 7 * 86_400_000;
    }
    return out;
  }
  const setPos = rule.setPos ?? 1;
  let y = y0;
  let m = m0;
  // A fifth weekday is missing in most months: skipped months are bounded so this always ends.
  for (let guard = 0; out.length < count && guard < count * interval + 24; guard++) {
    const d = nthWeekdayOfMonth(y, m, rule.weekday, setPos);
    if (d !== null && (y > y0 || m > m0 || d >= d0)) push(y, m, d);
    m += interval;
    while (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return out;
}

const WEEKDAYS_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const POS_FR: Record<string, string> = { '1': '1er', '2': '2e', '3': '3e', '4': '4e', '-1': 'dernier' };

/** "Chaque mois, le 2e mardi à 20:00" — what the event page shows. */
export function describeRecurrence(rule: Pick<RecurrenceRule, 'freq' | 'interval' | 'weekday' | 'setPos' | 'time'>): string {
  const wd = WEEKDAYS_FR[rule.weekday - 1] ?? '?';
  const time = rule.time.replace(':', ' h ');
  if (rule.freq === 'weekly') {
    return rule.interval > 1 ? `Toutes les ${rule.interval} semaines, le ${wd} à ${time}` : `Chaque semaine, le ${wd} à ${time}`;
  }
  const pos = POS_FR[String(rule.setPos ?? 1)] ?? '1er';
  return `${rule.interval > 1 ? `Tous les ${rule.interval} mois` : 'Chaque mois'}, le ${pos} ${wd} à ${time}`;
}
