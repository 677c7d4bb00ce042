import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { badInput } from '../http/errors';

export interface IndicatorTerritory {
  code: string;
  label: string;
  /** Departments it covers; null for all of France (no filter). */
  departements: string[] | null;
  /** The department, for a department: the permission check is scoped by it. */
  departement: string | null;
}

/** « fr », « reg:76 » or « dep:34 », checked against the territory reference. */
export async function resolveTerritory(db: Db, code: string): Promise<IndicatorTerritory> {
  if (code === 'fr') return { code, label: 'France entière', departements: null, departement: null };
  if (code.startsWith('reg:')) {
    const r = (await db.execute(sql`SELECT r.nom, array_agg(d.code ORDER BY d.code) AS deps FROM region r JOIN departement d ON d.region = r.code WHERE r.code = ${code.slice(4)} GROUP BY r.nom`)) as unknown as {
      rows: { nom: string; deps: string[] }[];
    };
    if (!r.rows[0]) throw badInput('territory', "Cette région n'existe pas.");
    return { code, label: r.rows[0].nom, departements: r.rows[0].deps, departement: null };
  }
  const dep = code.slice(4);
  const d = (await db.execute(sql`SELECT nom FROM departement WHERE code = ${dep}`)) as unknown as { rows: { nom: string }[] };
  if (!d.rows[0]) throw badInput('territory', "Ce département n'existe pas.");
  return { code, label: `${d.rows[0].nom} (${dep})`, departements: [dep], departement: dep };
}
