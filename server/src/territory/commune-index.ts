import type { Commune } from '@palliance/core';

export interface IndexedCommune extends Commune {
  nomSearch: string;
  population: number;
}

interface Entry {
  key: string;
  c: IndexedCommune;
}

function lowerBound(arr: Entry[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Entries whose key starts with prefix: a contiguous range of the sorted array. */
function* prefixRange(arr: Entry[], prefix: string): Generator<Entry> {
  for (let i = lowerBound(arr, prefix); i < arr.length && arr[i].key.startsWith(prefix); i++) yield arr[i];
}

const better = (a: { rank: number; c: IndexedCommune }, b: { rank: number; c: IndexedCommune }) =>
  a.rank - b.rank || b.c.population - a.c.population || a.c.nom.localeCompare(b.c.nom, 'fr');

/** Keeps the best `limit` candidates, one per commune, without sorting the whole range. */
function topN(limit: number) {
  const best = new Map<string, { rank: number; c: IndexedCommune }>();
  return {
    offer(rank: number, c: IndexedCommune) {
      const prev = best.get(c.code);
      if (!prev || rank < prev.rank) best.set(c.code, { rank, c });
    },
    result(): Commune[] {
      return [...best.values()]
        .sort(better)
        .slice(0, limit)
        .map(({ c }) => ({ code: c.code, nom: c.nom, codesPostaux: c.codesPostaux, departement: c.departement, region: c.region }));
    },
  };
}

/**
 * An in-memory index of the ~35,000 communes (reference data that changes once a year), built from
 * the database at start: commune search answers in microseconds without a query per keystroke.
 * Sorted arrays give prefix ranges by binary search: the folded name, each word of it, the postal codes.
 */
export class CommuneIndex {
  private readonly names: Entry[] = [];
  private readonly words: Entry[] = [];
  private readonly postal: Entry[] = [];
  private readonly byCode = new Map<string, IndexedCommune>();

  constructor(communes: IndexedCommune[]) {
    for (const c of communes) {
      this.byCode.set(c.code, c);
      this.names.push({ key: c.nomSearch, c });
      const parts = c.nomSearch.split(' ');
      for (let i = 1; i < parts.length; i++) this.words.push({ key: parts.slice(i).join(' '), c });
      for (const p of c.codesPostaux) this.postal.push({ key: p, c });
    }
    const byKey = (a: Entry, b: Entry) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    this.names.sort(byKey);
    this.words.sort(byKey);
    this.postal.sort(byKey);
  }

  get size(): number {
    return this.byCode.size;
  }

  byName(folded: string, limit: number): Commune[] {
    const top = topN(limit);
    for (const e of prefixRange(this.names, folded)) top.offer(e.key === folded ? 0 : 1, e.c);
    // A word inside the name ("maurice" in "bourg saint maurice") from three letters on.
    if (folded.length >= 3) for (const e of prefixRange(this.words, folded)) top.offer(2, e.c);
    return top.result();
  }

  byCodeOrPostal(code: string, limit: number): Commune[] {
    const top = topN(limit);
    const insee = this.byCode.get(code);
    if (insee) top.offer(0, insee);
    for (const e of prefixRange(this.postal, code)) top.offer(e.key === code ? 1 : 2, e.c);
    return top.result();
  }
}
