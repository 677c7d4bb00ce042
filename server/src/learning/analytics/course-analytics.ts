import { courseCompletion, PROFESSIONS, type CourseAnalytics, type LessonFacts, type Share } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { badInput, notFound } from '../../http/errors';
import { loadCompletionRule } from '../content/course-progress';
import { forumActivity } from '../forum/forum-activity';
import { listCourseQuizRows } from '../quiz/author-quiz';
import { assertTeaches } from '../quiz/question-bank';
import { passedQuizIds } from '../quiz/quiz-outcomes';
import { quizQuestionStats } from '../quiz/quiz-results';
import * as q from './queries';

export const share = (count: number, total: number): Share => ({ count, total, rate: total ? Math.round((count / total) * 10000) / 10000 : null });

const iso = (d: Date | string) => new Date(d).toISOString();

/** Overseas regions have codes 01–06 (DROM) or three digits (COM): the rest is metropolitan France. */
const areaOf = (regionCode: string | null) =>
  regionCode === null ? 'Non renseigné (étranger…)' : regionCode.length === 3 || regionCode < '10' ? 'Outre-mer' : 'France métropolitaine';

/** Runs at most `n` promises at a time (the per-learner quiz lookups of a large session). */
async function mapLimit<T, R>(items: T[], n: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]);
      }
    }),
  );
  return out;
}

function countBy<T>(items: T[], key: (t: T) => string): Map<string, { first: T; n: number }> {
  const m = new Map<string, { first: T; n: number }>();
  for (const it of items) {
    const k = key(it);
    const e = m.get(k);
    if (e) e.n += 1;
    else m.set(k, { first: it, n: 1 });
  }
  return m;
}

/**
 * Every figure of the teacher dashboard for a course (optionally one session). Completion applies
 * the course's own rule (core/src/learning/completion.ts) to each learner's facts, as the learner's
 * progress page does; quizzes and forum come from their modules' exported functions and cover the
 * whole course (they do not know sessions).
 */
