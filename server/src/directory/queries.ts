import { STALE_AFTER_DAYS, type Structure } from '@palliance/core';
import type { Db, DbHandle } from '../db/client';
import { sql } from 'drizzle-orm';

export interface StructureRow {
  id: string;
  name: string;
  types: string[];
  parent_id: string | null;
  parent_name: string | null;
  finess: string | null;
  siret: string | null;
  ror_id: string | null;
  address_line: string | null;
  postal_code: string | null;
  commune_code: string | null;
  commune_name: string | null;
  departement: string | null;
  latitude: number | null;
  longitude: number | null;
  time_zone: string;
  audience: string[];
  contacts: Structure['contacts'];
  opening_hours: Structure['openingHours'];
  access_delay_days: number | null;
  access_delay_confirmed_at: string | Date | null;
  capacity_beds: number | null;
  description: string | null;
  status: Structure['status'];
  is_demo: boolean;
  confirmed_at: Date | string;
  version: number;
  updated_at: Date | string;
}

export const STRUCTURE_COLUMNS = `s.id, s.name, s.types, s.parent_id, p.name AS parent_name, s.finess, s.siret, s.ror_id,
  s.address_line, s.postal_code, s.commune_code, c.nom AS commune_name, s.departement, s.latitude, s.longitude,
  s.time_zone, s.audience, s.contacts, s.opening_hours, s.access_delay_days, s.access_delay_confirmed_at::text AS access_delay_confirmed_at,
  s.capacity_beds, s.description, s.status, s.is_demo, s.confirmed_at, s.version, s.updated_at`;

export const STRUCTURE_FROM = `structure s
  LEFT JOIN structure p ON p.id = s.parent_id
  LEFT JOIN commune c ON c.code = s.commune_code`;

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export const isStale = (confirmedAt: Date | string, now: Date) =>
  now.getTime() - new Date(confirmedAt).getTime() > STALE_AFTER_DAYS * 86_400_000;

export const structurePath = (id: string) => `/annuaire/structures/${id}`;

export function toStructure(
  r: StructureRow,
  coverage: Structure['coverage'],
  now: Date,
): Structure {
  return {
    id: r.id,
    name: r.name,
    types: r.types,
    parentId: r.parent_id,
    parentName: r.parent_name,
    finess: r.finess,
    siret: r.siret,
    rorId: r.ror_id,
    addressLine: r.address_line,
    postalCode: r.postal_code,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    departement: r.departement,
    latitude: r.latitude,
    longitude: r.longitude,
    timeZone: r.time_zone,
    audience: r.audience as Structure['audience'],
    contacts: r.contacts,
    openingHours: r.opening_hours,
    accessDelayDays: r.access_delay_days,
    accessDelayConfirmedAt: r.access_delay_confirmed_at ? String(r.access_delay_confirmed_at).slice(0, 10) : null,
    capacityBeds: r.capacity_beds,
    description: r.description,
    coverage,
    status: r.status,
    isDemo: r.is_demo,
    confirmedAt: iso(r.confirmed_at),
    toVerify: isStale(r.confirmed_at, now),
    version: r.version,
    updatedAt: iso(r.updated_at),
    url: structurePath(r.id),
  };
}

export async function loadCoverage(db: Db, ids: string[]): Promise<Map<string, Structure['coverage']>> {
  const out = new Map<string, Structure['coverage']>();
  for (const id of ids) out.set(id, { departements: [], communes: [] });
  if (ids.length === 0) return out;
  const rows = (await db.execute(sql`
    SELECT sc.structure_id, sc.departement, sc.commune_code, c.nom
    FROM structure_coverage sc LEFT JOIN commune c ON c.code = sc.commune_code
    WHERE sc.structure_id IN ${ids}
    ORDER BY sc.departement NULLS LAST, c.nom`)) as unknown as { rows: { structure_id: string; departement: string | null; commune_code: string | null; nom: string | null }[] };
  for (const r of rows.rows) {
    const cov = out.get(r.structure_id)!;
    if (r.departement) cov.departements.push(r.departement);
    else if (r.commune_code) cov.communes.push({ code: r.commune_code, nom: r.nom ?? r.commune_code });
  }
  return out;
}

export async function getStructure(db: Db, id: string, now: Date): Promise<Structure | undefined> {
  const res = (await db.execute(sql`SELECT ${sql.raw(STRUCTURE_COLUMNS)} FROM ${sql.raw(STRUCTURE_FROM)} WHERE s.id = ${id}`)) as unknown as {
    rows: StructureRow[];
  };
  const row = res.rows[0];
  if (!row) return undefined;
  const cov = await loadCoverage(db, [row.id]);
  return toStructure(row, cov.get(row.id)!, now);
}

export async function communeInfo(handle: DbHandle, code: string) {
  const rows = await handle.query<{ code: string; nom: string; departement: string; codes_postaux: string[] }>(
    'SELECT code, nom, departement, codes_postaux FROM commune WHERE code = $1',
    [code],
  );
  return rows[0];
}

/**
 * A fingerprint of the directory's structures (the published ones, or all) and of the type labels:
 * it moves with any creation, edit, status change, confirmation or type relabelling.
 */
export async function directoryFingerprint(handle: DbHandle, scope: 'published' | 'all'): Promise<string> {
  const [f] = await handle.query<{ n: number; u: unknown; v: unknown; c: unknown; t: unknown }>(
    `SELECT count(*)::int AS n, max(updated_at)::text AS u, sum(version)::text AS v, max(confirmed_at)::text AS c,
            (SELECT string_agg(code || '=' || label, '|' ORDER BY code) FROM structure_type) AS t
     FROM structure ${scope === 'published' ? `WHERE status = 'published'` : ''}`,
  );
  return JSON.stringify(f);
}
