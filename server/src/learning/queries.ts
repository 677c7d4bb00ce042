import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { registrationState, type CourseSession, type Enrolment, type SessionEnrolment } from '@palliance/core';
import type { Db } from '../db/client';
import { course, courseModule, courseSession, courseTeacher, lesson, moduleRelease } from '../db/schema';

export type CourseRow = typeof course.$inferSelect;
export type SessionRow = typeof courseSession.$inferSelect;

const iso = (d: Date | string) => new Date(d).toISOString();

export async function findCourse(db: Db, id: string): Promise<CourseRow | null> {
  const [row] = await db.select().from(course).where(eq(course.id, id));
  return row ?? null;
}

export async function findSession(db: Db, id: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(courseSession).where(eq(courseSession.id, id));
  return row ?? null;
}

/** Sessions of these courses with their counts, earliest first. */
export async function listSessions(db: Db, courseIds: string[], now: Date): Promise<CourseSession[]> {
  if (courseIds.length === 0) return [];
  const rows = await db
    .select({
      s: courseSession,
      enrolled: sql<number>`(SELECT count(*)::int FROM enrolment e WHERE e.session_id = course_session.id AND e.status = 'enrolled')`,
      waiting: sql<number>`(SELECT count(*)::int FROM enrolment e WHERE e.session_id = course_session.id AND e.status = 'waiting')`,
    })
    .from(courseSession)
    .where(inArray(courseSession.courseId, courseIds))
    .orderBy(asc(courseSession.startsAt), asc(courseSession.id));
  return rows.map(({ s, enrolled, waiting }) => ({
    id: s.id,
    courseId: s.courseId,
    title: s.title,
    registrationOpensAt: iso(s.registrationOpensAt),
    registrationClosesAt: iso(s.registrationClosesAt),
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    seatCap: s.seatCap,
    releaseEveryDays: s.releaseEveryDays,
    registration: registrationState(s, now),
    enrolledCount: Number(enrolled),
    waitingCount: Number(waiting),
  }));
}

export async function listTeachers(db: Db, courseId: string) {
  return db
    .select({ id: courseTeacher.id, userId: courseTeacher.userId, displayName: courseTeacher.displayName, profession: courseTeacher.profession, structure: courseTeacher.structure })
    .from(courseTeacher)
    .where(eq(courseTeacher.courseId, courseId))
    .orderBy(asc(courseTeacher.position), asc(courseTeacher.id));
}

/** Modules with their lessons; opensAt comes from the given session's release dates. */
export async function listModules(db: Db, courseId: string, sessionId: string | null) {
  const mods = await db
    .select({ id: courseModule.id, position: courseModule.position, title: courseModule.title, opensAt: moduleRelease.opensAt })
    .from(courseModule)
    .leftJoin(moduleRelease, and(eq(moduleRelease.moduleId, courseModule.id), sessionId ? eq(moduleRelease.sessionId, sessionId) : sql`false`))
    .where(eq(courseModule.courseId, courseId))
    .orderBy(asc(courseModule.position));
  const lessons = mods.length
    ? await db
        .select()
        .from(lesson)
        .where(inArray(lesson.moduleId, mods.map((m) => m.id)))
        .orderBy(asc(lesson.position))
    : [];
  return mods.map((m) => ({
    id: m.id,
    position: m.position,
    title: m.title,
    opensAt: m.opensAt ? iso(m.opensAt) : null,
    lessons: lessons.filter((l) => l.moduleId === m.id).map((l) => ({ id: l.id, position: l.position, title: l.title, summary: l.summary })),
  }));
}

// Rank in the waiting list (1 = next in line), computed so that leaving the list needs no renumbering.
const WAITING_RANK = sql`CASE WHEN e.status = 'waiting' THEN (SELECT count(*)::int FROM enrolment w WHERE w.session_id = e.session_id AND w.status = 'waiting' AND w.waiting_position <= e.waiting_position) END`;

interface EnrolmentRow {
  id: string;
  session_id: string;
  session_title: string;
  course_id: string;
  course_title: string;
  starts_at: Date;
  ends_at: Date;
  status: Enrolment['status'];
  waiting_rank: number | null;
  created_at: Date;
}

const toEnrolment = (r: EnrolmentRow): Enrolment => ({
  id: r.id,
  sessionId: r.session_id,
  sessionTitle: r.session_title,
  courseId: r.course_id,
  courseTitle: r.course_title,
  startsAt: iso(r.starts_at),
  endsAt: iso(r.ends_at),
  status: r.status,
  waitingRank: r.waiting_rank === null ? null : Number(r.waiting_rank),
  createdAt: iso(r.created_at),
});

const ENROLMENT_SELECT = sql`SELECT e.id, e.session_id, s.title AS session_title, c.id AS course_id, c.title AS course_title, s.starts_at, s.ends_at,
  e.status, ${WAITING_RANK} AS waiting_rank, e.created_at
  FROM enrolment e JOIN course_session s ON s.id = e.session_id JOIN course c ON c.id = s.course_id`;

export async function getEnrolment(db: Db, sessionId: string, userId: string): Promise<Enrolment | null> {
  const res = (await db.execute(sql`${ENROLMENT_SELECT} WHERE e.session_id = ${sessionId} AND e.user_id = ${userId}`)) as unknown as { rows: EnrolmentRow[] };
  return res.rows[0] ? toEnrolment(res.rows[0]) : null;
}

export async function listUserEnrolments(db: Db, userId: string): Promise<Enrolment[]> {
  const res = (await db.execute(
    sql`${ENROLMENT_SELECT} WHERE e.user_id = ${userId} AND e.status <> 'withdrawn' ORDER BY s.starts_at DESC, e.id`,
  )) as unknown as { rows: EnrolmentRow[] };
  return res.rows.map(toEnrolment);
}

export async function listSessionEnrolments(db: Db, sessionId: string): Promise<SessionEnrolment[]> {
  const res = (await db.execute(sql`
    SELECT e.id, e.user_id, u.first_name, u.last_name, u.email, u.profession, u.departement, e.status, ${WAITING_RANK} AS waiting_rank, e.created_at
    FROM enrolment e JOIN app_user u ON u.id = e.user_id
    WHERE e.session_id = ${sessionId}
    ORDER BY CASE e.status WHEN 'enrolled' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, e.waiting_position NULLS FIRST, u.last_name, u.first_name, e.id`)) as unknown as {
    rows: {
      id: string;
      user_id: string;
      first_name: string;
      last_name: string;
      email: string;
      profession: string;
      departement: string | null;
      status: SessionEnrolment['status'];
      waiting_rank: number | null;
      created_at: Date;
    }[];
  };
  return res.rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    profession: r.profession,
    departement: r.departement,
    status: r.status,
    waitingRank: r.waiting_rank === null ? null : Number(r.waiting_rank),
    createdAt: iso(r.created_at),
  }));
}
