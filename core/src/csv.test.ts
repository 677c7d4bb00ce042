import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvReader, forEachCsvRecord, readCsv, type CsvReadError, type CsvReadOptions, type CsvRecord } from './csv';

/** What forEachCsvRecord hands over, in readCsv's shape. */
function streamed(input: string, options: CsvReadOptions): { records: CsvRecord[]; error: CsvReadError | null } {
  const records: CsvRecord[] = [];
  const error = forEachCsvRecord(input, options, (r) => records.push(r));
  return { records, error };
}

/**
 * The reader as it was before it took runs of characters as slices (one character at a time), kept as
 * the reference the faster one must match on any input.
 */
function referenceReadCsv(input: string, options: CsvReadOptions): { records: CsvRecord[]; error: CsvReadError | null } {
  const { separator, strictQuotes = false, quotedLineBreaks = 'keep' } = options;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let quoted = false;
  let started = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    started = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (strictQuotes && i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') return { records, error: { kind: 'text-after-quote', line } };
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        const lineBreak = ch === '\r' && text[i + 1] === '\n' ? '\r\n' : ch;
        i += lineBreak.length;
        if (quotedLineBreaks === 'lf') {
          field += '\n';
          line++;
        } else {
          field += lineBreak;
          if (lineBreak !== '\r') line++;
        }
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      if (started) endRecord();
      line++;
      recordLine = line;
      continue;
    }
    started = true;
    if (ch === separator) {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i++;
      continue;
    }
    field += ch;
    i++;
  }
  if (quoted) return { records, error: { kind: 'unclosed-quote', line: recordLine, quoteLine } };
  if (started) endRecord();
  return { records, error: null };
}

const ALL_OPTIONS: CsvReadOptions[] = [
  { separator: ',' },
  { separator: ',', strictQuotes: true },
  { separator: ';', quotedLineBreaks: 'lf' },
  { separator: ';', strictQuotes: true, quotedLineBreaks: 'lf' },
  { separator: '\t' },
];

describe('forEachCsvRecord', () => {
  const tricky: [string, CsvReadOptions, { records: [number, string[]][]; error: CsvReadError | null }][] = [
    ['a,b\r\n1,"x, ""y"""\r\n', { separator: ',' }, { records: [[1, ['a', 'b']], [2, ['1', 'x, "y"']]], error: null }],
    ['\ufeffa;b\n\n\r\n1;\r2;3', { separator: ';' }, { records: [[1, ['a', 'b']], [4, ['1', '']], [5, ['2', '3']]], error: null }],
    ['a,"deux\r\nlignes\rpuis",c\nz', { separator: ',' }, { records: [[1, ['a', 'deux\r\nlignes\rpuis', 'c']], [3, ['z']]], error: null }],
    ['a,"deux\r\nlignes\rpuis",c\nz', { separator: ',', quotedLineBreaks: 'lf' }, { records: [[1, ['a', 'deux\nlignes\npuis', 'c']], [4, ['z']]], error: null }],
    ['a,b\n1,"ouvert\nencore\n', { separator: ',' }, { records: [[1, ['a', 'b']]], error: { kind: 'unclosed-quote', line: 2, quoteLine: 2 } }],
    ['a,b\n1,2\n"x"y,3\n4,5\n', { separator: ',', strictQuotes: true }, { records: [[1, ['a', 'b']], [2, ['1', '2']]], error: { kind: 'text-after-quote', line: 3 } }],
    ['a,b\n"12"3,x"y\n', { separator: ',' }, { records: [[1, ['a', 'b']], [2, ['123', 'x"y']]], error: null }],
    ['"",""\n,\n', { separator: ',' }, { records: [[1, ['', '']], [2, ['', '']]], error: null }],
    ['', { separator: ',' }, { records: [], error: null }],
    ['\ufeff\r\n\n', { separator: ',' }, { records: [], error: null }],
  ];
  it.each(tricky)('reads %j as readCsv does (records, lines, error)', (input, options, expected) => {
    const got = streamed(input, options);
    expect({ records: got.records.map((r) => [r.line, r.fields]), error: got.error }).toEqual(expected);
    expect(got).toEqual(readCsv(input, options));
    expect(got).toEqual(referenceReadCsv(input, options));
  });

  it('matches the character-by-character reader on any input, under every option', () => {
    const alphabet = fc.constantFrom('a', 'bé', ',', ';', '\t', '"', '""', '\r', '\n', '\r\n', ' ', '\ufeff');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join('')), fc.constantFrom(...ALL_OPTIONS), (input, options) => {
        const expected = referenceReadCsv(input, options);
        expect(streamed(input, options)).toEqual(expected);
        expect(readCsv(input, options)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('lets a reader stop between records and go on later', () => {
    const reader = csvReader('a,b\n1,2\n3,"x\n', { separator: ',' });
    expect(reader.next()).toEqual({ line: 1, fields: ['a', 'b'] });
    expect(reader.next()).toEqual({ line: 2, fields: ['1', '2'] });
    expect(reader.next()).toBeNull();
    expect(reader.error()).toEqual({ kind: 'unclosed-quote', line: 3, quoteLine: 3 });
    expect(reader.next()).toBeNull();
  });
});
