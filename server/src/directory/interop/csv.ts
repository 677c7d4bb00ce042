/**
 * RFC 4180 CSV, as spreadsheets write it: fields quoted with '"' (a quote inside doubled),
 * records ended by CRLF, LF or CR, an optional UTF-8 byte-order mark, and ';' (French Excel)
 * or ',' as separator.
 */
import { readCsv, type CsvRecord } from '@palliance/core';

export type { CsvRecord } from '@palliance/core';

export type CsvSeparator = ';' | ',';

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

/** Lenient about quotes, as spreadsheets are (12"3 stays 12"3); a line break inside quotes is stored as '\n'. */
export function parseCsv(input: string, separator: CsvSeparator = detectSeparator(input)): CsvParseResult {
  const { records, error } = readCsv(input, { separator, quotedLineBreaks: 'lf' });
  if (!error) return { separator, records, error: null };
  // Read leniently, the only error is a quote left open: reported on the line where it opened.
  return {
    separator,
    records,
    error: { line: error.kind === 'unclosed-quote' ? error.quoteLine : error.line, reason: 'Guillemet ouvert jamais refermé : la fin du fichier est arrivée à l’intérieur d’une valeur entre guillemets.' },
  };
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
