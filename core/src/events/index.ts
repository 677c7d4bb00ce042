export * from './paris-time';
export * from './recurrence';
export * from './icalendar';
