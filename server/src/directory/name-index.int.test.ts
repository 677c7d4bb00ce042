import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldForSearch } from '@palliance/core';
import type { DbHandle } from '../db/client';
import { openTestDatabase } from '../test/template';
import { NameIndex, wordSimilarity, type NamedEntry } from './name-index';

// The in-memory typo tolerance must judge words alike as PostgreSQL's pg_trgm does, since the
// exact search and the names it stores are PostgreSQL's.
let db: { handle: DbHandle; drop: () => Promise<void> };
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.drop());

const entry = (id: string, name: string, extra: Partial<NamedEntry> = {}): NamedEntry => ({
  id,
  nameSearch: foldForSearch(name),
  status: 'published',
  types: ['EMSP_EXTRA'],
  departement: '73',
  ...extra,
});

describe('word similarity', () => {
  it('is the similarity pg_trgm gives, for typos, truncations and unrelated words', async () => {
    const pairs: [string, string][] = [
      ['palliatfs', 'palliatifs'],
      ['eloy', 'eloi'],
      ['tarantaise', 'tarentaise'],
      ['oncolgie', 'oncologie'],
      ['deuill', 'deuil'],
      ['mobil', 'mobile'],
      ['sophro', 'sophrologie'],
      ['aaa', 'aaaa'],
      ['lyon', 'marseille'],
      ['hospitalisaton', 'hospitalisation'],
      ['a1', 'a12'],
    ];
    // And random words from a small alphabet, where shared and repeated trigrams are frequent.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const word = () => Array.from({ length: 2 + Math.floor(rand() * 9) }, () => 'abel'[Math.floor(rand() * 4)]).join('');
    for (let i = 0; i < 200; i++) pairs.push([word(), word()]);
    const rows = await db.handle.query<{ s: number }>(
      'SELECT similarity(a, b)::float8 AS s FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(a, b, n) ORDER BY n',
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    pairs.forEach(([a, b], i) => {
      expect({ a, b, s: wordSimilarity(a, b) }).toEqual({ a, b, s: expect.closeTo(rows[i]!.s, 5) });
    });
  });
});

describe('names that look like the search', () => {
  const index = new NameIndex([
    entry('1', 'Unité de soins palliatifs Saint-Éloi'),
    entry('2', 'EMTSP Haute-Tarentaise'),
    entry('3', 'Équipe mobile de soins palliatifs de Savoie'),
    entry('4', 'Réseau de soins palliatifs en attente', { status: 'pending' }),
    entry('5', 'Équipe mobile de soins palliatifs de Lyon', { departement: '69', types: ['EMSP_INTRA'] }),
    entry('6', 'SSIAD de Chambéry'),
  ]);
  const ids = (text: string, filter = { status: 'published' } as Parameters<NameIndex['similarNames']>[1], exclude?: Set<string>) =>
    index.similarNames(text, filter, exclude).map((x) => x.id);

  it('finds a mistyped rare word and ranks the name matching most of the search first', () => {
    expect(ids('saint eloy')).toEqual(['1']);
    expect(ids('tarantaise')).toEqual(['2']);
    expect(ids('unite soins palliatfs')[0]).toBe('1');
    // Every published name with "soins palliatifs", in name order when equally alike.
    expect(ids('soins palliatfs')).toEqual(['5', '3', '1']);
  });

  it('keeps to the status, type and department asked, and leaves out the exact matches already listed', () => {
    expect(ids('reseau palliatifs')).not.toContain('4');
    expect(ids('reseau palliatifs', { status: 'pending' })).toEqual(['4']);
    expect(ids('equipe mobile palliatifs', { status: 'published', departement: '69' })).toEqual(['5']);
    expect(ids('equipe mobile palliatifs', { status: 'published', type: 'EMSP_INTRA' })).toEqual(['5']);
    expect(ids('equipe mobile palliatifs', { status: 'published' }, new Set(['5']))).toEqual(['3']);
  });

  it('finds nothing for words too short to judge, or unlike any name', () => {
    expect(ids('de la')).toEqual([]);
    expect(ids('zzz qqq')).toEqual([]);
    // A rare word matching nothing outweighs a common one matching everywhere.
    expect(ids('palliatifs xylophone')).toEqual([]);
  });
});
