import { scheduleSchema } from '@palliance/core';
import { describe, expect, it } from 'vitest';
import { availableTime } from './fhir-resources';

describe('availableTime', () => {
  it('groups days with the same hours and splits a slot past midnight in two', () => {
    const night = scheduleSchema.parse({
      days: {
        mon: [{ open: '18:00', close: '08:00' }],
        tue: [{ open: '18:00', close: '08:00' }],
        fri: [{ open: '18:00', close: '08:00' }],
        sat: [{ open: '08:00', close: '08:00' }],
        sun: [{ open: '00:00', close: '24:00' }],
      },
    });
    expect(availableTime(night)).toEqual([
      { daysOfWeek: ['mon', 'tue', 'fri'], availableStartTime: '18:00:00', availableEndTime: '23:59:59' },
      // Monday night into Tuesday, Tuesday into Wednesday, Friday into Saturday, Saturday into Sunday.
      { daysOfWeek: ['tue', 'wed', 'sat', 'sun'], availableStartTime: '00:00:00', availableEndTime: '08:00:00' },
      { daysOfWeek: ['sat'], availableStartTime: '08:00:00', availableEndTime: '23:59:59' },
      { daysOfWeek: ['sun'], allDay: true },
    ]);
  });
});
