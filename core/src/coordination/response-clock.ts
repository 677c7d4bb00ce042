/**
 * The 48-hour clock of support requests, in calendar hours (nights, weekends and public holidays
 * count: a patient at home does not wait for Monday). Each structure may set its own commitment.
 */
export const DEFAULT_RESPONSE_HOURS = 48;
/** The structure's managers hear about an unanswered request this long before it is due. */
export const REMINDER_BEFORE_HOURS = 12;
const HOUR = 3_600_000;

export function responseDueAt(sentAt: Date, responseHours: number = DEFAULT_RESPONSE_HOURS): Date {
  return new Date(sentAt.getTime() + responseHours * HOUR);
}

/** 12 h before the due time; never before the request was sent (a commitment shorter than 12 h). */
export function reminderAt(sentAt: Date, dueAt: Date): Date {
  return new Date(Math.max(sentAt.getTime(), dueAt.getTime() - REMINDER_BEFORE_HOURS * HOUR));
}

export type ClockState = 'waiting' | 'due_soon' | 'overdue' | 'answered_in_time' | 'answered_late';

export function clockState(now: Date, dueAt: Date, firstResponseAt: Date | null): ClockState {
  if (firstResponseAt) return firstResponseAt.getTime() <= dueAt.getTime() ? 'answered_in_time' : 'answered_late';
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  if (dueAt.getTime() - now.getTime() <= REMINDER_BEFORE_HOURS * HOUR) return 'due_soon';
  return 'waiting';
}

export const CLOCK_STATES: Record<ClockState, string> = {
  waiting: 'Dans les délais',
  due_soon: 'Échéance proche',
  overdue: 'Échéance dépassée',
  answered_in_time: 'Réponse dans les délais',
  answered_late: 'Réponse après l’échéance',
};

/** Hours (one decimal) between two instants, for the indicators. */
export const hoursBetween = (from: Date, to: Date) => Math.round(((to.getTime() - from.getTime()) / HOUR) * 10) / 10;

/** Which timers are due now: the reminder and the escalation each fire once, and only while unanswered. */
export function dueTimers(
  now: Date,
  r: { reminderAt: Date; dueAt: Date; firstResponseAt: Date | null; reminderSentAt: Date | null; escalatedAt: Date | null },
): { reminder: boolean; escalation: boolean } {
  if (r.firstResponseAt) return { reminder: false, escalation: false };
  return {
    reminder: !r.reminderSentAt && now.getTime() >= r.reminderAt.getTime(),
    escalation: !r.escalatedAt && now.getTime() >= r.dueAt.getTime(),
  };
}
