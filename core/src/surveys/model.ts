/**
 * The questionnaire as the platform reads it, derived from a FHIR R4 Questionnaire. The FHIR JSON
 * stays the stored source (import and export give it back as it came); this model is what the
 * respondent page, the CSV import and the report work on.
 */

export type SurveyItemKind = 'single' | 'multiple' | 'boolean' | 'integer' | 'decimal' | 'scale' | 'text' | 'date';

export interface AnswerOptionDef {
  code: string;
  label: string;
}

export interface EnableCondition {
  question: string;
  operator: 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';
  answer: string | number | boolean;
}

export interface QuestionDef {
  linkId: string;
  text: string;
  kind: SurveyItemKind;
  required: boolean;
  min?: number;
  max?: number;
  options: AnswerOptionDef[];
  enableWhen: EnableCondition[];
  enableBehavior: 'all' | 'any';
  /** linkId and title of the top-level section. */
  section: { linkId: string; text: string } | null;
  /** A group of items answered on the same scale (e.g. "Degré d'aisance par domaine"). */
  scaleGroup: { linkId: string; text: string } | null;
}

export interface SurveyDefinition {
  id: string;
  title: string;
  description: string;
  questions: QuestionDef[];
}

export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

export interface DefinitionProblem {
  path: string;
  message: string;
}

const MIN_URL = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX_URL = 'http://hl7.org/fhir/StructureDefinition/maxValue';
const LINK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function bound(item: Json, url: string): number | undefined {
  const ext = Array.isArray(item.extension) ? (item.extension as Json[]) : [];
  const e = ext.find((x) => isObj(x) && x.url === url);
  if (!e) return undefined;
  const v = e.valueInteger ?? e.valueDecimal;
  return typeof v === 'number' ? v : undefined;
}

/** A 1-5 item is read as a scale: same storage as an integer, its own statistics (distribution). */
const isScale = (min: number | undefined, max: number | undefined) => min === 1 && max === 5;

/**
 * Reads a FHIR R4 Questionnaire. Returns the problems found in French (with the item path) rather
 * than throwing, so an import can show them all at once.
 */
