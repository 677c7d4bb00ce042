import { eq, sql } from 'drizzle-orm';
import { moduleOpensAt, type CourseDetail, type LessonInput, type SessionInput } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { courseModule, courseSession, lesson } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { conflict } from '../../http/errors';
import { loadCourseDetail } from '../read-courses';
import { applyOrder, closeGaps, courseOf, lockCourseForEdit } from './edit-access';

// Updating, deleting and reordering sessions, modules and lessons. Each write locks the course,
// runs in one transaction and leaves one audit event. Deleting is refused (409, with the reason
// in French) whenever it would erase learners' data: enrolments for a session, progress for a
// module or lesson. Authors rename or reorder instead; a course that must disappear for learners
// goes back to draft.

/** Release dates follow module positions: recomputed for every session after a reorder or delete. */
async function recomputeReleases(tx: Db, courseId: string): Promise<void> {
  const sessions = await tx.select().from(courseSession).where(eq(courseSession.courseId, courseId));
  const modules = await tx.select({ id: courseModule.id, position: courseModule.position }).from(courseModule).where(eq(courseModule.courseId, courseId));
  for (const s of sessions) {
    for (const m of modules) {
      await tx.execute(sql`INSERT INTO module_release (session_id, module_id, opens_at) VALUES (${s.id}, ${m.id}, ${moduleOpensAt(s.startsAt, m.position, s.releaseEveryDays)})
        ON CONFLICT (session_id, module_id) DO UPDATE SET opens_at = EXCLUDED.opens_at`);
    }
  }
}

const count = async (tx: Db, q: ReturnType<typeof sql>) => Number(((await tx.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);

export async function updateSession(deps: AppDeps, actor: Actor | null, sessionId: string, input: SessionInput, ctx: RequestContext): Promise<CourseDetail> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'session', sessionId);
    await lockCourseForEdit(tx, actor, courseId);
    if (input.seatCap) {
      const enrolled = await count(tx, sql`SELECT count(*)::int AS n FROM enrolment WHERE session_id = ${sessionId} AND status = 'enrolled'`);
      if (enrolled > input.seatCap) throw conflict(`${enrolled} personnes sont déjà inscrites : le nombre de places ne peut pas descendre en dessous.`, 'seatCap');
    }
    await tx
      .update(courseSession)
      .set({
        title: input.title,
        registrationOpensAt: new Date(input.registrationOpensAt),
        registrationClosesAt: new Date(input.registrationClosesAt),
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        seatCap: input.seatCap ?? null,
        releaseEveryDays: input.releaseEveryDays,
      })
      .where(eq(courseSession.id, sessionId));
    await recomputeReleases(tx, courseId);
    await recordAuditEvent(tx, actor, ctx, { action: 'session.updated', objectType: 'course_session', objectId: sessionId, details: { courseId, ...input } });
    return loadCourseDetail(tx, actor, courseId, deps.now(), sessionId);
  });
}

export async function deleteSession(deps: AppDeps, actor: Actor | null, sessionId: string, ctx: RequestContext): Promise<CourseDetail> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'session', sessionId);
    await lockCourseForEdit(tx, actor, courseId);
    const people = await count(tx, sql`SELECT count(*)::int AS n FROM enrolment WHERE session_id = ${sessionId} AND status <> 'withdrawn'`);
    if (people > 0) {
      throw conflict(`Cette session compte ${people} inscrit(e)s ou personnes en liste d'attente : elle ne peut pas être supprimée. Modifiez ses dates ou fermez ses inscriptions.`);
    }
    await tx.delete(courseSession).where(eq(courseSession.id, sessionId));
    await recordAuditEvent(tx, actor, ctx, { action: 'session.deleted', objectType: 'course_session', objectId: sessionId, details: { courseId } });
    return loadCourseDetail(tx, actor, courseId, deps.now());
  });
}

export async function renameModule(deps: AppDeps, actor: Actor | null, moduleId: string, title: string, ctx: RequestContext): Promise<CourseDetail> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'module', moduleId);
    await lockCourseForEdit(tx, actor, courseId);
    await tx.update(courseModule).set({ title }).where(eq(courseModule.id, moduleId));
    await recordAuditEvent(tx, actor, ctx, { action: 'course.module_updated', objectType: 'course', objectId: courseId, details: { moduleId, title } });
    return loadCourseDetail(tx, actor, courseId, deps.now());
  });
}

