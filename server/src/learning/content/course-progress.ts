import { eq, sql } from 'drizzle-orm';
import { courseCompletion, DEFAULT_COMPLETION_RULE, type CompletionRule, type CourseProgress, type Interval, type LessonFacts } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { courseCompletionRule } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { forbidden, notFound } from '../../http/errors';
import { requireActor } from '../../http/permissions';
import { mayEditCourse } from '../read-courses';
import { lockCourseForEdit } from './edit-access';
import type { QuizOutcomes } from './quiz-outcomes';

export async function loadCompletionRule(db: Db, courseId: string): Promise<CompletionRule> {
  const [r] = await db.select().from(courseCompletionRule).where(eq(courseCompletionRule.courseId, courseId));
  return r ? { requireLessonsSeen: r.requireLessonsSeen, videoPercent: r.videoPercent, requireQuizzesPassed: r.requireQuizzesPassed } : DEFAULT_COMPLETION_RULE;
}

export async function setCompletionRule(deps: AppDeps, actor: Actor | null, courseId: string, rule: CompletionRule, ctx: RequestContext): Promise<CompletionRule> {
  return deps.db.transaction(async (tx) => {
    await lockCourseForEdit(tx, actor, courseId);
    await tx
      .insert(courseCompletionRule)
      .values({ courseId, ...rule, updatedAt: deps.now() })
      .onConflictDoUpdate({ target: courseCompletionRule.courseId, set: { ...rule, updatedAt: deps.now() } });
    await recordAuditEvent(tx, actor, ctx, { action: 'course.completion_rule_set', objectType: 'course', objectId: courseId, details: { ...rule } });
    return rule;
  });
}

interface StructureRow {
  module_id: string;
  module_position: number;
  module_title: string;
  opens_at: Date | string | null;
  lesson_id: string | null;
  lesson_title: string | null;
  video_ids: string[] | null;
  video_durations: (number | null)[] | null;
  quiz_ids: string[] | null;
}

/**
 * A learner's progress in a course: per module and for the whole course, by the course's rule,
 * with locked modules flagged and the point to resume at. Quizzes passed come from the quiz module
 * through QuizOutcomes.
 */
