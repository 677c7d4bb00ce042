import { createRequire } from 'node:module';
import { foldForSearch } from '@palliance/core';
import type { DbHandle } from '../db/client';

const require = createRequire(import.meta.url);

interface RawRegion { code: string; nom: string }
interface RawDepartement { code: string; nom: string; region: string }
interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
}

const PACKAGE = '@etalab/decoupage-administratif';

export function territoryDatasetVersion(): string {
  return (require(`${PACKAGE}/package.json`) as { version: string }).version;
}

/**
 * Loads regions, departments and current communes (arrondissements of Paris, Lyon and Marseille
 * included, as they carry their own postal codes) from the maintained INSEE-based package.
 * Does nothing when this edition is already loaded; runs in one transaction otherwise.
 */
export async function loadTerritory(handle: DbHandle): Promise<{ loaded: boolean; communes: number }> {
  const version = territoryDatasetVersion();
  const current = await handle.query<{ version: string }>("SELECT version FROM reference_dataset WHERE name = 'territoire'");
  if (current[0]?.version === version) return { loaded: false, communes: 0 };

  const regions = require(`${PACKAGE}/data/regions.json`) as RawRegion[];
  const departements = require(`${PACKAGE}/data/departements.json`) as RawDepartement[];
  const communes = (require(`${PACKAGE}/data/communes.json`) as RawCommune[]).filter(
    (c) => (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal') && c.departement && c.region,
  );

  await handle.withSession(async (s) => {
    await s.exec('BEGIN');
    try {
      await s.query(
        `INSERT INTO region (code, nom) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (code) DO UPDATE SET nom = EXCLUDED.nom`,
        [regions.map((r) => r.code), regions.map((r) => r.nom)],
      );
      await s.query(
        `INSERT INTO departement (code, nom, region) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (code) DO UPDATE SET nom = EXCLUDED.nom, region = EXCLUDED.region`,
        [departements.map((d) => d.code), departements.map((d) => d.nom), departements.map((d) => d.region)],
      );
      const chunk = 5000;
      for (let i = 0; i < communes.length; i += chunk) {
        const part = communes.slice(i, i + chunk);
        await s.query(
          `INSERT INTO commune (code, nom, nom_search, codes_postaux, departement, region, population, kind)
           SELECT code, nom, nom_search, CASE WHEN cps = '' THEN '{}'::text[] ELSE string_to_array(cps, ',') END,
                  dep, reg, pop, kind
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[])
             AS t(code, nom, nom_search, cps, dep, reg, pop, kind)
           ON CONFLICT (code) DO UPDATE SET nom = EXCLUDED.nom, nom_search = EXCLUDED.nom_search,
             codes_postaux = EXCLUDED.codes_postaux, departement = EXCLUDED.departement,
             region = EXCLUDED.region, population = EXCLUDED.population, kind = EXCLUDED.kind`,
          [
            part.map((c) => c.code),
            part.map((c) => c.nom),
            part.map((c) => foldForSearch(c.nom)),
            part.map((c) => (c.codesPostaux ?? []).join(',')),
            part.map((c) => c.departement),
            part.map((c) => c.region),
            part.map((c) => c.population ?? 0),
            part.map((c) => (c.type === 'arrondissement-municipal' ? 'arrondissement' : 'commune')),
          ],
        );
      }
      await s.exec('DELETE FROM commune_postal_code');
      await s.exec(
        `INSERT INTO commune_postal_code (code_postal, commune)
         SELECT DISTINCT unnest(codes_postaux), code FROM commune`,
      );
      await s.query(
        `INSERT INTO reference_dataset (name, version, source) VALUES ('territoire', $1, $2)
         ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, source = EXCLUDED.source, loaded_at = now()`,
        [version, `${PACKAGE} ${version} (INSEE, Code officiel géographique ; La Poste, codes postaux)`],
      );
      await s.exec('COMMIT');
    } catch (err) {
      await s.exec('ROLLBACK').catch(() => {});
      throw err;
    }
  });
  // Fresh statistics after a bulk load, or the planner misjudges every join on communes.
  await handle.exec('ANALYZE region; ANALYZE departement; ANALYZE commune; ANALYZE commune_postal_code');
  return { loaded: true, communes: communes.length };
}
