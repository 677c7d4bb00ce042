import { CIRCLE_ROLES, CLOCK_STATES, REQUEST_REASONS, REQUEST_STATUSES, URGENCIES, type ClockState } from '@palliance/core';

export const label = <T extends Record<string, string>>(map: T, key: string) => (map as Record<string, string>)[key] ?? key;
export const roleLabel = (r: string) => label(CIRCLE_ROLES, r);
export const reasonLabel = (r: string) => label(REQUEST_REASONS, r);
export const urgencyLabel = (u: string) => label(URGENCIES, u);
export const statusLabel = (s: string) => label(REQUEST_STATUSES, s);
export const CLOCK_BADGE: Record<ClockState, string> = {
  waiting: 'badge',
  due_soon: 'badge badge-warn',
  overdue: 'badge badge-danger',
  answered_in_time: 'badge badge-ok',
  answered_late: 'badge badge-warn',
};
export const clockLabel = (c: ClockState) => CLOCK_STATES[c];
