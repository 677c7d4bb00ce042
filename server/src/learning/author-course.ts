import { eq, sql } from 'drizzle-orm';
import { moduleOpensAt, type CourseDetail, type CourseInput, type LessonInput, type SessionInput, type TeacherInput } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import { appUser, course, courseModule, courseSession, courseTeacher, lesson, moduleRelease } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, conflict, forbidden, notFound } from '../http/errors';
import { assertCan, requireActor } from '../http/permissions';
import { findCourse } from './queries';
import { loadCourseDetail, mayEditCourse } from './read-courses';

type Who = Pick<Actor, 'id' | 'email'> | null;

// The authoring functions below work inside the caller's transaction (routes and the demo seed);
// the exported use cases check rights, open the transaction and answer with the course as it now is.

const courseColumns = (input: CourseInput) => ({
  slug: input.slug,
  title: input.title,
  kind: input.kind,
  summary: input.summary,
  description: input.description,
  dpcReference: input.dpcReference ?? null,
  estimatedHoursPerWeek: input.estimatedHoursPerWeek,
  // A MOOC is open to every registered user: a restriction left over from a SPOC would mislead.
  spocAccess: input.kind === 'spoc' ? input.spocAccess : {},
  status: input.status,
});

export async function insertCourse(tx: Db, input: CourseInput, actor: Who, ctx: RequestContext | null, now: Date, opts: { id?: string; isDemo?: boolean } = {}): Promise<string> {
  const [row] = await tx
    .insert(course)
    .values({ ...(opts.id ? { id: opts.id } : {}), ...courseColumns(input), isDemo: opts.isDemo ?? false, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ id: course.id });
  if (!row) throw conflict('Cette adresse courte est déjà prise par un autre cours.', 'slug');
  await recordAuditEvent(tx, actor, ctx, { action: 'course.created', objectType: 'course', objectId: row.id, details: { slug: input.slug, kind: input.kind, status: input.status } });
  return row.id;
}

export async function insertTeacher(tx: Db, courseId: string, input: TeacherInput, actor: Who, ctx: RequestContext | null): Promise<string> {
  if (input.userId) {
    const [u] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.id, input.userId));
    if (!u) throw badInput('userId', "Ce compte n'existe pas.");
  }
  const [row] = await tx
    .insert(courseTeacher)
    .values({
      courseId,
      userId: input.userId ?? null,
      displayName: input.displayName,
      profession: input.profession,
      structure: input.structure,
      position: sql`(SELECT coalesce(max(position), 0) + 1 FROM course_teacher WHERE course_id = ${courseId})`,
    })
    .returning({ id: courseTeacher.id });
  await recordAuditEvent(tx, actor, ctx, { action: 'course.teacher_added', objectType: 'course', objectId: courseId, details: { teacherId: row.id, displayName: input.displayName } });
  return row.id;
}

export async function insertSession(tx: Db, courseId: string, input: SessionInput, actor: Who, ctx: RequestContext | null, now: Date): Promise<string> {
  const startsAt = new Date(input.startsAt);
  const [row] = await tx
    .insert(courseSession)
    .values({
      courseId,
      title: input.title,
      registrationOpensAt: new Date(input.registrationOpensAt),
      registrationClosesAt: new Date(input.registrationClosesAt),
      startsAt,
      endsAt: new Date(input.endsAt),
      seatCap: input.seatCap ?? null,
      releaseEveryDays: input.releaseEveryDays,
      createdAt: now,
    })
    .returning({ id: courseSession.id });
  const modules = await tx.select({ id: courseModule.id, position: courseModule.position }).from(courseModule).where(eq(courseModule.courseId, courseId));
  if (modules.length) {
    await tx.insert(moduleRelease).values(modules.map((m) => ({ sessionId: row.id, moduleId: m.id, opensAt: moduleOpensAt(startsAt, m.position, input.releaseEveryDays) })));
  }
  await recordAuditEvent(tx, actor, ctx, {
    action: 'session.created',
    objectType: 'course_session',
    objectId: row.id,
    details: { courseId, title: input.title, startsAt: input.startsAt, seatCap: input.seatCap ?? null },
  });
  return row.id;
}

/** Appends a module and gives it its release date in every session of the course. */
export async function insertModule(tx: Db, courseId: string, title: string, actor: Who, ctx: RequestContext | null): Promise<string> {
  const [row] = await tx
    .insert(courseModule)
    .values({ courseId, title, position: sql`(SELECT coalesce(max(position), 0) + 1 FROM course_module WHERE course_id = ${courseId})` })
    .returning({ id: courseModule.id, position: courseModule.position });
  const sessions = await tx.select().from(courseSession).where(eq(courseSession.courseId, courseId));
  if (sessions.length) {
    await tx
      .insert(moduleRelease)
      .values(sessions.map((s) => ({ sessionId: s.id, moduleId: row.id, opensAt: moduleOpensAt(s.startsAt, row.position, s.releaseEveryDays) })));
  }
  await recordAuditEvent(tx, actor, ctx, { action: 'course.module_added', objectType: 'course', objectId: courseId, details: { moduleId: row.id, position: row.position, title } });
  return row.id;
}

