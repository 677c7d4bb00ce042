import { sql, type SQL } from 'drizzle-orm';
import type { Interval } from '@palliance/core';
import type { Db } from '../../db/client';

// SQL only. The learners counted are those enrolled (not waiting, not withdrawn) in the chosen
// session, or in any session of the course when none is chosen (a learner counts once).

const rows = async <T>(db: Db, q: SQL): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

export function learnersOf(courseId: string, sessionId: string | null): SQL {
  return sql`SELECT e.user_id, min(e.created_at) AS enrolled_at FROM enrolment e JOIN course_session s ON s.id = e.session_id
    WHERE s.course_id = ${courseId} AND e.status = 'enrolled' ${sessionId ? sql`AND s.id = ${sessionId}` : sql``}
    GROUP BY e.user_id`;
}

export const courseHeader = (db: Db, courseId: string) => rows<{ id: string; title: string }>(db, sql`SELECT id, title FROM course WHERE id = ${courseId}`);

export const courseSessions = (db: Db, courseId: string) =>
  rows<{ id: string; title: string; starts_at: Date | string; ends_at: Date | string }>(
    db,
    sql`SELECT id, title, starts_at, ends_at FROM course_session WHERE course_id = ${courseId} ORDER BY starts_at DESC`,
  );

export const learnerFacts = (db: Db, courseId: string, sessionId: string | null) =>
  rows<{ user_id: string; enrolled_at: Date | string; profession: string; departement: string | null; dep_nom: string | null; region_code: string | null; region_nom: string | null }>(
    db,
    sql`SELECT l.user_id, l.enrolled_at, u.profession, u.departement, d.nom AS dep_nom, r.code AS region_code, r.nom AS region_nom
      FROM (${learnersOf(courseId, sessionId)}) l JOIN app_user u ON u.id = l.user_id
      LEFT JOIN departement d ON d.code = u.departement LEFT JOIN region r ON r.code = d.region`,
  );

export const registrationSeries = (db: Db, courseId: string, sessionId: string | null, bucket: 'day' | 'week') =>
  rows<{ period: string; n: number }>(
    db,
    sql`SELECT to_char(date_trunc(${bucket}, l.enrolled_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') AS period, count(*)::int AS n
      FROM (${learnersOf(courseId, sessionId)}) l GROUP BY 1 ORDER BY 1`,
  );

export interface StructureRow {
  module_id: string;
  module_position: number;
  module_title: string;
  lesson_id: string | null;
  lesson_title: string | null;
  video_ids: string[] | null;
  video_durations: (number | null)[] | null;
  quiz_ids: string[] | null;
}

/** Modules, lessons and what each lesson requires (the same facts the learner's progress uses). */
export const courseStructure = (db: Db, courseId: string) =>
  rows<StructureRow>(
    db,
    sql`SELECT m.id AS module_id, m.position AS module_position, m.title AS module_title, l.id AS lesson_id, l.title AS lesson_title,
      (SELECT array_agg(b.id::text ORDER BY b.position) FROM lesson_block b WHERE b.lesson_id = l.id AND b.kind = 'video') AS video_ids,
      (SELECT array_agg(mf.duration_seconds ORDER BY b.position) FROM lesson_block b JOIN media_file mf ON mf.id = b.media_id WHERE b.lesson_id = l.id AND b.kind = 'video') AS video_durations,
      (SELECT array_agg(b.quiz_id::text ORDER BY b.position) FROM lesson_block b WHERE b.lesson_id = l.id AND b.kind = 'quiz' AND b.quiz_id IS NOT NULL) AS quiz_ids
    FROM course_module m LEFT JOIN lesson l ON l.module_id = m.id
    WHERE m.course_id = ${courseId} ORDER BY m.position, l.position`,
  );

export const lessonVisits = (db: Db, courseId: string, sessionId: string | null) =>
  rows<{ user_id: string; lesson_id: string }>(
    db,
    sql`SELECT v.user_id, v.lesson_id FROM lesson_visit v JOIN (${learnersOf(courseId, sessionId)}) l ON l.user_id = v.user_id WHERE v.course_id = ${courseId}`,
  );

export const videoProgress = (db: Db, courseId: string, sessionId: string | null) =>
  rows<{ user_id: string; block_id: string; watched: Interval[]; duration_seconds: number | null }>(
    db,
    sql`SELECT p.user_id, p.block_id, p.watched, p.duration_seconds FROM video_progress p JOIN (${learnersOf(courseId, sessionId)}) l ON l.user_id = p.user_id WHERE p.course_id = ${courseId}`,
  );

export const satisfactionAnswers = (db: Db, courseId: string, sessionId: string | null) =>
  rows<{ rating: number | null; useful: boolean | null; would_recommend: boolean | null; comment: string; created_at: Date | string }>(
    db,
    sql`SELECT a.rating, a.useful, a.would_recommend, a.comment, a.created_at FROM course_satisfaction a JOIN course_session s ON s.id = a.session_id
      WHERE s.course_id = ${courseId} ${sessionId ? sql`AND s.id = ${sessionId}` : sql``} ORDER BY a.created_at DESC`,
  );
