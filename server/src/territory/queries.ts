import type { Departement, Region } from '@palliance/core';
import type { DbHandle } from '../db/client';

export async function listRegionsAndDepartements(handle: DbHandle): Promise<{ regions: Region[]; departements: Departement[] }> {
  const [regions, departements] = await Promise.all([
    handle.query<Region>('SELECT code, nom FROM region ORDER BY code'),
    handle.query<Departement>('SELECT code, nom, region FROM departement ORDER BY code'),
  ]);
  return { regions, departements };
}

export async function departementExists(handle: DbHandle, code: string): Promise<boolean> {
  return (await handle.query('SELECT 1 FROM departement WHERE code = $1', [code])).length > 0;
}
