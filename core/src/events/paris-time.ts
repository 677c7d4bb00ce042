/**
 * Europe/Paris wall-clock time <-> UTC instants, through Intl (in every browser and in Node), so
 * summer and winter time are those of the official tz database, not a hand-written rule.
 */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface ParisWallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

export function toParisWallTime(instant: Date): ParisWallTime & { second: number } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second };
}

/** Minutes Paris is ahead of UTC at this instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const w = toParisWallTime(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which Paris clocks show this time. A time skipped by the spring change
 * (02:30 on the last Sunday of March) lands one hour later, as clocks do; a time shown twice in
 * autumn takes its first (summer-time) occurrence.
 */
export function parisToUtc(t: ParisWallTime): Date {
  const naive = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  // Paris is always UTC+2 (summer) or UTC+1 (winter): try both, earliest first.
  for (const offset of [120, 60]) {
    const c = new Date(naive - offset * 60_000);
    const w = toParisWallTime(c);
    if (w.year === t.year && w.month === t.month && w.day === t.day && w.hour === t.hour && w.minute === t.minute) return c;
  }
  // In the spring gap: read with winter time, which shows one hour later on summer-time clocks.
  return new Date(naive - 60 * 60_000);
}