const LEARNER_DATA_IN_MODULE = (moduleId: string) =>
  sql`SELECT (SELECT count(*) FROM lesson_visit v JOIN lesson l ON l.id = v.lesson_id WHERE l.module_id = ${moduleId})
           + (SELECT count(*) FROM video_progress p JOIN lesson l ON l.id = p.lesson_id WHERE l.module_id = ${moduleId}) AS n`;

export async function deleteModule(deps: AppDeps, actor: Actor | null, moduleId: string, ctx: RequestContext): Promise<CourseDetail> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'module', moduleId);
    await lockCourseForEdit(tx, actor, courseId);
    if ((await count(tx, LEARNER_DATA_IN_MODULE(moduleId))) > 0) {
      throw conflict('Des apprenants ont déjà suivi des leçons de ce module : le supprimer effacerait leur progression. Renommez-le ou déplacez-le plutôt.');
    }
    await tx.delete(courseModule).where(eq(courseModule.id, moduleId));
    await closeGaps(tx, 'course_module', 'course_id', courseId);
    await recomputeReleases(tx, courseId);
    await recordAuditEvent(tx, actor, ctx, { action: 'course.module_deleted', objectType: 'course', objectId: courseId, details: { moduleId } });
    return loadCourseDetail(tx, actor, courseId, deps.now());
  });
}

export async function reorderModules(deps: AppDeps, actor: Actor | null, courseId: string, ids: string[], ctx: RequestContext): Promise<CourseDetail> {
  return deps.db.transaction(async (tx) => {
    await lockCourseForEdit(tx, actor, courseId);
    await applyOrder(tx, 'course_module', 'course_id', courseId, ids);
    // A module moved earlier opens earlier: its release date follows its new position.
    await recomputeReleases(tx, courseId);
    await recordAuditEvent(tx, actor, ctx, { action: 'course.modules_reordered', objectType: 'course', objectId: courseId, details: { order: ids } });
    return loadCourseDetail(tx, actor, courseId, deps.now());
  });
}

export async function updateLesson(deps: AppDeps, actor: Actor | null, lessonId: string, input: LessonInput, ctx: RequestContext): Promise<CourseDetail> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'lesson', lessonId);
    await lockCourseForEdit(tx, actor, courseId);
    await tx.update(lesson).set({ title: input.title, summary: input.summary }).where(eq(lesson.id, lessonId));
    await recordAuditEvent(tx, actor, ctx, { action: 'course.lesson_updated', objectType: 'course', objectId: courseId, details: { lessonId, title: input.title } });
    return loadCourseDetail(tx, actor, courseId, deps.now());
  });
}

export async function deleteLesson(deps: AppDeps, actor: Actor | null, lessonId: string, ctx: RequestContext): Promise<CourseDetail> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'lesson', lessonId);
    await lockCourseForEdit(tx, actor, courseId);
    const seen = await count(
      tx,
      sql`SELECT (SELECT count(*) FROM lesson_visit WHERE lesson_id = ${lessonId}) + (SELECT count(*) FROM video_progress WHERE lesson_id = ${lessonId}) AS n`,
    );
    if (seen > 0) throw conflict('Des apprenants ont déjà ouvert cette leçon : la supprimer effacerait leur progression. Modifiez-la plutôt.');
    const [l] = await tx.select({ moduleId: lesson.moduleId }).from(lesson).where(eq(lesson.id, lessonId));
    await tx.delete(lesson).where(eq(lesson.id, lessonId));
    await closeGaps(tx, 'lesson', 'module_id', l.moduleId);
    await recordAuditEvent(tx, actor, ctx, { action: 'course.lesson_deleted', objectType: 'course', objectId: courseId, details: { lessonId } });
    return loadCourseDetail(tx, actor, courseId, deps.now());
  });
}

export async function reorderLessons(deps: AppDeps, actor: Actor | null, moduleId: string, ids: string[], ctx: RequestContext): Promise<CourseDetail> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'module', moduleId);
    await lockCourseForEdit(tx, actor, courseId);
    await applyOrder(tx, 'lesson', 'module_id', moduleId, ids);
    await recordAuditEvent(tx, actor, ctx, { action: 'course.lessons_reordered', objectType: 'course', objectId: courseId, details: { moduleId, order: ids } });
    return loadCourseDetail(tx, actor, courseId, deps.now());
  });
}
