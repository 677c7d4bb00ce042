import type { DirectoryContact, Schedule } from '@palliance/core';

/**
 * What answering "whom do I call now?" needs of one structure (the coverage answer and the printed
 * card): its lines and hours, its access delay and how fresh the entry is.
 */
export interface StructureCallRow {
  id: string;
  name: string;
  types: string[];
  departement: string | null;
  time_zone: string;
  contacts: DirectoryContact[];
  opening_hours: Schedule | null;
  access_delay_days: number | null;
  access_delay_confirmed_at: string | null;
  confirmed_at: Date | string;
  is_demo: boolean;
}

/** The columns of a StructureCallRow, selected from `structure s`. */
export const STRUCTURE_CALL_COLUMNS = `s.id, s.name, s.types, s.departement, s.time_zone, s.contacts, s.opening_hours, s.access_delay_days,
  s.access_delay_confirmed_at::text AS access_delay_confirmed_at, s.confirmed_at, s.is_demo`;
