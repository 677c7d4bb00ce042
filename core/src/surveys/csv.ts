import { csvReader, readCsv, type CsvReadError, type CsvReader, type CsvReadOptions, type CsvRecord } from '../csv';

export type { CsvRecord } from '../csv';

/**
 * A responses file: comma separator, strict quotes (a closing quote ends its field), line breaks inside
 * quotes kept as written. Each record keeps the line number it starts on, for the validation report.
 */
const RESPONSES: CsvReadOptions = { separator: ',', strictQuotes: true };

export function parseCsv(input: string): { records: CsvRecord[]; error: { line: number; message: string } | null } {
  const { records, error } = readCsv(input, RESPONSES);
  return { records, error: error ? responsesCsvProblem(error) : null };
}

/** The records of a responses file one at a time (see parseCsv); responsesCsvProblem words its error. */
export function responsesCsvReader(input: string): CsvReader {
  return csvReader(input, RESPONSES);
}

export function responsesCsvProblem(error: CsvReadError): { line: number; message: string } {
  const message =
    error.kind === 'text-after-quote' ? 'Un guillemet fermant doit être suivi d’une virgule ou d’une fin de ligne.' : 'Un champ entre guillemets n’est jamais refermé.';
  return { line: error.line, message };
}

const needsQuotes = /[",\r\n]/;
export function csvField(v: string): string {
  return needsQuotes.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsvLine(fields: string[]): string {
  return fields.map(csvField).join(',');
}
