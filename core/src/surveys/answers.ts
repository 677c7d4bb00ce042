import { responsesCsvProblem, responsesCsvReader, toCsvLine } from './csv';
import { isEnabled, type AnswerValue, type Answers, type QuestionDef, type SurveyDefinition } from './model';

export interface AnswerProblem {
  /** Line of the CSV file (1 = header); absent for an answer typed on the respondent page. */
  line?: number;
  column: string;
  message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+([.,]\d+)?$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function boundsMessage(q: QuestionDef): string {
  if (q.min !== undefined && q.max !== undefined) return `entre ${q.min} et ${q.max}`;
  if (q.min !== undefined) return `supérieur ou égal à ${q.min}`;
  return `inférieur ou égal à ${q.max}`;
}

/** Reads one CSV cell (already known non-empty) as the answer to q; a French message when it cannot. */
export function decodeCell(q: QuestionDef, raw: string): { value: AnswerValue } | { error: string } {
  const s = raw.trim();
  switch (q.kind) {
    case 'single':
      if (!q.options.some((o) => o.code === s)) return { error: `« ${s} » n'est pas une réponse possible (attendu : ${q.options.map((o) => o.code).join(', ')}).` };
      return { value: s };
    case 'multiple': {
      const codes = s.split(';').map((c) => c.trim()).filter((c) => c !== '');
      const unknown = codes.filter((c) => !q.options.some((o) => o.code === c));
      if (unknown.length > 0) return { error: `« ${unknown.join(';')} » n'est pas une réponse possible (attendu, séparés par « ; » : ${q.options.map((o) => o.code).join(', ')}).` };
      if (new Set(codes).size !== codes.length) return { error: 'Une même réponse est donnée deux fois.' };
      return { value: codes };
    }
    case 'boolean':
      if (s === 'true') return { value: true };
      if (s === 'false') return { value: false };
      return { error: `« ${s} » n'est pas une réponse oui/non (attendu : true ou false).` };
    case 'integer':
    case 'scale':
    case 'decimal': {
      const isInt = q.kind !== 'decimal';
      if (!(isInt ? INTEGER : DECIMAL).test(s)) return { error: `« ${s} » n'est pas un nombre${isInt ? ' entier' : ''}.` };
      return checkNumber(q, Number(s.replace(',', '.')));
    }
    case 'date':
      if (!validDate(s)) return { error: `« ${s} » n'est pas une date au format AAAA-MM-JJ.` };
      return { value: s };
    case 'text':
      if (raw.length > 5000) return { error: 'Le texte dépasse 5000 caractères.' };
      // PostgreSQL stores no NUL character in a text or jsonb value.
      if (raw.includes('\u0000')) return { error: 'Le texte contient un caractère nul (code 0), qui ne peut pas être enregistré : retirez-le.' };
      return { value: raw.trim() };
  }
}

function checkNumber(q: QuestionDef, n: number): { value: number } | { error: string } {
  if (!Number.isFinite(n)) return { error: "Ce n'est pas un nombre." };
  if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) return { error: `${n} est hors bornes : la valeur doit être ${boundsMessage(q)}.` };
  return { value: n };
}

/** Checks a typed value (from the respondent page or the API) against its question. */
export function checkValue(q: QuestionDef, v: unknown): { value: AnswerValue } | { error: string } {
  switch (q.kind) {
    case 'single':
    case 'date':
    case 'text':
      return typeof v === 'string' ? decodeCell(q, v) : { error: 'Une réponse texte est attendue.' };
    case 'multiple':
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return { error: 'Une liste de réponses est attendue.' };
      return decodeCell(q, v.join(';'));
    case 'boolean':
      return typeof v === 'boolean' ? { value: v } : { error: 'Une réponse oui/non est attendue.' };
    default:
      if (typeof v !== 'number' || (q.kind !== 'decimal' && !Number.isInteger(v))) return { error: q.kind === 'decimal' ? 'Un nombre est attendu.' : 'Un nombre entier est attendu.' };
      return checkNumber(q, v);
  }
}

const isEmpty = (v: AnswerValue | undefined) => v === undefined || (Array.isArray(v) && v.length === 0) || v === '';

/**
 * Rules that need the whole response: a required item shown must be answered, an item hidden by
 * its condition must not be. `complete` is false for a draft (required items may still be empty).
 */
export function checkResponse(def: SurveyDefinition, answers: Answers, complete: boolean): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const q of def.questions) {
    const enabled = isEnabled(q, answers);
    const empty = isEmpty(answers[q.linkId]);
    if (!enabled && !empty) problems.push({ column: q.linkId, message: `Cette question ne s'applique pas d'après les réponses précédentes : elle doit rester vide.` });
    else if (enabled && empty && q.required && complete) problems.push({ column: q.linkId, message: 'Cette question est obligatoire.' });
  }
  return problems;
}

/** Validates typed answers (drop empty ones) and the whole-response rules. */
export function validateAnswers(def: SurveyDefinition, input: Record<string, unknown>, complete: boolean): { answers: Answers; problems: AnswerProblem[] } {
  const byId = new Map(def.questions.map((q) => [q.linkId, q]));
  const answers: Answers = {};
  const problems: AnswerProblem[] = [];
  for (const [k, v] of Object.entries(input)) {
    const q = byId.get(k);
    if (!q) {
      problems.push({ column: k, message: `La question « ${k} » n'existe pas dans ce questionnaire.` });
      continue;
    }
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    const r = checkValue(q, v);
    if ('error' in r) problems.push({ column: k, message: r.error });
    else answers[k] = r.value;
  }
  if (problems.length === 0) problems.push(...checkResponse(def, answers, complete));
  return { answers, problems };
}

