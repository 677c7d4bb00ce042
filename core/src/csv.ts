/**
 * The one CSV reader of the platform (RFC 4180): fields in double quotes may hold the separator, line
 * breaks and doubled quotes; records end with CRLF, LF or CR; a leading UTF-8 byte-order mark and
 * blank lines are skipped. Each record keeps the physical line it starts on, for validation reports.
 * Callers word their own messages from the error kinds (surveys/csv.ts, the directory's interop/csv.ts).
 * readCsv keeps every record; forEachCsvRecord and csvReader hand them over one at a time, for files
 * too large to hold twice (the text and its records).
 */
export interface CsvRecord {
  /** Physical line of the file where the record starts (1 = first line). */
  line: number;
  fields: string[];
}

export type CsvReadError =
  /** The file ends inside a quoted value: `line` is where its record starts, `quoteLine` where the quote opened. */
  | { kind: 'unclosed-quote'; line: number; quoteLine: number }
  /** Strict reading only: a closing quote followed by something else than the separator or a line end. */
  | { kind: 'text-after-quote'; line: number };

export interface CsvReadOptions {
  separator: string;
  /**
   * Strict: a closing quote must be followed by the separator, a line end or the end of the file.
   * Lenient (default), as spreadsheets are: what follows is part of the value (12"3 stays 12"3).
   */
  strictQuotes?: boolean;
  /**
   * A line break inside a quoted value: kept as written ('keep', default; only an LF counts as a new
   * physical line there) or stored as '\n' ('lf'; CRLF, LF and CR each count as one line).
   */
  quotedLineBreaks?: 'keep' | 'lf';
}

/** Reads records up to the end or the first error; the records before an error are complete. */
export function readCsv(input: string, options: CsvReadOptions): { records: CsvRecord[]; error: CsvReadError | null } {
  const records: CsvRecord[] = [];
  const error = forEachCsvRecord(input, options, (r) => records.push(r));
  return { records, error };
}

/**
 * readCsv without keeping the records: each one goes to onRecord as soon as it is read, so a file of
 * any size is read in the memory of one record. Returns the error, after the records before it.
 */
export function forEachCsvRecord(input: string, options: CsvReadOptions, onRecord: (record: CsvRecord) => void): CsvReadError | null {
  const reader = csvReader(input, options);
  for (let r = reader.next(); r !== null; r = reader.next()) onRecord(r);
  return reader.error();
}

/** Reads one record at a time, when the caller wants to wait (write what it has) between records. */
export interface CsvReader {
  /** The next record; null at the end of the input or at an error. */
  next(): CsvRecord | null;
  /** The error that stopped the reading, once next() has returned null. */
  error(): CsvReadError | null;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Where a run of plain characters from `from` ends: at the first `stop`, CR or LF, or at `end`. */
function plainRunEnd(text: string, from: number, end: number, stop: number): number {
  let j = from;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c === stop || c === CR || c === LF) break;
    j++;
  }
  return j;
}

export function csvReader(input: string, options: CsvReadOptions): CsvReader {
  const { separator, strictQuotes = false, quotedLineBreaks = 'keep' } = options;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const end = text.length;
  // A separator of another length than one character never matches, as with a character comparison.
  const sep = separator.length === 1 ? separator.charCodeAt(0) : -1;
  // Where the next record may start, and its physical line.
  let pos = 0;
  let line = 1;
  let error: CsvReadError | null = null;
  const next = (): CsvRecord | null => {
    if (error !== null) return null;
    let i = pos;
    let ln = line;
    let recordLine = ln;
    let quoteLine = ln;
    let quoted = false;
    // Characters seen in the current record: a blank line is no record.
    let started = false;
    const fields: string[] = [];
    let field = '';
    while (i < end) {
      const ch = text.charCodeAt(i);
      if (quoted) {
        if (ch === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          if (strictQuotes && i < end) {
            const after = text.charCodeAt(i);
            if (after !== sep && after !== LF && after !== CR) {
              error = { kind: 'text-after-quote', line: ln };
              pos = end;
              return null;
            }
          }
          continue;
        }
        if (ch === CR || ch === LF) {
          const crlf = ch === CR && text.charCodeAt(i + 1) === LF;
          i += crlf ? 2 : 1;
          if (quotedLineBreaks === 'lf') {
            field += '\n';
            ln++;
          } else {
            field += crlf ? '\r\n' : ch === CR ? '\r' : '\n';
            if (ch === LF || crlf) ln++;
          }
          continue;
        }
        // A run of plain characters up to the next quote or line break, taken as one slice.
        const j = plainRunEnd(text, i + 1, end, QUOTE);
        field += text.slice(i, j);
        i = j;
        continue;
      }
      if (ch === CR || ch === LF) {
        i += ch === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        ln++;
        if (started) {
          fields.push(field);
          pos = i;
          line = ln;
          return { line: recordLine, fields };
        }
        recordLine = ln;
        continue;
      }
      started = true;
      if (ch === sep) {
        fields.push(field);
        field = '';
        i++;
        continue;
      }
      if (ch === QUOTE && field === '') {
        // Only a quote opening a field starts a quoted value; elsewhere it is a plain character.
        quoted = true;
        quoteLine = ln;
        i++;
        continue;
      }
      // A run of plain characters up to the separator or a line break (a quote in it is plain: the field
      // is no longer empty), taken as one slice.
      const j = plainRunEnd(text, i + 1, end, sep);
      field += text.slice(i, j);
      i = j;
    }
    pos = end;
    line = ln;
    if (quoted) {
      error = { kind: 'unclosed-quote', line: recordLine, quoteLine };
      return null;
    }
    if (!started) return null;
    fields.push(field);
    return { line: recordLine, fields };
  };
  return { next, error: () => error };
}
