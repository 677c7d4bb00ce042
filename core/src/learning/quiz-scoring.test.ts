import { describe, expect, it } from 'vitest';
import { drawQuestions, isPass, quizPercent, scoreQuestion, seededShuffle, type QuestionSpec } from './quiz-scoring';

const choices = [
  { id: 'a', text: 'A', feedback: 'Non : A.' },
  { id: 'b', text: 'B', feedback: 'Oui : B.' },
  { id: 'c', text: 'C' },
  { id: 'd', text: 'D' },
];

describe('single choice', () => {
  const q: QuestionSpec = { kind: 'single', choices, correct: 'b' };
  it('gives the point and the feedback of the choice picked', () => {
    expect(scoreQuestion(q, { kind: 'single', choiceId: 'b' })).toEqual({ points: 1, correct: true, feedback: ['Oui : B.'] });
    expect(scoreQuestion(q, { kind: 'single', choiceId: 'a' })).toEqual({ points: 0, correct: false, feedback: ['Non : A.'] });
  });
  it('scores 0 for no answer or an answer of another kind', () => {
    expect(scoreQuestion(q, null).points).toBe(0);
    expect(scoreQuestion(q, { kind: 'true_false', value: true }).points).toBe(0);
  });
});

describe('multiple choice: (right ticked − wrong ticked) / right, at least 0', () => {
  const q: QuestionSpec = { kind: 'multiple', choices, correct: ['a', 'b', 'c'] };
  const score = (ids: string[]) => scoreQuestion(q, { kind: 'multiple', choiceIds: ids });
  it('worked examples', () => {
    expect(score(['a', 'b', 'c'])).toMatchObject({ points: 1, correct: true });
    expect(score(['a', 'b'])).toMatchObject({ points: 0.6667, correct: false });
    expect(score(['a', 'b', 'c', 'd'])).toMatchObject({ points: 0.6667, correct: false });
    expect(score(['a', 'd'])).toMatchObject({ points: 0, correct: false });
    expect(score(['d'])).toMatchObject({ points: 0, correct: false });
    expect(score([])).toMatchObject({ points: 0, correct: false });
  });
  it('ignores unknown ids and duplicates', () => {
    expect(score(['a', 'a', 'b', 'c', 'zz'])).toMatchObject({ points: 1, correct: true });
  });
  it('collects the feedback of every ticked choice', () => {
    expect(score(['a', 'b']).feedback).toEqual(['Non : A.', 'Oui : B.']);
  });
});

describe('true / false', () => {
  const q: QuestionSpec = { kind: 'true_false', correct: false, feedbackTrue: 'Non.', feedbackFalse: 'Exact.' };
  it('scores and returns the feedback of the side chosen', () => {
    expect(scoreQuestion(q, { kind: 'true_false', value: false })).toEqual({ points: 1, correct: true, feedback: ['Exact.'] });
    expect(scoreQuestion(q, { kind: 'true_false', value: true })).toEqual({ points: 0, correct: false, feedback: ['Non.'] });
  });
});

describe('numeric with tolerance', () => {
  const q: QuestionSpec = { kind: 'numeric', value: 1499, tolerance: 10 };
  const score = (v: number) => scoreQuestion(q, { kind: 'numeric', value: v }).points;
  it('accepts both ends of the tolerance and refuses just beyond', () => {
    expect(score(1499)).toBe(1);
    expect(score(1489)).toBe(1);
    expect(score(1509)).toBe(1);
    expect(score(1488.99)).toBe(0);
    expect(score(1509.01)).toBe(0);
    expect(score(Number.NaN)).toBe(0);
  });
  it('with a zero tolerance needs the exact value, decimal representation aside', () => {
    const exact: QuestionSpec = { kind: 'numeric', value: 0.3, tolerance: 0 };
    expect(scoreQuestion(exact, { kind: 'numeric', value: 0.1 + 0.2 }).points).toBe(1);
    expect(scoreQuestion(exact, { kind: 'numeric', value: 0.31 }).points).toBe(0);
  });
});

