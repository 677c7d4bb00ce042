import { watchedPercent, type Interval } from './intervals';

/** How a course counts as completed (one rule per course, applied to each module). */
export interface CompletionRule {
  /** Every lesson must have been opened. */
  requireLessonsSeen: boolean;
  /** Every video must be watched to at least this share (0 = not required). */
  videoPercent: number;
  /** Every quiz block must be passed. */
  requireQuizzesPassed: boolean;
}

export const DEFAULT_COMPLETION_RULE: CompletionRule = { requireLessonsSeen: true, videoPercent: 80, requireQuizzesPassed: true };

/** What is known of one learner in one lesson. */
export interface LessonFacts {
  lessonId: string;
  seen: boolean;
  videos: { blockId: string; watched: Interval[]; durationSeconds: number | null }[];
  quizIds: string[];
}

export interface LessonCompletion {
  lessonId: string;
  complete: boolean;
  /** Each requirement met counts one step: seen, each video, each quiz. */
  done: number;
  total: number;
}

export interface ModuleCompletion {
  moduleId: string;
  lessons: LessonCompletion[];
  lessonsComplete: number;
  lessonsTotal: number;
  percent: number;
  /** A module without lessons is not complete: there is nothing to have done yet. */
  complete: boolean;
}

export interface CourseCompletion {
  modules: ModuleCompletion[];
  percent: number;
  complete: boolean;
}

export function lessonCompletion(facts: LessonFacts, passedQuizIds: ReadonlySet<string>, rule: CompletionRule = DEFAULT_COMPLETION_RULE): LessonCompletion {
  let done = 0;
  let total = 0;
  if (rule.requireLessonsSeen) {
    total += 1;
    if (facts.seen) done += 1;
  }
  if (rule.videoPercent > 0) {
    for (const v of facts.videos) {
      total += 1;
      if (watchedPercent(v.watched, v.durationSeconds) >= rule.videoPercent) done += 1;
    }
  }
  if (rule.requireQuizzesPassed) {
    for (const q of facts.quizIds) {
      total += 1;
      if (passedQuizIds.has(q)) done += 1;
    }
  }
  // A lesson with no requirement left (all rules off) is complete once opened.
  const complete = total === 0 ? facts.seen : done === total;
  return { lessonId: facts.lessonId, complete, done, total };
}

const pct = (done: number, total: number) => (total === 0 ? 0 : Math.floor((done / total) * 100));

export function moduleCompletion(moduleId: string, lessons: LessonFacts[], passedQuizIds: ReadonlySet<string>, rule: CompletionRule = DEFAULT_COMPLETION_RULE): ModuleCompletion {
  const done = lessons.map((l) => lessonCompletion(l, passedQuizIds, rule));
  const lessonsComplete = done.filter((l) => l.complete).length;
  // Progress counts steps, not whole lessons, so a half-watched video shows as progress.
  const steps = done.reduce((a, l) => a + (l.total === 0 ? 1 : l.total), 0);
  const stepsDone = done.reduce((a, l) => a + (l.total === 0 ? (l.complete ? 1 : 0) : l.done), 0);
  return {
    moduleId,
    lessons: done,
    lessonsComplete,
    lessonsTotal: lessons.length,
    percent: pct(stepsDone, steps),
    complete: lessons.length > 0 && lessonsComplete === lessons.length,
  };
}

export function courseCompletion(
  modules: { moduleId: string; lessons: LessonFacts[] }[],
  passedQuizIds: ReadonlySet<string>,
  rule: CompletionRule = DEFAULT_COMPLETION_RULE,
): CourseCompletion {
  const done = modules.map((m) => moduleCompletion(m.moduleId, m.lessons, passedQuizIds, rule));
  const lessonsTotal = done.reduce((a, m) => a + m.lessonsTotal, 0);
  const lessonsComplete = done.reduce((a, m) => a + m.lessonsComplete, 0);
  return {
    modules: done,
    percent: pct(lessonsComplete, lessonsTotal),
    complete: lessonsTotal > 0 && lessonsComplete === lessonsTotal,
  };
}
