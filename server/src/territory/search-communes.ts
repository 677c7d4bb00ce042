import { foldForSearch, type Commune, type CommuneSearchQuery } from '@palliance/core';
import type { DbHandle } from '../db/client';
import { CommuneIndex, type IndexedCommune } from './commune-index';

/**
 * Finds communes by name or postal code, accent- and case-insensitive, by prefix, best matches
 * first: the exact name, then names starting with the text, then names with a word starting with it;
 * among equals the most populated first. Postal codes and INSEE codes by prefix.
 */
export function createCommuneSearch(handle: DbHandle) {
  let index: Promise<CommuneIndex> | null = null;
  const load = async () => {
    const rows = await handle.query<{ code: string; nom: string; nom_search: string; codes_postaux: string[]; departement: string; region: string; population: number }>(
      'SELECT code, nom, nom_search, codes_postaux, departement, region, population FROM commune',
    );
    return new CommuneIndex(
      rows.map(
        (r): IndexedCommune => ({
          code: r.code,
          nom: r.nom,
          nomSearch: r.nom_search,
          codesPostaux: r.codes_postaux,
          departement: r.departement,
          region: r.region,
          population: r.population,
        }),
      ),
    );
  };

  const loaded = () => {
    if (!index) {
      index = load();
      // A failed load (database down) is retried on the next request rather than cached.
      index.catch(() => {
        index = null;
      });
    }
    return index;
  };

  return Object.assign(
    async function searchCommunes(input: CommuneSearchQuery): Promise<Commune[]> {
      const idx = await loaded();
      const compact = input.q.replace(/\s/g, '').toUpperCase();
      if (/^\d[\dAB]{0,4}$/.test(compact)) return idx.byCodeOrPostal(compact, input.limit);
      const folded = foldForSearch(input.q);
      return folded ? idx.byName(folded, input.limit) : [];
    },
    { warm: loaded },
  );
}
export type SearchCommunes = ReturnType<typeof createCommuneSearch>;