export interface CsvImportResult {
  rows: Answers[];
  problems: AnswerProblem[];
  /** Problems beyond the report's cap are counted, not listed. */
  problemCount: number;
}

/** A responses file read through without keeping its responses. */
export interface CsvCheckResult {
  /** Responses read (the lines after the header that have the header's number of columns). */
  rowCount: number;
  problems: AnswerProblem[];
  problemCount: number;
}

/**
 * Reads a responses file: header = linkIds, ";" between the codes of a multiple choice, true/false,
 * empty = no answer. Every problem is reported (line, column, French message) up to `maxProblems`;
 * the caller stores nothing when there is one.
 */
export function readResponsesCsv(def: SurveyDefinition, text: string, maxProblems = 200): CsvImportResult {
  const reader = responsesReader(def, text, maxProblems);
  const rows: Answers[] = [];
  for (let a = reader.next(); a !== null; a = reader.next()) rows.push(a);
  const { problems, problemCount } = reader.result();
  return { rows, problems, problemCount };
}

/**
 * The first pass of a large import: the problems readResponsesCsv would report and the number of
 * responses, with no response kept.
 */
export function checkResponsesCsv(def: SurveyDefinition, text: string, maxProblems = 200): CsvCheckResult {
  const reader = responsesReader(def, text, maxProblems);
  while (reader.next() !== null);
  return reader.result();
}

/**
 * The responses in batches of `size`, each awaited before the next is read, so only one batch is
 * held; the result says what this reading found (a response with a problem is handed over all the
 * same, as readResponsesCsv keeps it). The server reads a file twice with it: a check whose batches
 * only let other requests through, then, when nothing was found, the writing.
 */
export async function forEachResponseBatch(def: SurveyDefinition, text: string, size: number, onBatch: (rows: Answers[]) => Promise<void> | void, maxProblems = 200): Promise<CsvCheckResult> {
  const reader = responsesReader(def, text, maxProblems);
  let batch: Answers[] = [];
  for (let a = reader.next(); a !== null; a = reader.next()) {
    batch.push(a);
    if (batch.length === size) {
      await onBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await onBatch(batch);
  return reader.result();
}

/**
 * The one reading of a responses file behind the three above: the header on opening, then one response
 * per next() with its problems counted, then result() once next() has returned null. Problems are in
 * the order of a reading that keeps the whole file: a CSV error (known at the end here) first.
 */
function responsesReader(def: SurveyDefinition, text: string, maxProblems: number): { next(): Answers | null; result(): CsvCheckResult } {
  const problems: AnswerProblem[] = [];
  let problemCount = 0;
  const add = (p: AnswerProblem) => {
    problemCount++;
    if (problems.length < maxProblems) problems.push(p);
  };
  const csv = responsesCsvReader(text);
  const first = csv.next();
  const header = first ? first.fields.map((h) => h.trim()) : [];
  const byId = new Map(def.questions.map((q) => [q.linkId, q]));
  const columns: (QuestionDef | null)[] = [];
  const seen = new Set<string>();
  header.forEach((h) => {
    const q = byId.get(h) ?? null;
    if (!q) add({ line: 1, column: h, message: `La colonne « ${h} » ne correspond à aucune question du questionnaire.` });
    else if (seen.has(h)) add({ line: 1, column: h, message: `La colonne « ${h} » apparaît deux fois.` });
    seen.add(h);
    columns.push(q);
  });
  let rowCount = 0;
  let done = first === null;
  let result: CsvCheckResult | null = null;

  const next = (): Answers | null => {
    while (!done) {
      const record = csv.next();
      if (record === null) {
        done = true;
        break;
      }
      const { line, fields } = record;
      if (fields.length !== header.length) {
        add({ line, column: '', message: `La ligne a ${fields.length} colonnes au lieu de ${header.length}.` });
        continue;
      }
      const answers: Answers = {};
      let ok = true;
      for (let c = 0; c < fields.length; c++) {
        const q = columns[c];
        if (!q || fields[c].trim() === '') continue;
        const v = decodeCell(q, fields[c]);
        if ('error' in v) {
          ok = false;
          add({ line, column: q.linkId, message: v.error });
        } else answers[q.linkId] = v.value;
      }
      if (ok) for (const p of checkResponse(def, answers, true)) add({ line, ...p });
      rowCount++;
      return answers;
    }
    return null;
  };

  const finish = (): CsvCheckResult => {
    const error = csv.error();
    if (error) {
      const { line, message } = responsesCsvProblem(error);
      problemCount++;
      problems.unshift({ line, column: '', message });
      if (problems.length > maxProblems) problems.pop();
    }
    if (first === null) {
      if (!error) add({ line: 1, column: '', message: "Le fichier est vide : la première ligne doit donner les identifiants des questions." });
    } else if (rowCount === 0 && problemCount === 0) add({ line: 2, column: '', message: 'Le fichier ne contient aucune réponse.' });
    return { rowCount, problems, problemCount };
  };

  return {
    next,
    result: () => {
      if (!done) throw new Error('result() before the end of the file');
      return (result ??= finish());
    },
  };
}

function cell(v: AnswerValue | undefined): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.join(';');
  return String(v);
}

/** The responses in the import format, so an export can be imported again as it is. */
export function responsesCsvHeader(def: SurveyDefinition): string {
  return toCsvLine(def.questions.map((q) => q.linkId));
}
export function responseCsvLine(def: SurveyDefinition, answers: Answers): string {
  return toCsvLine(def.questions.map((q) => cell(answers[q.linkId])));
}
