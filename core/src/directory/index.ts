export {
  easterSunday,
  frenchPublicHolidayName,
  frenchPublicHolidays,
  isFrenchPublicHoliday,
  normalizeDepartement,
  type FrenchPublicHoliday,
} from './holidays';
export { timeZoneForDepartement } from './time-zones';
export * from './opening-hours';
export * from './describe-schedule';
