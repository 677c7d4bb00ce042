import { foldForSearch } from '../text';

/*
 * Pure scoring of quiz answers, shared by the server (which alone decides) and the browser (which
 * only shows). Every question is worth 1 point; a quiz score is the percentage of points earned.
 */

export interface Choice {
  id: string;
  text: string;
  /** Shown after answering when this choice was picked. */
  feedback?: string;
}

export type QuestionSpec =
  | { kind: 'single'; choices: Choice[]; correct: string }
  | { kind: 'multiple'; choices: Choice[]; correct: string[] }
  | { kind: 'true_false'; correct: boolean; feedbackTrue?: string; feedbackFalse?: string }
  | { kind: 'numeric'; value: number; tolerance: number; unit?: string }
  | { kind: 'short'; accepted: string[] }
  | { kind: 'matching'; pairs: { id: string; left: string; right: string }[] }
  | { kind: 'ordering'; items: { id: string; text: string }[] };

export type QuestionKind = QuestionSpec['kind'];

export type QuizResponse =
  | { kind: 'single'; choiceId: string }
  | { kind: 'multiple'; choiceIds: string[] }
  | { kind: 'true_false'; value: boolean }
  | { kind: 'numeric'; value: number }
  | { kind: 'short'; text: string }
  /** For each pair id (left side), the pair id whose right side was chosen. */
  | { kind: 'matching'; matches: Record<string, string> }
  /** Item ids in the order given by the learner. */
  | { kind: 'ordering'; order: string[] };

export interface QuestionScore {
  /** Between 0 and 1. */
  points: number;
  correct: boolean;
  /** Feedback texts attached to what was answered (choices picked, true/false). */
  feedback: string[];
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Case-, accent- and punctuation-insensitive form used to compare short answers. */
export const foldAnswer = (s: string) => foldForSearch(s);

/**
 * Scores one response against its question. A response of another kind than the question scores 0
 * (never an exception: the server stores what was sent and scores it).
 *
 * Partial credit:
 * - multiple choice: (right choices ticked − wrong choices ticked) / number of right choices, at least 0;
 *   correct only when exactly the right choices are ticked.
 * - matching: share of left items matched to their own right side.
 * - ordering: share of items at their right position.
 * Every other kind is all or nothing.
 */
export function scoreQuestion(spec: QuestionSpec, response: QuizResponse | null | undefined): QuestionScore {
  if (!response || response.kind !== spec.kind) return { points: 0, correct: false, feedback: [] };
  switch (spec.kind) {
    case 'single': {
      const r = response as Extract<QuizResponse, { kind: 'single' }>;
      const picked = spec.choices.find((c) => c.id === r.choiceId);
      const ok = r.choiceId === spec.correct;
      return { points: ok ? 1 : 0, correct: ok, feedback: picked?.feedback ? [picked.feedback] : [] };
    }
    case 'multiple': {
      const r = response as Extract<QuizResponse, { kind: 'multiple' }>;
      const ticked = new Set(r.choiceIds.filter((id) => spec.choices.some((c) => c.id === id)));
      const right = new Set(spec.correct);
      let good = 0;
      let bad = 0;
      for (const id of ticked) {
        if (right.has(id)) good++;
        else bad++;
      }
      const points = right.size === 0 ? (ticked.size === 0 ? 1 : 0) : clamp01((good - bad) / right.size);
      const ok = bad === 0 && good === right.size;
      const feedback = spec.choices.filter((c) => ticked.has(c.id) && c.feedback).map((c) => c.feedback!);
      return { points: round(points), correct: ok, feedback };
    }
    case 'true_false': {
      const r = response as Extract<QuizResponse, { kind: 'true_false' }>;
      const ok = r.value === spec.correct;
      const fb = r.value ? spec.feedbackTrue : spec.feedbackFalse;
      return { points: ok ? 1 : 0, correct: ok, feedback: fb ? [fb] : [] };
    }
    case 'numeric': {
      const r = response as Extract<QuizResponse, { kind: 'numeric' }>;
      // A tiny epsilon so that 0.1 + 0.2 style representation errors do not fail a boundary answer.
      const ok = Number.isFinite(r.value) && Math.abs(r.value - spec.value) <= Math.abs(spec.tolerance) + 1e-9;
      return { points: ok ? 1 : 0, correct: ok, feedback: [] };
    }
    case 'short': {
      const r = response as Extract<QuizResponse, { kind: 'short' }>;
      const given = foldAnswer(r.text);
      const ok = given !== '' && spec.accepted.some((a) => foldAnswer(a) === given);
      return { points: ok ? 1 : 0, correct: ok, feedback: [] };
    }
    case 'matching': {
      const r = response as Extract<QuizResponse, { kind: 'matching' }>;
      if (spec.pairs.length === 0) return { points: 1, correct: true, feedback: [] };
      const good = spec.pairs.filter((p) => r.matches[p.id] === p.id).length;
      return { points: round(good / spec.pairs.length), correct: good === spec.pairs.length, feedback: [] };
    }
    case 'ordering': {
      const r = response as Extract<QuizResponse, { kind: 'ordering' }>;
      if (spec.items.length === 0) return { points: 1, correct: true, feedback: [] };
      const good = spec.items.filter((it, i) => r.order[i] === it.id).length;
      return { points: round(good / spec.items.length), correct: good === spec.items.length, feedback: [] };
    }
  }
}

/** Percentage (two decimals) of the points earned over the questions asked; unanswered count 0. */
export function quizPercent(points: number[], questionCount: number): number {
  if (questionCount === 0) return 0;
  const sum = points.reduce((a, b) => a + b, 0);
  return Math.round((sum / questionCount) * 10000) / 100;
}

export const isPass = (percent: number, passMarkPercent: number) => percent + 1e-9 >= passMarkPercent;

/** A small seeded generator (mulberry32) fed by a string hash: the same seed always draws the same questions. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle driven by the seed; the input is not modified. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const rnd = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Draws `count` questions among those of the bank carrying one of `tags` (all when no tag is given).
 * Ids are sorted first so the draw depends only on the seed and the set, not on the order read.
 */
export function drawQuestions(bank: { id: string; tags: string[] }[], count: number, tags: string[], seed: string): string[] {
  const eligible = bank.filter((q) => tags.length === 0 || q.tags.some((t) => tags.includes(t))).map((q) => q.id);
  eligible.sort();
  return seededShuffle(eligible, seed).slice(0, Math.max(0, count));
}
