import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { courseCompletion, DEFAULT_COMPLETION_RULE, lessonCompletion, moduleCompletion, type LessonFacts } from './completion';
import { coveredSeconds, unionIntervals, watchedPercent, type Interval } from './intervals';

describe('watched intervals', () => {
  it('merges overlapping and touching parts and keeps gaps', () => {
    expect(unionIntervals([[30, 60], [0, 10]], [[10, 20], [55, 90], [100, 110]])).toEqual([
      [0, 20],
      [30, 90],
      [100, 110],
    ]);
  });

  it('counts a part watched twice once: replaying the first minute does not make the video watched', () => {
    const once: Interval[] = [[0, 60]];
    expect(coveredSeconds(unionIntervals(once, once, [[10, 50]]))).toBe(60);
    expect(watchedPercent(unionIntervals(once, once), 600)).toBe(10);
  });

  it('seeking to the end only counts the seconds actually played there', () => {
    expect(watchedPercent([[0, 5], [590, 600]], 600)).toBe(2);
  });

  it('is idempotent, order-free and never shrinks (property)', () => {
    const iv = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 120 })).map(([s, d]) => [s, s + d] as Interval);
    fc.assert(
      fc.property(fc.array(iv), fc.array(iv), (a, b) => {
        const u = unionIntervals(a, b);
        expect(unionIntervals(u, b)).toEqual(u);
        expect(unionIntervals(b, a)).toEqual(u);
        expect(coveredSeconds(u)).toBeGreaterThanOrEqual(coveredSeconds(unionIntervals(a)));
        for (let i = 1; i < u.length; i++) expect(u[i][0]).toBeGreaterThan(u[i - 1][1]);
      }),
    );
  });

  it('ignores empty or inverted parts and caps at the duration', () => {
    expect(unionIntervals([[5, 5], [9, 3]])).toEqual([]);
    expect(coveredSeconds([[0, 100]], 30)).toBe(30);
    expect(watchedPercent([[0, 10]], null)).toBe(0);
  });
});

const lesson = (over: Partial<LessonFacts> = {}): LessonFacts => ({ lessonId: 'l', seen: false, videos: [], quizIds: [], ...over });

describe('completion rules', () => {
  it('a text lesson is complete once opened', () => {
    expect(lessonCompletion(lesson({ seen: true }), new Set())).toMatchObject({ complete: true, done: 1, total: 1 });
    expect(lessonCompletion(lesson(), new Set())).toMatchObject({ complete: false, done: 0, total: 1 });
  });

  it('a video lesson needs the video watched to the set share', () => {
    const facts = lesson({ seen: true, videos: [{ blockId: 'v', watched: [[0, 79]], durationSeconds: 100 }] });
    expect(lessonCompletion(facts, new Set()).complete).toBe(false);
    expect(lessonCompletion({ ...facts, videos: [{ blockId: 'v', watched: [[0, 80]], durationSeconds: 100 }] }, new Set()).complete).toBe(true);
    expect(lessonCompletion(facts, new Set(), { ...DEFAULT_COMPLETION_RULE, videoPercent: 50 }).complete).toBe(true);
  });

  it('a quiz lesson needs the quiz passed, unless the course does not require quizzes', () => {
    const facts = lesson({ seen: true, quizIds: ['q1'] });
    expect(lessonCompletion(facts, new Set()).complete).toBe(false);
    expect(lessonCompletion(facts, new Set(['q1'])).complete).toBe(true);
    expect(lessonCompletion(facts, new Set(), { ...DEFAULT_COMPLETION_RULE, requireQuizzesPassed: false }).complete).toBe(true);
  });

  it('module and course progress count what is done; an empty module is not complete', () => {
    const m1 = moduleCompletion('m1', [lesson({ lessonId: 'a', seen: true }), lesson({ lessonId: 'b', seen: true, quizIds: ['q'] })], new Set());
    expect(m1).toMatchObject({ lessonsComplete: 1, lessonsTotal: 2, percent: 66, complete: false });
    expect(moduleCompletion('m0', [], new Set())).toMatchObject({ percent: 0, complete: false });
    const c = courseCompletion(
      [
        { moduleId: 'm1', lessons: [lesson({ lessonId: 'a', seen: true })] },
        { moduleId: 'm2', lessons: [lesson({ lessonId: 'b', seen: true, quizIds: ['q'] })] },
      ],
      new Set(['q']),
    );
    expect(c).toMatchObject({ percent: 100, complete: true });
    expect(c.modules.map((m) => m.complete)).toEqual([true, true]);
  });
});
