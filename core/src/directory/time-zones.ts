import { normalizeDepartement } from './holidays';

/** IANA time zone of each department or collectivity outside mainland France and Corsica. */
const OVERSEAS_TIME_ZONES: Readonly<Record<string, string>> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
  '977': 'America/St_Barthelemy',
  '978': 'America/Marigot',
  '986': 'Pacific/Wallis',
  // French Polynesia spans three zones; Tahiti holds most of the population.
  '987': 'Pacific/Tahiti',
  '988': 'Pacific/Noumea',
};

/** The time zone a structure of this department keeps its hours in ('Europe/Paris' by default). */
export function timeZoneForDepartement(departement: string): string {
  return OVERSEAS_TIME_ZONES[normalizeDepartement(departement)] ?? 'Europe/Paris';
}
