import type { Commune, Departement, Region } from '@palliance/core';
import { get } from './http';

export interface TerritoryLists {
  regions: Region[];
  departements: Departement[];
}

export const searchCommunes = (q: string, limit = 10, signal?: AbortSignal) =>
  get<Commune[]>('/api/v1/communes', { query: { q, limit }, signal });

let territory: Promise<TerritoryLists> | null = null;

/** Regions and departments change once in a decade: one request per page load is enough. */
export function getTerritory(): Promise<TerritoryLists> {
  if (!territory) {
    territory = get<TerritoryLists>('/api/v1/territory').catch((err: unknown) => {
      territory = null;
      throw err;
    });
  }
  return territory;
}