export async function courseProgress(deps: AppDeps, quizOutcomes: QuizOutcomes, actor: Actor | null, courseId: string): Promise<CourseProgress> {
  const a = requireActor(actor);
  const now = deps.now();
  const c = ((await deps.db.execute(sql`SELECT status FROM course WHERE id = ${courseId}`)) as unknown as { rows: { status: string }[] }).rows[0];
  const mayEdit = mayEditCourse(a, courseId);
  if (!c || (c.status !== 'published' && !mayEdit)) throw notFound("Ce cours n'existe pas.");
  // The learner's session: the enrolled one that started first among those not yet ended, else the latest.
  const session = ((await deps.db.execute(sql`
    SELECT s.id FROM enrolment e JOIN course_session s ON s.id = e.session_id
    WHERE e.user_id = ${a.id} AND e.status = 'enrolled' AND s.course_id = ${courseId}
    ORDER BY (s.ends_at < ${now}), s.starts_at LIMIT 1`)) as unknown as { rows: { id: string }[] }).rows[0];
  if (!session && !mayEdit) throw forbidden('Inscrivez-vous à une session de ce cours pour suivre votre progression.');
  const sessionId = session?.id ?? null;

  const structure = (await deps.db.execute(sql`
    SELECT m.id AS module_id, m.position AS module_position, m.title AS module_title, r.opens_at,
      l.id AS lesson_id, l.title AS lesson_title,
      (SELECT array_agg(b.id::text ORDER BY b.position) FROM lesson_block b WHERE b.lesson_id = l.id AND b.kind = 'video') AS video_ids,
      (SELECT array_agg(mf.duration_seconds ORDER BY b.position) FROM lesson_block b JOIN media_file mf ON mf.id = b.media_id WHERE b.lesson_id = l.id AND b.kind = 'video') AS video_durations,
      (SELECT array_agg(b.quiz_id::text ORDER BY b.position) FROM lesson_block b WHERE b.lesson_id = l.id AND b.kind = 'quiz') AS quiz_ids
    FROM course_module m
    LEFT JOIN module_release r ON r.module_id = m.id AND r.session_id = ${sessionId}
    LEFT JOIN lesson l ON l.module_id = m.id
    WHERE m.course_id = ${courseId}
    ORDER BY m.position, l.position`)) as unknown as { rows: StructureRow[] };
  const visits = (await deps.db.execute(sql`SELECT lesson_id, last_seen_at FROM lesson_visit WHERE user_id = ${a.id} AND course_id = ${courseId}`)) as unknown as {
    rows: { lesson_id: string; last_seen_at: Date | string }[];
  };
  const videos = (await deps.db.execute(sql`
    SELECT block_id, lesson_id, position_seconds, watched, duration_seconds, updated_at FROM video_progress WHERE user_id = ${a.id} AND course_id = ${courseId}`)) as unknown as {
    rows: { block_id: string; lesson_id: string; position_seconds: number; watched: Interval[]; duration_seconds: number | null; updated_at: Date | string }[];
  };
  const seen = new Set(visits.rows.map((v) => v.lesson_id));
  const progressByBlock = new Map(videos.rows.map((v) => [v.block_id, v]));
  const allQuizIds = [...new Set(structure.rows.flatMap((r) => r.quiz_ids ?? []))];
  const passed = allQuizIds.length ? await quizOutcomes.passedQuizIds(a.id, allQuizIds) : new Set<string>();
  const rule = await loadCompletionRule(deps.db, courseId);

  const modules = new Map<string, { row: StructureRow; lessons: (LessonFacts & { title: string })[] }>();
  for (const r of structure.rows) {
    if (!modules.has(r.module_id)) modules.set(r.module_id, { row: r, lessons: [] });
    if (!r.lesson_id) continue;
    modules.get(r.module_id)!.lessons.push({
      lessonId: r.lesson_id,
      title: r.lesson_title ?? '',
      seen: seen.has(r.lesson_id),
      quizIds: r.quiz_ids ?? [],
      videos: (r.video_ids ?? []).map((id, i) => {
        const p = progressByBlock.get(id);
        return { blockId: id, watched: p?.watched ?? [], durationSeconds: r.video_durations?.[i] ?? p?.duration_seconds ?? null };
      }),
    });
  }
  const list = [...modules.values()];
  const completion = courseCompletion(list.map((m) => ({ moduleId: m.row.module_id, lessons: m.lessons })), passed, rule);

  // Resume: the lesson opened last, at the second reached in its most recently played video.
  const lastVisit = visits.rows.sort((x, y) => new Date(y.last_seen_at).getTime() - new Date(x.last_seen_at).getTime())[0];
  let resume: CourseProgress['resume'] = null;
  if (lastVisit) {
    const title = structure.rows.find((r) => r.lesson_id === lastVisit.lesson_id)?.lesson_title ?? '';
    const v = videos.rows.filter((p) => p.lesson_id === lastVisit.lesson_id).sort((x, y) => new Date(y.updated_at).getTime() - new Date(x.updated_at).getTime())[0];
    resume = { lessonId: lastVisit.lesson_id, lessonTitle: title, blockId: v?.block_id ?? null, positionSeconds: v ? Number(v.position_seconds) : 0 };
  }

  return {
    courseId,
    sessionId,
    percent: completion.percent,
    complete: completion.complete,
    modules: list.map((m, i) => {
      const done = completion.modules[i];
      const opensAt = m.row.opens_at ? new Date(m.row.opens_at).toISOString() : null;
      return {
        moduleId: m.row.module_id,
        position: Number(m.row.module_position),
        title: m.row.module_title,
        opensAt,
        locked: !mayEdit && (!opensAt || Date.parse(opensAt) > now.getTime()),
        lessonsComplete: done.lessonsComplete,
        lessonsTotal: done.lessonsTotal,
        percent: done.percent,
        complete: done.complete,
        lessons: m.lessons.map((l, j) => ({ lessonId: l.lessonId, title: l.title, seen: l.seen, complete: done.lessons[j].complete })),
      };
    }),
    resume,
  };
}
