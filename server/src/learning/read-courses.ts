import { asc, eq } from 'drizzle-orm';
import type { CourseDetail, CourseSummary } from '@palliance/core';
import type { AppDeps } from '../app-types';
import type { Db } from '../db/client';
import { course } from '../db/schema';
import type { Actor } from '../http/actor';
import { badInput, notFound } from '../http/errors';
import { can } from '../http/permissions';
import { findCourse, listModules, listSessions, listTeachers, type CourseRow } from './queries';

export const mayEditCourse = (actor: Actor | null, courseId: string): boolean =>
  can(actor, 'learning.author') || can(actor, 'learning.teach', { courseId });

const summary = (c: CourseRow, openSessions: CourseSummary['openSessions']): CourseSummary => ({
  id: c.id,
  slug: c.slug,
  title: c.title,
  kind: c.kind as CourseSummary['kind'],
  summary: c.summary,
  estimatedHoursPerWeek: c.estimatedHoursPerWeek,
  dpcReference: c.dpcReference,
  status: c.status as CourseSummary['status'],
  openSessions,
});

/** Published courses, each with the sessions one can still register for (open now or opening later). */
export async function listPublishedCourses(deps: AppDeps): Promise<CourseSummary[]> {
  const rows = await deps.db.select().from(course).where(eq(course.status, 'published')).orderBy(asc(course.title));
  const sessions = await listSessions(deps.db, rows.map((c) => c.id), deps.now());
  return rows.map((c) => summary(c, sessions.filter((s) => s.courseId === c.id && s.registration !== 'closed')));
}

/**
 * A course with its team, sessions and modules. Release dates are those of the session asked for,
 * or else of the first session not yet ended (the last one when all have ended).
 * A draft is seen only by those who may edit it; others get 404.
 */
export async function loadCourseDetail(db: Db, actor: Actor | null, id: string, now: Date, sessionId?: string): Promise<CourseDetail> {
  const c = await findCourse(db, id);
  const mayEdit = mayEditCourse(actor, id);
  if (!c || (c.status !== 'published' && !mayEdit)) throw notFound("Ce cours n'existe pas.");
  const sessions = await listSessions(db, [id], now);
  let chosen: string | null;
  if (sessionId) {
    if (!sessions.some((s) => s.id === sessionId)) throw badInput('session', "Cette session n'appartient pas à ce cours.");
    chosen = sessionId;
  } else {
    chosen = (sessions.find((s) => Date.parse(s.endsAt) > now.getTime()) ?? sessions.at(-1))?.id ?? null;
  }
  return {
    ...summary(c, sessions.filter((s) => s.registration !== 'closed')),
    description: c.description,
    spocAccess: mayEdit ? (c.spocAccess as CourseDetail['spocAccess']) : null,
    teachers: await listTeachers(db, id),
    sessions,
    sessionId: chosen,
    modules: await listModules(db, id, chosen),
    mayEdit,
  };
}
