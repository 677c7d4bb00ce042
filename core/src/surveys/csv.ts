import { readCsv, type CsvRecord } from '../csv';

export type { CsvRecord } from '../csv';

/**
 * A responses file: comma separator, strict quotes (a closing quote ends its field), line breaks inside
 * quotes kept as written. Each record keeps the line number it starts on, for the validation report.
 */
export function parseCsv(input: string): { records: CsvRecord[]; error: { line: number; message: string } | null } {
  const { records, error } = readCsv(input, { separator: ',', strictQuotes: true });
  if (!error) return { records, error: null };
  const message =
    error.kind === 'text-after-quote' ? 'Un guillemet fermant doit être suivi d’une virgule ou d’une fin de ligne.' : 'Un champ entre guillemets n’est jamais refermé.';
  return { records, error: { line: error.line, message } };
}

const needsQuotes = /[",\r\n]/;
export function csvField(v: string): string {
  return needsQuotes.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsvLine(fields: string[]): string {
  return fields.map(csvField).join(',');
}
