import { describe, expect, it } from 'vitest';
import { csvCell } from './analytics-csv';

describe('csvCell', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+33 1', '-2', '@SUM(A1)', '\tx']) expect(csvCell(v).replace(/^"/, '').startsWith("'")).toBe(true);
  });
  it('quotes semicolons, quotes and line breaks', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('il a dit "oui"')).toBe('"il a dit ""oui"""');
    expect(csvCell('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
  });
  it('writes numbers with a French decimal comma, negative numbers untouched, null as empty', () => {
    expect(csvCell(4.6)).toBe('4,6');
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
  });
});
