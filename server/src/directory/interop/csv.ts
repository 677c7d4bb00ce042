/**
 * RFC 4180 CSV, as spreadsheets write it: fields quoted with '"' (a quote inside doubled),
 * records ended by CRLF, LF or CR, an optional UTF-8 byte-order mark, and ';' (French Excel)
 * or ',' as separator.
 */

export type CsvSeparator = ';' | ',';

export interface CsvRecord {
  /** Physical line of the file where the record starts (1 = first line). */
  line: number;
  fields: string[];
}

export interface CsvParseResult {
  separator: CsvSeparator;
  records: CsvRecord[];
  /** A quoted field left open at the end of the file; the records before it are complete. */
  error: { line: number; reason: string } | null;
}

const BOM = '\uFEFF';

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The separator of the header line: whichever of ';' and ',' occurs more outside quotes (';' on a tie). */
export function detectSeparator(text: string): CsvSeparator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of stripBom(text)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

export function parseCsv(input: string, separator: CsvSeparator = detectSeparator(input)): CsvParseResult {
  const text = stripBom(input);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let quoted = false;
  // Characters seen in the current record (an empty last line is no record).
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
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        // A line break inside a quoted field is part of the value; stored as '\n'.
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        field += '\n';
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
      // Only a quote opening a field starts a quoted value; elsewhere it is a plain character
      // (lenient, as spreadsheets are: 12"3 stays 12"3).
      quoted = true;
      quoteLine = line;
      i++;
      continue;
    }
    field += ch;
    i++;
  }
  if (quoted) {
    return {
      separator,
      records,
      error: { line: quoteLine, reason: 'Guillemet ouvert jamais refermé : la fin du fichier est arrivée à l’intérieur d’une valeur entre guillemets.' },
    };
  }
  if (started) endRecord();
  return { separator, records, error: null };
}

function quote(value: string, separator: CsvSeparator): string {
  return /["\r\n]/.test(value) || value.includes(separator) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows joined with CRLF (and a final CRLF), fields quoted only where needed. No BOM: the caller adds it. */
export function serializeCsv(rows: readonly (readonly string[])[], separator: CsvSeparator = ';'): string {
  return rows.map((r) => r.map((v) => quote(v, separator)).join(separator) + '\r\n').join('');
}

export const UTF8_BOM = BOM;

/**
 * Text of an uploaded file: UTF-8 when it is valid UTF-8, else Windows-1252, which is what
 * French Excel writes for « CSV (séparateur : point-virgule) ».
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Node's decoder reads 0x80–0x9F as control characters (Latin-1): map them as Windows does.
    let out = '';
    for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? '\uFFFD') : String.fromCharCode(b);
    return out;
  }
}

// Windows-1252 0x80–0x9F (undefined positions as U+FFFD).
const CP1252_HIGH = [...'€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ'];
