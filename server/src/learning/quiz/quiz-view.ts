import { seededShuffle, type AnswerResult, type PlayQuestion, type QuestionSpec, type QuizResponse } from '@palliance/core';
import { scoreQuestion } from '@palliance/core';

export interface AttemptQuestion {
  id: string;
  prompt: string;
  explanation: string;
  spec: QuestionSpec;
}

/**
 * The question as a learner sees it during an attempt: nothing that gives the answer away.
 * Orderings and right-hand sides of matchings are shuffled with the attempt as seed, so a reload
 * shows the same order.
 */
export function toPlayQuestion(q: AttemptQuestion, attemptId: string): PlayQuestion {
  const seed = `${attemptId}:${q.id}`;
  const base = { id: q.id, kind: q.spec.kind, prompt: q.prompt };
  switch (q.spec.kind) {
    case 'single':
    case 'multiple':
      return { ...base, choices: q.spec.choices.map((c) => ({ id: c.id, text: c.text })) };
    case 'true_false':
    case 'short':
      return base;
    case 'numeric':
      return { ...base, ...(q.spec.unit ? { unit: q.spec.unit } : {}) };
    case 'matching':
      return {
        ...base,
        left: q.spec.pairs.map((p) => ({ id: p.id, text: p.left })),
        right: seededShuffle(q.spec.pairs.map((p) => ({ id: p.id, text: p.right })), seed),
      };
    case 'ordering': {
      let items = seededShuffle(q.spec.items, seed);
      // A starting order that is already right would give the answer away.
      if (items.length > 1 && items.every((it, i) => it.id === (q.spec as { items: { id: string }[] }).items[i].id)) items = [...items.slice(1), items[0]];
      return { ...base, items: items.map((i) => ({ id: i.id, text: i.text })) };
    }
  }
}

const fmtNumber = (n: number) => String(n).replace('.', ',');

/** The expected answer in words, for the correction. */
export function expectedInWords(spec: QuestionSpec): string {
  switch (spec.kind) {
    case 'single':
      return spec.choices.find((c) => c.id === spec.correct)?.text ?? '';
    case 'multiple':
      return spec.choices.filter((c) => spec.correct.includes(c.id)).map((c) => c.text).join(' ; ');
    case 'true_false':
      return spec.correct ? 'Vrai' : 'Faux';
    case 'numeric':
      return `${fmtNumber(spec.value)}${spec.tolerance ? ` (à ${fmtNumber(spec.tolerance)} près)` : ''}${spec.unit ? ` ${spec.unit}` : ''}`;
    case 'short':
      return spec.accepted[0] ?? '';
    case 'matching':
      return spec.pairs.map((p) => `${p.left} → ${p.right}`).join(' ; ');
    case 'ordering':
      return spec.items.map((i) => i.text).join(' → ');
  }
}

/** One answer with or without its correction; the score is always recomputed from the question. */
export function answerResult(q: AttemptQuestion, response: QuizResponse | null, withCorrection: boolean): AnswerResult {
  if (!withCorrection) return { questionId: q.id, response };
  const s = scoreQuestion(q.spec, response);
  return { questionId: q.id, response, points: s.points, correct: s.correct, feedback: s.feedback, explanation: q.explanation, expected: expectedInWords(q.spec) };
}
