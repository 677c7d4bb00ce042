import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsvLine } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks, and keeps line numbers', () => {
    const { records, error } = parseCsv('a,b,c\r\n1,"x, ""y""",z\n2,"deux\nlignes",\n3,,');
    expect(error).toBeNull();
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"', 'z'] },
      { line: 3, fields: ['2', 'deux\nlignes', ''] },
      { line: 5, fields: ['3', '', ''] },
    ]);
  });
  it('keeps ";" lists inside one field and skips blank lines and a BOM', () => {
    const { records } = parseCsv('\ufeffa,b\n\nen;esas,true\n');
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['en;esas', 'true']]);
  });
  it('reports an unclosed quote with its line', () => {
    expect(parseCsv('a\n"oops\n').error).toEqual({ line: 2, message: expect.stringContaining('jamais refermé') });
  });
  it('reads back what toCsvLine writes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map(toCsvLine).join('\n');
        expect(parseCsv(text).records.map((r) => r.fields)).toEqual(rows.filter((r) => r.length > 1 || r[0] !== ''));
      }),
    );
  });
});
