/**
 * The one CSV reader of the platform (RFC 4180): fields in double quotes may hold the separator, line
 * breaks and doubled quotes; records end with CRLF, LF or CR; a leading UTF-8 byte-order mark and
 * blank lines are skipped. Each record keeps the physical line it starts on, for validation reports.
 * Callers word their own messages from the error kinds (surveys/csv.ts, the directory's interop/csv.ts).
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
  const { separator, strictQuotes = false, quotedLineBreaks = 'keep' } = options;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let quoted = false;
  // Characters seen in the current record: a blank line is no record.
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
        if (strictQuotes && i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
          return { records, error: { kind: 'text-after-quote', line } };
        }
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
      // Only a quote opening a field starts a quoted value; elsewhere it is a plain character.
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
