import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { forbidden, notFound } from '../../http/errors';
import { requireActor } from '../../http/permissions';
import { mayEditCourse } from '../read-courses';

export interface LessonPlace {
  lessonId: string;
  title: string;
  summary: string;
  position: number;
  moduleId: string;
  modulePosition: number;
  moduleTitle: string;
  courseId: string;
  courseTitle: string;
  mayEdit: boolean;
  /** The learner's session whose release dates apply; null for an author who is not enrolled. */
  sessionId: string | null;
  /** Progress is recorded for enrolled learners only (an author previewing leaves no trace). */
  tracked: boolean;
}

interface PlaceRow {
  lesson_id: string;
  title: string;
  summary: string;
  position: number;
  module_id: string;
  module_position: number;
  module_title: string;
  course_id: string;
  course_title: string;
  status: string;
  session_id: string | null;
  opens_at: Date | string | null;
}

const fmt = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * Who may open a lesson: its course's authors and teachers always; a learner enrolled (not waiting)
 * in a session of the course once the lesson's module is open in that session. A draft course is
 * invisible (404) to others; a published one answers 403 with the reason, so the learner knows what to do.
 * One query: the lesson, its module and course, and the learner's best session for that module.
 */
export async function lessonPlace(db: Db, actor: Actor | null, lessonId: string, now: Date): Promise<LessonPlace> {
  const a = requireActor(actor);
  const res = (await db.execute(sql`
    SELECT l.id AS lesson_id, l.title, l.summary, l.position, m.id AS module_id, m.position AS module_position, m.title AS module_title,
           c.id AS course_id, c.title AS course_title, c.status, en.session_id, en.opens_at
    FROM lesson l JOIN course_module m ON m.id = l.module_id JOIN course c ON c.id = m.course_id
    LEFT JOIN LATERAL (
      SELECT e.session_id, r.opens_at FROM enrolment e
      JOIN course_session s ON s.id = e.session_id AND s.course_id = c.id
      LEFT JOIN module_release r ON r.session_id = e.session_id AND r.module_id = m.id
      WHERE e.user_id = ${a.id} AND e.status = 'enrolled'
      ORDER BY r.opens_at NULLS LAST LIMIT 1
    ) en ON true
    WHERE l.id = ${lessonId}`)) as unknown as { rows: PlaceRow[] };
  const r = res.rows[0];
  const mayEdit = !!r && mayEditCourse(a, r.course_id);
  if (!r || (r.status !== 'published' && !mayEdit)) throw notFound("Cette leçon n'existe pas.");
  const place: LessonPlace = {
    lessonId: r.lesson_id,
    title: r.title,
    summary: r.summary,
    position: Number(r.position),
    moduleId: r.module_id,
    modulePosition: Number(r.module_position),
    moduleTitle: r.module_title,
    courseId: r.course_id,
    courseTitle: r.course_title,
    mayEdit,
    sessionId: r.session_id,
    tracked: false,
  };
  if (r.session_id && r.opens_at && new Date(r.opens_at).getTime() <= now.getTime()) return { ...place, tracked: true };
  if (mayEdit) return place;
  if (!r.session_id) throw forbidden('Inscrivez-vous à une session de ce cours pour suivre ses leçons.');
  if (!r.opens_at) throw forbidden("Ce module n'a pas encore de date d'ouverture dans votre session.");
  throw forbidden(`Ce module ouvre le ${fmt.format(new Date(r.opens_at))}.`);
}
