import { describe, expect, it } from 'vitest';
import { CommuneIndex, type IndexedCommune } from './commune-index';

const c = (code: string, nom: string, nomSearch: string, population: number, codesPostaux: string[]): IndexedCommune => ({
  code, nom, nomSearch, population, codesPostaux, departement: code.slice(0, 2), region: '84',
});

const index = new CommuneIndex([
  c('73054', 'Bourg-Saint-Maurice', 'bourg saint maurice', 7270, ['73700']),
  c('01053', 'Bourg-en-Bresse', 'bourg en bresse', 41000, ['01000']),
  c('73285', 'Séez', 'seez', 2400, ['73700']),
  c('94068', 'Saint-Maur-des-Fossés', 'saint maur des fosses', 75000, ['94100', '94210']),
  c('18033', 'Bourges', 'bourges', 64000, ['18000']),
]);

describe('CommuneIndex', () => {
  it('ranks exact name, then prefix by population, then a word inside the name', () => {
    expect(index.byName('bourg', 10).map((x) => x.nom)).toEqual(['Bourges', 'Bourg-en-Bresse', 'Bourg-Saint-Maurice']);
    expect(index.byName('bourges', 10).map((x) => x.nom)).toEqual(['Bourges']);
    expect(index.byName('saint maur', 10).map((x) => x.nom)).toEqual(['Saint-Maur-des-Fossés', 'Bourg-Saint-Maurice']);
  });

  it('does not look inside names for one or two letters', () => {
    expect(index.byName('se', 10).map((x) => x.nom)).toEqual(['Séez']);
  });

  it('finds by postal code prefix and by INSEE code, each commune once', () => {
    expect(index.byCodeOrPostal('73700', 10).map((x) => x.code)).toEqual(['73054', '73285']);
    expect(index.byCodeOrPostal('941', 10).map((x) => x.code)).toEqual(['94068']);
    expect(index.byCodeOrPostal('73285', 10).map((x) => x.code)).toEqual(['73285']);
  });

  it('respects the limit', () => {
    expect(index.byName('b', 2)).toHaveLength(2);
  });
});
