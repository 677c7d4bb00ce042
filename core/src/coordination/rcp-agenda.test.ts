import { describe, expect, it } from 'vitest';
import { isActionOverdue, isValidDueDate, placeCase, upcomingMeetings } from './rcp-agenda';

const tuesday20 = { weekday: 2, localTime: '20:00', durationMinutes: 30, maxCases: 2 };

describe('mini-RCP agenda', () => {
  it('lists the next Tuesdays at 20:00 Paris time, across the change to winter time', () => {
    const m = upcomingMeetings(tuesday20, new Date('2026-10-20T12:00:00Z'), 3);
    // 20 Oct (summer, UTC+2), 27 Oct (winter since the 25th, UTC+1), 3 Nov.
    expect(m.map((d) => d.toISOString())).toEqual(['2026-10-20T18:00:00.000Z', '2026-10-27T19:00:00.000Z', '2026-11-03T19:00:00.000Z']);
  });

  it('does not offer a meeting that has already begun', () => {
    const m = upcomingMeetings(tuesday20, new Date('2026-10-20T18:05:00Z'), 1);
    expect(m[0].toISOString()).toBe('2026-10-27T19:00:00.000Z');
  });

  it('puts a case on the next meeting with room, and says when it went to a later one', () => {
    const meetings = upcomingMeetings(tuesday20, new Date('2026-11-01T00:00:00Z'), 3);
    const counts = new Map([[meetings[0].getTime(), 2], [meetings[1].getTime(), 1]]);
    const at = (d: Date) => counts.get(d.getTime()) ?? 0;
    expect(placeCase(meetings, at, 2)).toEqual({ meetingAt: meetings[1], postponed: true });
    expect(placeCase(meetings, at, 3)).toEqual({ meetingAt: meetings[0], postponed: false });
    expect(placeCase(meetings, () => 2, 2)).toBeNull();
  });

  it('flags an open action as overdue from the day after its due date, in Paris time', () => {
    // 23:30 in Paris on 22 Nov is already the 22nd there, not the 23rd.
    const lateEvening = new Date('2026-11-22T22:30:00Z');
    expect(isActionOverdue({ dueOn: '2026-11-22', doneAt: null }, lateEvening)).toBe(false);
    expect(isActionOverdue({ dueOn: '2026-11-21', doneAt: null }, lateEvening)).toBe(true);
    expect(isActionOverdue({ dueOn: '2026-11-21', doneAt: '2026-11-22T10:00:00Z' }, lateEvening)).toBe(false);
    // 00:30 in Paris on the 23rd (23:30 UTC on the 22nd): yesterday's action is late.
    expect(isActionOverdue({ dueOn: '2026-11-22', doneAt: null }, new Date('2026-11-22T23:30:00Z'))).toBe(true);
  });

  it('accepts a due date of today or later only', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(isValidDueDate('2026-11-22', now)).toBe(true);
    expect(isValidDueDate('2026-11-21', now)).toBe(false);
    expect(isValidDueDate('22/11/2026', now)).toBe(false);
  });
});
