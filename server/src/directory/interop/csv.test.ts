import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, detectSeparator, parseCsv, serializeCsv, UTF8_BOM } from './csv';

describe('RFC 4180 CSV', () => {
  it('reads quoted fields, doubled quotes, separators and line breaks inside quotes, CRLF, and a BOM', () => {
    const text = `${UTF8_BOM}nom;description;lits\r\n"EMSP ""Nord""";"Ligne 1\r\nLigne 2; suite";12\r\nHAD;;\r\n`;
    const { separator, records, error } = parseCsv(text);
    expect(separator).toBe(';');
    expect(error).toBeNull();
    expect(records).toEqual([
      { line: 1, fields: ['nom', 'description', 'lits'] },
      { line: 2, fields: ['EMSP "Nord"', 'Ligne 1\nLigne 2; suite', '12'] },
      // The record after a quoted line break starts on physical line 4.
      { line: 4, fields: ['HAD', '', ''] },
    ]);
  });

  it('takes the separator from the header line, ignoring quoted ones', () => {
    expect(detectSeparator('nom,types,"a;b;c"\n1;2;3;4')).toBe(',');
    expect(detectSeparator('nom;types;"a,b,c"')).toBe(';');
    expect(detectSeparator('nom')).toBe(';');
    expect(parseCsv('a,b\n1,"x,y"\n').records[1].fields).toEqual(['1', 'x,y']);
  });

  it('accepts LF and CR line ends, skips a final empty line, keeps empty last fields', () => {
    expect(parseCsv('a;b\n1;\r2;3').records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '']],
      [3, ['2', '3']],
    ]);
    expect(parseCsv('a;b\n\n1;2\n').records.map((r) => r.line)).toEqual([1, 3]);
  });

  it('reports a quote left open with the line where it started', () => {
    const { error, records } = parseCsv('a;b\n1;2\n3;"open\nstill open\n');
    expect(error?.line).toBe(3);
    expect(records).toHaveLength(2);
  });

  it('round-trips any text through serialize and parse', () => {
    const rows = [
      ['id', 'nom', 'json'],
      ['1', ' espace ', '{"a":"b;c","d":[1,2]}'],
      ['2', 'guillemet " et ; et\nretour', ''],
    ];
    const out = serializeCsv(rows, ';');
    expect(out.endsWith('\r\n')).toBe(true);
    expect(parseCsv(out).records.map((r) => r.fields)).toEqual(rows);
    expect(parseCsv(serializeCsv(rows, ','), ',').records.map((r) => r.fields)).toEqual(rows);
  });

  it('decodes UTF-8, and Windows-1252 as French Excel saves it', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('Équipe cœur'))).toBe('Équipe cœur');
    // « Équipe cœur € » in Windows-1252
    expect(decodeCsvBytes(Uint8Array.from([0xc9, 0x71, 0x75, 0x69, 0x70, 0x65, 0x20, 0x63, 0x9c, 0x75, 0x72, 0x20, 0x80]))).toBe('Équipe cœur €');
  });
});
