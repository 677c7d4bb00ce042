import { describe, expect, it } from 'vitest';
import { foldForSearch } from './text';

describe('foldForSearch', () => {
  it('removes accents, case and hyphens', () => {
    expect(foldForSearch('Bourg-Saint-Maurice')).toBe('bourg saint maurice');
    expect(foldForSearch("L'Haÿ-les-Roses")).toBe('l hay les roses');
  });
  it('spells out saint abbreviations', () => {
    expect(foldForSearch('bourg st maur')).toBe('bourg saint maur');
    expect(foldForSearch('Ste-Maxime')).toBe('sainte maxime');
  });
  it('folds ligatures', () => {
    expect(foldForSearch('Œuilly')).toBe('oeuilly');
  });
  it('gives an empty string for punctuation only', () => {
    expect(foldForSearch(' - ')).toBe('');
  });
});