export async function computeCourseAnalytics(db: Db, courseId: string, sessionId: string | null, bucket: 'day' | 'week'): Promise<CourseAnalytics> {
  const [course] = await q.courseHeader(db, courseId);
  if (!course) throw notFound("Ce cours n'existe pas.");
  const sessions = await q.courseSessions(db, courseId);
  if (sessionId && !sessions.some((s) => s.id === sessionId)) throw badInput('session', "Cette session n'appartient pas à ce cours.");

  const learners = await q.learnerFacts(db, courseId, sessionId);
  const total = learners.length;

  const series = await q.registrationSeries(db, courseId, sessionId, bucket);
  let cumulative = 0;
  const registrations = series.map((r) => {
    cumulative += Number(r.n);
    return { period: r.period, count: Number(r.n), cumulative };
  });

  const byProfession = countBy(learners, (l) => l.profession);
  const professions = [...byProfession.entries()]
    .map(([p, e]) => ({ profession: p, label: (PROFESSIONS as Record<string, string>)[p] ?? p, share: share(e.n, total) }))
    .sort((a, b) => b.share.count - a.share.count || a.label.localeCompare(b.label, 'fr'));
  const regions = [...countBy(learners, (l) => l.region_code ?? '').values()]
    .map((e) => ({ code: e.first.region_code, label: e.first.region_nom ?? 'Non renseigné', area: areaOf(e.first.region_code), share: share(e.n, total) }))
    .sort((a, b) => b.share.count - a.share.count || a.label.localeCompare(b.label, 'fr'));
  const departements = [...countBy(learners, (l) => l.departement ?? '').values()]
    .map((e) => ({
      code: e.first.departement,
      label: e.first.departement ? `${e.first.dep_nom ?? e.first.departement} (${e.first.departement})` : 'Non renseigné',
      region: e.first.region_nom ?? 'Non renseigné',
      share: share(e.n, total),
    }))
    .sort((a, b) => b.share.count - a.share.count || a.label.localeCompare(b.label, 'fr'));

  // Completion: each learner's facts, then the course's rule.
  const structure = await q.courseStructure(db, courseId);
  const visits = await q.lessonVisits(db, courseId, sessionId);
  const videos = await q.videoProgress(db, courseId, sessionId);
  const rule = await loadCompletionRule(db, courseId);
  const seen = new Set(visits.map((v) => `${v.user_id}|${v.lesson_id}`));
  const progress = new Map(videos.map((v) => [`${v.user_id}|${v.block_id}`, v]));
  const quizIds = [...new Set(structure.flatMap((r) => r.quiz_ids ?? []))];
  const passed = quizIds.length ? await mapLimit(learners, 4, (l) => passedQuizIds(db, l.user_id, quizIds)) : learners.map(() => new Set<string>());
  const modules = [...new Map(structure.map((r) => [r.module_id, r])).values()];
  const moduleDone = modules.map(() => 0);
  let courseDone = 0;
  learners.forEach((l, i) => {
    const facts = modules.map((m) => ({
      moduleId: m.module_id,
      lessons: structure
        .filter((r) => r.module_id === m.module_id && r.lesson_id)
        .map(
          (r): LessonFacts => ({
            lessonId: r.lesson_id!,
            seen: seen.has(`${l.user_id}|${r.lesson_id}`),
            quizIds: r.quiz_ids ?? [],
            videos: (r.video_ids ?? []).map((id, j) => {
              const p = progress.get(`${l.user_id}|${id}`);
              return { blockId: id, watched: p?.watched ?? [], durationSeconds: r.video_durations?.[j] ?? p?.duration_seconds ?? null };
            }),
          }),
        ),
    }));
    const c = courseCompletion(facts, passed[i], rule);
    if (c.complete) courseDone += 1;
    c.modules.forEach((m, j) => {
      if (m.complete) moduleDone[j] += 1;
    });
  });

  // Views per lesson: learners who opened it, most viewed first.
  const viewers = countBy(visits, (v) => v.lesson_id);
  const lessons = structure
    .filter((r) => r.lesson_id)
    .map((r) => ({ lessonId: r.lesson_id!, title: r.lesson_title ?? '', module: `Module ${r.module_position} : ${r.module_title}`, viewers: share(viewers.get(r.lesson_id!)?.n ?? 0, total) }))
    .sort((a, b) => b.viewers.count - a.viewers.count);

  const quizRows = await listCourseQuizRows(db, courseId);
  const quizzes = [];
  for (const qz of quizRows) quizzes.push({ quizId: qz.id, title: qz.title, kind: qz.kind, questions: await quizQuestionStats(db, qz.id) });

  const forum = await forumActivity(db, courseId, bucket);

  // Satisfaction: each question's denominator is those who answered it (a non-answer is left out).
  const answers = await q.satisfactionAnswers(db, courseId, sessionId);
  const rated = answers.filter((a) => a.rating !== null);
  const useful = answers.filter((a) => a.useful !== null);
  const recommend = answers.filter((a) => a.would_recommend !== null);
  const mean = rated.length ? Math.round((rated.reduce((s, a) => s + Number(a.rating), 0) / rated.length) * 100) / 100 : null;

  return {
    courseId,
    courseTitle: course.title,
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: iso(s.starts_at), endsAt: iso(s.ends_at) })),
    sessionId,
    bucket,
    enrolled: total,
    registrations,
    professions,
    regions,
    departements,
    completion: {
      course: share(courseDone, total),
      modules: modules.map((m, j) => ({ moduleId: m.module_id, position: Number(m.module_position), title: m.module_title, share: share(moduleDone[j], total) })),
    },
    lessons,
    quizzes,
    forum,
    satisfaction: {
      respondents: share(answers.length, total),
      rating: { mean, answered: rated.length, distribution: [1, 2, 3, 4, 5].map((n) => ({ rating: n, count: rated.filter((a) => Number(a.rating) === n).length })) },
      useful: share(useful.filter((a) => a.useful).length, useful.length),
      wouldRecommend: share(recommend.filter((a) => a.would_recommend).length, recommend.length),
      comments: answers.filter((a) => a.comment.trim() !== '').map((a) => ({ rating: a.rating, text: a.comment, answeredAt: iso(a.created_at) })),
    },
  };
}

/** The endpoint's check: the course's teaching team, content editors and admins only. */
export async function courseAnalytics(deps: AppDeps, actor: Actor | null, courseId: string, sessionId: string | null, bucket: 'day' | 'week'): Promise<CourseAnalytics> {
  await assertTeaches(deps.db, actor, courseId);
  return computeCourseAnalytics(deps.db, courseId, sessionId, bucket);
}
