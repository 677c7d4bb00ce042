import { parseCsv, toCsvLine } from './csv';
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

/**
 * Reads a responses file: header = linkIds, ";" between the codes of a multiple choice, true/false,
 * empty = no answer. Every problem is reported (line, column, French message) up to `maxProblems`;
 * the caller stores nothing when there is one.
 */
export function readResponsesCsv(def: SurveyDefinition, text: string, maxProblems = 200): CsvImportResult {
  const problems: AnswerProblem[] = [];
  let problemCount = 0;
  const add = (p: AnswerProblem) => {
    problemCount++;
    if (problems.length < maxProblems) problems.push(p);
  };
  const { records, error } = parseCsv(text);
  if (error) add({ line: error.line, column: '', message: error.message });
  if (records.length === 0) {
    if (!error) add({ line: 1, column: '', message: "Le fichier est vide : la première ligne doit donner les identifiants des questions." });
    return { rows: [], problems, problemCount };
  }
  const header = records[0].fields.map((h) => h.trim());
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
  const rows: Answers[] = [];
  for (let r = 1; r < records.length; r++) {
    const { line, fields } = records[r];
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
    rows.push(answers);
  }
  if (rows.length === 0 && problemCount === 0) add({ line: 2, column: '', message: 'Le fichier ne contient aucune réponse.' });
  return { rows, problems, problemCount };
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
