/**
 * Answers stored a second time in a compact form for the report: a JSON array in question order,
 * choices written as option positions. A 60-item response is about 190 characters instead of 840,
 * and the report reads it without looking a code up per answer.
 *
 *   single    option position (0, 1, …)          boolean   true / false
 *   multiple  bit mask of the positions when they are ascending and fewer than 31 (0 = empty list),
 *             else the list of positions as given (order and repeats kept)
 *   numbers   the number                          text, date  the string
 *   no answer null
 *
 * The positions mean something only for one list of questions and options: compactLayout names
 * it, and a compact row written under another layout is not read (the report reads the JSON answers,
 * which stay the source). A response the form cannot carry exactly gets no compact row.
 */
import type { AnswerValue, Answers, QuestionDef, SurveyDefinition } from './model';

/** Version of the format above: changing the format changes every layout. */
const FORMAT = 1;
const MAX_MASK_OPTIONS = 30;

/** What the meaning of a compact row depends on: question order, kinds and option codes. */
export function compactLayout(def: SurveyDefinition): string {
  return JSON.stringify([FORMAT, def.questions.map((q) => [q.linkId, q.kind, q.kind === 'single' || q.kind === 'multiple' ? q.options.map((o) => o.code) : []])]);
}

/** What encodeValue gives for a value the compact form cannot carry exactly. */
const REFUSED = Symbol('refused');

function encodeValue(q: QuestionDef, index: Map<string, number> | null, v: AnswerValue | null | undefined): unknown {
  if (v === undefined || v === null) return null;
  switch (q.kind) {
    case 'single': {
      const i = typeof v === 'string' ? index!.get(v) : undefined;
      return i === undefined ? REFUSED : i;
    }
    case 'multiple': {
      if (!Array.isArray(v)) return REFUSED;
      const positions: number[] = [];
      let ascending = true;
      for (const c of v) {
        const i = typeof c === 'string' ? index!.get(c) : undefined;
        if (i === undefined) return REFUSED;
        if (positions.length > 0 && i <= positions[positions.length - 1]) ascending = false;
        positions.push(i);
      }
      if (ascending && q.options.length <= MAX_MASK_OPTIONS) return positions.reduce((m, p) => m | (1 << p), 0);
      return positions;
    }
    case 'boolean':
      return typeof v === 'boolean' ? v : REFUSED;
    case 'integer':
    case 'decimal':
    case 'scale':
      // JSON gives every finite number back as it was, except -0.
      return typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0) ? v : REFUSED;
    case 'date':
    case 'text':
      return typeof v === 'string' ? v : REFUSED;
  }
}

/** Encoders of one layout, built once for many responses. */
export function compactEncoder(def: SurveyDefinition): (answers: Answers) => string | null {
  const n = def.questions.length;
  const indexes = def.questions.map((q) => (q.kind === 'single' || q.kind === 'multiple' ? new Map(q.options.map((o, i) => [o.code, i])) : null));
  const position = new Map(def.questions.map((q, k) => [q.linkId, k]));
  // The report reads answers[linkId]: for a linkId such as "constructor", a missing key reads an
  // Object.prototype member, which the compact form refuses. Those few are read by name.
  const inherited = def.questions.flatMap((q, k) => (q.linkId in Object.prototype ? [k] : []));
  return (answers) => {
    const out = new Array<unknown>(n).fill(null);
    // Only the answers given are looked at (a response leaves many items empty).
    for (const key in answers) {
      if (!Object.hasOwn(answers, key)) continue;
      const k = position.get(key);
      if (k === undefined) continue;
      const e = encodeValue(def.questions[k], indexes[k], answers[key]);
      if (e === REFUSED) return null;
      out[k] = e;
    }
    for (const k of inherited) {
      const e = encodeValue(def.questions[k], indexes[k], answers[def.questions[k].linkId]);
      if (e === REFUSED) return null;
      out[k] = e;
    }
    return JSON.stringify(out);
  };
}

/** The compact row of one response, or null when the form cannot carry it exactly. */
export function encodeCompact(def: SurveyDefinition, answers: Answers): string | null {
  return compactEncoder(def)(answers);
}

/** Reads one compact value back as the answer it stands for (undefined = no answer). */
export function compactDecoder(q: QuestionDef): (v: unknown) => AnswerValue | undefined {
  switch (q.kind) {
    case 'single':
      return (v) => (v === null || v === undefined ? undefined : q.options[v as number].code);
    case 'multiple':
      return (v) => {
        if (v === null || v === undefined) return undefined;
        if (Array.isArray(v)) return (v as number[]).map((p) => q.options[p].code);
        const out: string[] = [];
        for (let p = 0; p < q.options.length; p++) if (((v as number) >>> p) & 1) out.push(q.options[p].code);
        return out;
      };
    default:
      return (v) => (v === null || v === undefined ? undefined : (v as AnswerValue));
  }
}

/** The answers of a compact row in question order, as the report reads them from the JSON answers. */
export function decodeCompact(def: SurveyDefinition, row: readonly unknown[]): (AnswerValue | undefined)[] {
  return def.questions.map((q, k) => compactDecoder(q)(row[k]));
}
