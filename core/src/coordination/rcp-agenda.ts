import { expandRecurrence } from '../events/recurrence';
import { toParisWallTime } from '../events/paris-time';

/** A weekly mini-RCP "flash" as its organisers set it (Europe/Paris wall-clock time). */
export interface RcpSchedule {
  weekday: number;
  localTime: string;
  durationMinutes: number;
  maxCases: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The next `count` meetings starting at or after `from` (a meeting already begun is not offered). */
export function upcomingMeetings(s: RcpSchedule, from: Date, count = 8): Date[] {
  const w = toParisWallTime(from);
  const startDate = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  return expandRecurrence({ freq: 'weekly', interval: 1, weekday: s.weekday, time: s.localTime, durationMinutes: s.durationMinutes, startDate, count: count + 1 })
    .map((o) => o.startsAt)
    .filter((d) => d.getTime() > from.getTime())
    .slice(0, count);
}

/**
 * The cap rule: a case goes on the first upcoming meeting whose agenda has fewer than maxCases
 * cases; when the next meeting is full it goes to a later one and `postponed` says so (the screen
 * tells the submitter which meeting it will be).
 */
export function placeCase(meetings: Date[], casesAt: (meeting: Date) => number, maxCases: number): { meetingAt: Date; postponed: boolean } | null {
  for (const [i, m] of meetings.entries()) {
    if (casesAt(m) < maxCases) return { meetingAt: m, postponed: i > 0 };
  }
  return null;
}

/** "YYYY-MM-DD" of today in Paris: due dates are calendar days where the professionals work. */
export function parisToday(now: Date): string {
  const w = toParisWallTime(now);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** An open action is overdue from the day after its due date (due today is not late yet). */
export function isActionOverdue(action: { dueOn: string; doneAt: string | null }, now: Date): boolean {
  return action.doneAt === null && action.dueOn < parisToday(now);
}

/** A due date must not be in the past when an action is decided (today is accepted). */
export function isValidDueDate(dueOn: string, now: Date): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(dueOn) && !Number.isNaN(Date.parse(`${dueOn}T00:00:00Z`)) && dueOn >= parisToday(now);
}