export function readQuestionnaire(fhir: unknown): { definition: SurveyDefinition | null; problems: DefinitionProblem[] } {
  const problems: DefinitionProblem[] = [];
  if (!isObj(fhir) || fhir.resourceType !== 'Questionnaire') {
    return { definition: null, problems: [{ path: 'resourceType', message: 'Le fichier doit être une ressource FHIR « Questionnaire ».' }] };
  }
  const questions: QuestionDef[] = [];
  const seen = new Set<string>();
  const walk = (items: unknown, path: string, section: QuestionDef['section'], parent: Json | null) => {
    if (items === undefined) return;
    if (!Array.isArray(items)) {
      problems.push({ path, message: 'La liste « item » doit être un tableau.' });
      return;
    }
    const children = items as unknown[];
    const allScales =
      parent !== null &&
      children.length > 1 &&
      children.every((c) => isObj(c) && c.type === 'integer' && isScale(bound(c, MIN_URL), bound(c, MAX_URL)));
    children.forEach((raw, i) => {
      const p = `${path}[${i}]`;
      if (!isObj(raw)) {
        problems.push({ path: p, message: 'Chaque question doit être un objet.' });
        return;
      }
      const linkId = typeof raw.linkId === 'string' ? raw.linkId : '';
      if (!LINK_ID.test(linkId)) {
        problems.push({ path: `${p}.linkId`, message: `L'identifiant « ${linkId} » n'est pas valide (lettres, chiffres, « - », « _ », « . », 64 caractères au plus).` });
        return;
      }
      if (seen.has(linkId)) {
        problems.push({ path: `${p}.linkId`, message: `L'identifiant « ${linkId} » est utilisé deux fois.` });
        return;
      }
      seen.add(linkId);
      const text = typeof raw.text === 'string' ? raw.text : linkId;
      const type = raw.type;
      if (type === 'group') {
        walk(raw.item, `${p}.item`, section ?? { linkId, text }, raw);
        return;
      }
      if (type === 'display') return;
      const min = bound(raw, MIN_URL);
      const max = bound(raw, MAX_URL);
      let kind: SurveyItemKind;
      if (type === 'choice' || type === 'open-choice') kind = raw.repeats === true ? 'multiple' : 'single';
      else if (type === 'boolean') kind = 'boolean';
      else if (type === 'integer') kind = isScale(min, max) ? 'scale' : 'integer';
      else if (type === 'decimal') kind = 'decimal';
      else if (type === 'string' || type === 'text') kind = 'text';
      else if (type === 'date') kind = 'date';
      else {
        problems.push({ path: `${p}.type`, message: `Le type « ${String(type)} » de la question « ${linkId} » n'est pas pris en charge.` });
        return;
      }
      const options: AnswerOptionDef[] = [];
      if (Array.isArray(raw.answerOption)) {
        for (const o of raw.answerOption as unknown[]) {
          const c = isObj(o) && isObj(o.valueCoding) ? o.valueCoding : null;
          const s = isObj(o) && typeof o.valueString === 'string' ? o.valueString : null;
          if (c && typeof c.code === 'string') options.push({ code: c.code, label: typeof c.display === 'string' ? c.display : c.code });
          else if (s) options.push({ code: s, label: s });
        }
      }
      if ((kind === 'single' || kind === 'multiple') && options.length === 0) {
        problems.push({ path: `${p}.answerOption`, message: `La question à choix « ${linkId} » n'a aucune modalité de réponse.` });
      }
      if (min !== undefined && max !== undefined && min > max) {
        problems.push({ path: `${p}.extension`, message: `La borne minimale de « ${linkId} » dépasse la borne maximale.` });
      }
      const enableWhen: EnableCondition[] = [];
      if (Array.isArray(raw.enableWhen)) {
        for (const w of raw.enableWhen as unknown[]) {
          if (!isObj(w) || typeof w.question !== 'string') continue;
          const answer =
            w.answerBoolean ?? w.answerInteger ?? w.answerDecimal ?? w.answerString ?? w.answerDate ?? (isObj(w.answerCoding) ? w.answerCoding.code : undefined);
          enableWhen.push({ question: w.question, operator: (w.operator as EnableCondition['operator']) ?? '=', answer: answer as EnableCondition['answer'] });
        }
      }
      questions.push({
        linkId,
        text,
        kind,
        required: raw.required === true,
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        options,
        enableWhen,
        enableBehavior: raw.enableBehavior === 'any' ? 'any' : 'all',
        section,
        scaleGroup: allScales && parent ? { linkId: String(parent.linkId), text: String(parent.text ?? parent.linkId) } : null,
      });
    });
  };
  walk(fhir.item, 'item', null, null);
  const ids = new Set(questions.map((q) => q.linkId));
  for (const q of questions) {
    for (const w of q.enableWhen) {
      if (!ids.has(w.question)) problems.push({ path: q.linkId, message: `La condition de « ${q.linkId} » porte sur une question inconnue « ${w.question} ».` });
    }
  }
  if (questions.length === 0) problems.push({ path: 'item', message: "Le questionnaire ne contient aucune question." });
  return {
    definition: {
      id: typeof fhir.id === 'string' ? fhir.id : '',
      title: typeof fhir.title === 'string' ? fhir.title : typeof fhir.name === 'string' ? fhir.name : 'Questionnaire',
      description: typeof fhir.description === 'string' ? fhir.description : '',
      questions,
    },
    problems,
  };
}

function matches(w: EnableCondition, value: AnswerValue | undefined): boolean {
  if (w.operator === 'exists') return (value !== undefined) === (w.answer !== false);
  if (value === undefined) return w.operator === '!=';
  const values = Array.isArray(value) ? value : [value];
  const cmp = (v: string | number | boolean) => {
    switch (w.operator) {
      case '=':
        return v === w.answer;
      case '!=':
        return v !== w.answer;
      case '>':
        return v > w.answer;
      case '<':
        return v < w.answer;
      case '>=':
        return v >= w.answer;
      case '<=':
        return v <= w.answer;
    }
  };
  return w.operator === '!=' ? values.every(cmp) : values.some(cmp);
}

/** Whether the question is shown to this respondent (FHIR enableWhen / enableBehavior). */
export function isEnabled(q: QuestionDef, answers: Answers): boolean {
  if (q.enableWhen.length === 0) return true;
  return q.enableBehavior === 'any' ? q.enableWhen.some((w) => matches(w, answers[w.question])) : q.enableWhen.every((w) => matches(w, answers[w.question]));
}

export const KIND_LABELS: Record<SurveyItemKind, string> = {
  single: 'Choix unique',
  multiple: 'Choix multiple',
  boolean: 'Oui / non',
  integer: 'Nombre entier',
  decimal: 'Nombre décimal',
  scale: 'Échelle de 1 à 5',
  text: 'Texte libre',
  date: 'Date',
};
