/**
 * RFC 4180 CSV: comma separator, fields in double quotes may hold commas, line breaks and doubled
 * quotes. Each record keeps the line number it starts on, for the validation report.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export function parseCsv(input: string): { records: CsvRecord[]; error: { line: number; message: string } | null } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const n = text.length;
  const endRecord = () => {
    fields.push(field);
    // A blank line (one empty field) is skipped, not read as an empty response.
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          return { records, error: { line, message: 'Un guillemet fermant doit être suivi d’une virgule ou d’une fin de ligne.' } };
        }
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    i++;
  }
  if (quoted) return { records, error: { line: recordLine, message: 'Un champ entre guillemets n’est jamais refermé.' } };
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return { records, error: null };
}

const needsQuotes = /[",\r\n]/;
export function csvField(v: string): string {
  return needsQuotes.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsvLine(fields: string[]): string {
  return fields.map(csvField).join(',');
}
