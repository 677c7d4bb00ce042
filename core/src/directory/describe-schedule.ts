// How a schedule reads to a person, in French ("Lundi au vendredi : 9 h – 17 h 30").
import { weekdayOf, WEEKDAYS, type Weekday } from './calendar';
import type { ScheduleInput, TimeSlot } from './opening-hours';
import { slotEnd, toMinutes } from './schedule-days';


const DAY_NAMES: Record<Weekday, string> = {
  mon: 'lundi',
  tue: 'mardi',
  wed: 'mercredi',
  thu: 'jeudi',
  fri: 'vendredi',
  sat: 'samedi',
  sun: 'dimanche',
};

const MONTH_NAMES = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** '09:00' → '9 h', '17:30' → '17 h 30', '24:00' → '24 h'. */
export function formatClockTime(hhmm: string): string {
  const h = Number(hhmm.slice(0, 2));
  const m = hhmm.slice(3, 5);
  return m === '00' ? `${h} h` : `${h} h ${m}`;
}

function formatSlots(slots: readonly TimeSlot[]): string {
  if (slots.length === 0) return 'fermé';
  return sortSlots(slots)
    .map((s) => {
      if (toMinutes(s.open) === 0 && s.close === '24:00') return '24 h sur 24';
      const range = `${formatClockTime(s.open)} – ${formatClockTime(s.close)}`;
      return slotEnd(s) > 1440 ? `${range} (lendemain)` : range;
    })
    .join(', ');
}

function sortSlots(slots: readonly TimeSlot[]): TimeSlot[] {
  return [...slots].sort((a, b) => toMinutes(a.open) - toMinutes(b.open) || slotEnd(a) - slotEnd(b));
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** 'lundi au mercredi et vendredi', 'samedi et dimanche', 'lundi, mardi et jeudi'. */
function describeDays(days: readonly Weekday[]): string {
  if (days.length === 7) return 'tous les jours';
  const runs: Weekday[][] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && WEEKDAYS.indexOf(last[last.length - 1]) + 1 === WEEKDAYS.indexOf(d)) last.push(d);
    else runs.push([d]);
  }
  const items = runs.flatMap((r) =>
    r.length >= 3 ? [`${DAY_NAMES[r[0]]} au ${DAY_NAMES[r[r.length - 1]]}`] : r.map((d) => DAY_NAMES[d]),
  );
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${DAY_NAMES[weekdayOf(date)]} ${d === 1 ? '1er' : d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/**
 * French lines describing a schedule, for display: one line per group of days with the same
 * hours, then the public-holiday rule, then the exceptions in date order, e.g.
 * « Lundi au vendredi : 9 h – 12 h 30, 13 h 30 – 17 h 30 », « Samedi et dimanche : fermé »,
 * « Jours fériés : fermé », « Jeudi 24 décembre 2026 (Veille de Noël) : 9 h – 12 h 30 ».
 */
export function describeSchedule(schedule: ScheduleInput): string[] {
  const groups = new Map<string, Weekday[]>();
  for (const day of WEEKDAYS) {
    const text = formatSlots(schedule.days[day] ?? []);
    const list = groups.get(text);
    if (list) list.push(day);
    else groups.set(text, [day]);
  }
  const lines = [...groups].map(([text, days]) => `${capitalize(describeDays(days))} : ${text}`);

  const rule = schedule.holidays ?? 'closed';
  lines.push(`Jours fériés : ${rule === 'closed' ? 'fermé' : rule === 'open' ? 'horaires habituels' : formatSlots(rule)}`);

  const exceptions = [...(schedule.exceptions ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const e of exceptions) {
    const label = e.label ? ` (${e.label})` : '';
    lines.push(`${capitalize(formatDate(e.date))}${label} : ${e.closed ? 'fermé' : formatSlots(e.slots ?? [])}`);
  }
  return lines;
}
