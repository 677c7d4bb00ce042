import { foldForSearch, type Commune, type CommuneSearchQuery } from '@palliance/core';
import type { DbHandle } from '../db/client';
import { findCommunesByCode, findCommunesByName } from './queries';

/**
 * Finds communes by name or postal code, accent- and case-insensitive, by prefix,
 * best matches first: the exact name, then names starting with the text, then names
 * with a word starting with it; among equals the most populated first.
 * Communes are reference data loaded once, so answers are kept in a small cache.
 */
export function createCommuneSearch(handle: DbHandle, cacheSize = 5000) {
  const cache = new Map<string, Commune[]>();
  return async function searchCommunes(input: CommuneSearchQuery): Promise<Commune[]> {
    const text = input.q.trim();
    const isCode = /^\d[\dAB]{0,4}$/i.test(text.replace(/\s/g, ''));
    const key = isCode ? `c:${text.replace(/\s/g, '').toUpperCase()}:${input.limit}` : `n:${foldForSearch(text)}:${input.limit}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const folded = foldForSearch(text);
    const result = isCode
      ? await findCommunesByCode(handle, text.replace(/\s/g, '').toUpperCase(), input.limit)
      : folded
        ? await findCommunesByName(handle, folded, input.limit)
        : [];
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(key, result);
    return result;
  };
}
export type SearchCommunes = ReturnType<typeof createCommuneSearch>;
