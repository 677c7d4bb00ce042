import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockState, dueTimers, hoursBetween, reminderAt, responseDueAt } from './response-clock';

const H = 3_600_000;

describe('the 48 h clock', () => {
  it('counts 48 calendar hours by default, over a weekend and a change of time', () => {
    // Friday 24 October 2026 18:00 Paris (UTC+2); the clocks go back on Sunday 25th.
    const sent = new Date('2026-10-23T16:00:00Z');
    expect(responseDueAt(sent).toISOString()).toBe('2026-10-25T16:00:00.000Z');
    expect(responseDueAt(sent, 24).toISOString()).toBe('2026-10-24T16:00:00.000Z');
  });

  it('reminds 12 h before the due time, never before sending', () => {
    const sent = new Date('2026-11-20T08:00:00Z');
    expect(reminderAt(sent, responseDueAt(sent)).toISOString()).toBe('2026-11-21T20:00:00.000Z');
    expect(reminderAt(sent, responseDueAt(sent, 6)).toISOString()).toBe(sent.toISOString());
  });

  it('says where a request stands', () => {
    const sent = new Date('2026-11-20T08:00:00Z');
    const due = responseDueAt(sent);
    expect(clockState(new Date(sent.getTime() + H), due, null)).toBe('waiting');
    expect(clockState(new Date(due.getTime() - 12 * H), due, null)).toBe('due_soon');
    expect(clockState(new Date(due.getTime() + 1), due, null)).toBe('overdue');
    expect(clockState(new Date(due.getTime() + 5 * H), due, new Date(due.getTime()))).toBe('answered_in_time');
    expect(clockState(new Date(due.getTime() + 5 * H), due, new Date(due.getTime() + 1))).toBe('answered_late');
    expect(hoursBetween(sent, new Date(sent.getTime() + 90 * 60_000))).toBe(1.5);
  });

  it('fires the reminder and the escalation once each, and never after an answer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 720 }), fc.integer({ min: 0, max: 800 * 60 }), fc.boolean(), (hours, minutesLater, answered) => {
        const sent = new Date('2026-11-20T08:00:00Z');
        const due = responseDueAt(sent, hours);
        const now = new Date(sent.getTime() + minutesLater * 60_000);
        const r = { reminderAt: reminderAt(sent, due), dueAt: due, firstResponseAt: answered ? sent : null, reminderSentAt: null, escalatedAt: null };
        const t = dueTimers(now, r);
        if (answered) return !t.reminder && !t.escalation;
        // Escalation implies the reminder time has passed too; after both are flagged nothing fires.
        if (t.escalation && !t.reminder) return false;
        const again = dueTimers(now, { ...r, reminderSentAt: now, escalatedAt: now });
        return !again.reminder && !again.escalation && t.reminder === now >= r.reminderAt;
      }),
    );
  });
});