describe('short answer', () => {
  const q: QuestionSpec = { kind: 'short', accepted: ['Sédation', 'sedation profonde'] };
  const score = (t: string) => scoreQuestion(q, { kind: 'short', text: t }).points;
  it('ignores case, accents, punctuation and surrounding spaces', () => {
    expect(score('sedation')).toBe(1);
    expect(score('  SÉDATION. ')).toBe(1);
    expect(score('Sédation   profonde')).toBe(1);
    expect(score('sédations')).toBe(0);
    expect(score('')).toBe(0);
  });
});

describe('matching: share of pairs right', () => {
  const q: QuestionSpec = {
    kind: 'matching',
    pairs: [
      { id: 'p1', left: 'Module 1', right: 'Les soins palliatifs' },
      { id: 'p2', left: 'Module 2', right: 'La douleur' },
      { id: 'p3', left: 'Module 6', right: 'Cas cliniques' },
      { id: 'p4', left: 'Module 4', right: 'Le prendre soin' },
    ],
  };
  it('worked examples', () => {
    expect(scoreQuestion(q, { kind: 'matching', matches: { p1: 'p1', p2: 'p2', p3: 'p3', p4: 'p4' } })).toMatchObject({ points: 1, correct: true });
    expect(scoreQuestion(q, { kind: 'matching', matches: { p1: 'p1', p2: 'p3', p3: 'p2', p4: 'p4' } })).toMatchObject({ points: 0.5, correct: false });
    expect(scoreQuestion(q, { kind: 'matching', matches: { p1: 'p1' } })).toMatchObject({ points: 0.25, correct: false });
  });
});

describe('ordering: share of items at their place', () => {
  const q: QuestionSpec = { kind: 'ordering', items: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id })) };
  const score = (order: string[]) => scoreQuestion(q, { kind: 'ordering', order });
  it('worked examples', () => {
    expect(score(['a', 'b', 'c', 'd'])).toMatchObject({ points: 1, correct: true });
    expect(score(['a', 'b', 'd', 'c'])).toMatchObject({ points: 0.5, correct: false });
    expect(score(['d', 'c', 'b', 'a'])).toMatchObject({ points: 0, correct: false });
    expect(score(['a'])).toMatchObject({ points: 0.25, correct: false });
  });
});

describe('quiz percentage and pass mark', () => {
  it('counts unanswered questions as 0 and rounds to two decimals', () => {
    expect(quizPercent([1, 0.5, 0], 3)).toBe(50);
    expect(quizPercent([1, 1], 3)).toBe(66.67);
    expect(quizPercent([], 0)).toBe(0);
  });
  it('passes exactly at the mark', () => {
    expect(isPass(80, 80)).toBe(true);
    expect(isPass(79.99, 80)).toBe(false);
  });
});

describe('random draw', () => {
  const bank = Array.from({ length: 20 }, (_, i) => ({ id: `q${String(i).padStart(2, '0')}`, tags: [i % 2 ? 'douleur' : 'droits'] }));
  it('draws the same questions for the same seed whatever the order of the bank', () => {
    const a = drawQuestions(bank, 5, [], 'attempt-1');
    expect(a).toHaveLength(5);
    expect(drawQuestions([...bank].reverse(), 5, [], 'attempt-1')).toEqual(a);
    expect(new Set(a).size).toBe(5);
  });
  it('draws differently for another seed', () => {
    expect(drawQuestions(bank, 5, [], 'attempt-2')).not.toEqual(drawQuestions(bank, 5, [], 'attempt-1'));
  });
  it('draws only tagged questions, at most as many as there are', () => {
    const d = drawQuestions(bank, 50, ['douleur'], 's');
    expect(d).toHaveLength(10);
    expect(d.every((id) => Number(id.slice(1)) % 2 === 1)).toBe(true);
  });
  it('shuffles deterministically without losing items', () => {
    const s = seededShuffle([1, 2, 3, 4, 5], 'x');
    expect(seededShuffle([1, 2, 3, 4, 5], 'x')).toEqual(s);
    expect([...s].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