export async function insertLesson(tx: Db, courseId: string, moduleId: string, input: LessonInput, actor: Who, ctx: RequestContext | null): Promise<string> {
  const [row] = await tx
    .insert(lesson)
    .values({ moduleId, title: input.title, summary: input.summary, position: sql`(SELECT coalesce(max(position), 0) + 1 FROM lesson WHERE module_id = ${moduleId})` })
    .returning({ id: lesson.id });
  await recordAuditEvent(tx, actor, ctx, { action: 'course.lesson_added', objectType: 'course', objectId: courseId, details: { moduleId, lessonId: row.id, title: input.title } });
  return row.id;
}

/** 404 for a course one may not see, 403 for one seen but not editable. */
async function assertMayEdit(tx: Db, actor: Actor | null, courseId: string): Promise<void> {
  const a = requireActor(actor);
  // Locked so that two authors appending modules or lessons at once do not take the same position.
  await tx.execute(sql`SELECT 1 FROM course WHERE id = ${courseId} FOR UPDATE`);
  const c = await findCourse(tx, courseId);
  if (!c) throw notFound("Ce cours n'existe pas.");
  if (!mayEditCourse(a, courseId)) {
    if (c.status !== 'published') throw notFound("Ce cours n'existe pas.");
    throw forbidden("Seuls l'équipe enseignante de ce cours et les éditeurs peuvent le modifier.");
  }
}

export async function createCourse(deps: AppDeps, actor: Actor | null, input: CourseInput, ctx: RequestContext): Promise<CourseDetail> {
  assertCan(actor, 'learning.author');
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const id = await insertCourse(tx, input, actor, ctx, now);
    return loadCourseDetail(tx, actor, id, now);
  });
}

export async function updateCourse(deps: AppDeps, actor: Actor | null, id: string, input: CourseInput, ctx: RequestContext): Promise<CourseDetail> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    await assertMayEdit(tx, actor, id);
    const before = (await findCourse(tx, id))!;
    const taken = await tx.select({ id: course.id }).from(course).where(sql`${course.slug} = ${input.slug} AND ${course.id} <> ${id}`);
    if (taken.length) throw conflict('Cette adresse courte est déjà prise par un autre cours.', 'slug');
    const cols = courseColumns(input);
    const changed = (Object.keys(cols) as (keyof typeof cols)[]).filter((k) => JSON.stringify(cols[k]) !== JSON.stringify(before[k]));
    await tx.update(course).set({ ...cols, updatedAt: now }).where(eq(course.id, id));
    await recordAuditEvent(tx, actor, ctx, {
      action: before.status !== input.status && input.status === 'published' ? 'course.published' : 'course.updated',
      objectType: 'course',
      objectId: id,
      details: { changed },
    });
    return loadCourseDetail(tx, actor, id, now);
  });
}

export async function addTeacher(deps: AppDeps, actor: Actor | null, courseId: string, input: TeacherInput, ctx: RequestContext): Promise<CourseDetail> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    await assertMayEdit(tx, actor, courseId);
    await insertTeacher(tx, courseId, input, actor, ctx);
    return loadCourseDetail(tx, actor, courseId, now);
  });
}

export async function addSession(deps: AppDeps, actor: Actor | null, courseId: string, input: SessionInput, ctx: RequestContext): Promise<CourseDetail> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    await assertMayEdit(tx, actor, courseId);
    const id = await insertSession(tx, courseId, input, actor, ctx, now);
    return loadCourseDetail(tx, actor, courseId, now, id);
  });
}

export async function addModule(deps: AppDeps, actor: Actor | null, courseId: string, title: string, ctx: RequestContext): Promise<CourseDetail> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    await assertMayEdit(tx, actor, courseId);
    await insertModule(tx, courseId, title, actor, ctx);
    return loadCourseDetail(tx, actor, courseId, now);
  });
}

export async function addLesson(deps: AppDeps, actor: Actor | null, moduleId: string, input: LessonInput, ctx: RequestContext): Promise<CourseDetail> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [m] = await tx.select({ courseId: courseModule.courseId }).from(courseModule).where(eq(courseModule.id, moduleId));
    if (!m) throw notFound("Ce module n'existe pas.");
    await assertMayEdit(tx, actor, m.courseId);
    await insertLesson(tx, m.courseId, moduleId, input, actor, ctx);
    return loadCourseDetail(tx, actor, m.courseId, now);
  });
}
