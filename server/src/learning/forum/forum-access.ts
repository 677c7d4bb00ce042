import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { can, requireActor } from '../../http/permissions';
import { mayEditCourse } from '../read-courses';

export interface CourseAccess {
  actor: Actor;
  courseId: string;
  courseTitle: string;
  /** Teachers and learner-animators: pin, lock, hide, handle reports. */
  moderator: boolean;
  /** The teaching team: sees every group. */
  team: boolean;
  enrolled: boolean;
}

export const notMemberError = () =>
  new AppError(403, 'forbidden', 'Le forum de ce cours est réservé à ses inscrits et à son équipe pédagogique. Inscrivez-vous à une session pour lire et participer.');

/**
 * Who may read and post in a course's community: learners enrolled (status « enrolled ») in one of
 * its sessions, and its teaching team and animators. A draft course is seen only by its editors (404 otherwise).
 */
export async function courseAccess(db: Db, actorOrNull: Actor | null, courseId: string): Promise<CourseAccess> {
  const actor = requireActor(actorOrNull);
  const res = (await db.execute(sql`
    SELECT c.title, c.status,
      EXISTS (SELECT 1 FROM enrolment e JOIN course_session s ON s.id = e.session_id
              WHERE s.course_id = c.id AND e.user_id = ${actor.id} AND e.status = 'enrolled') AS enrolled,
      EXISTS (SELECT 1 FROM course_teacher t WHERE t.course_id = c.id AND t.user_id = ${actor.id}) AS listed_teacher
    FROM course c WHERE c.id = ${courseId}`)) as unknown as { rows: { title: string; status: string; enrolled: boolean; listed_teacher: boolean }[] };
  const c = res.rows[0];
  const editor = mayEditCourse(actor, courseId);
  if (!c || (c.status !== 'published' && !editor)) throw notFound("Ce cours n'existe pas.");
  const team = editor || c.listed_teacher;
  const moderator = team || can(actor, 'learning.forum.moderate', { courseId });
  if (!moderator && !c.enrolled) throw notMemberError();
  return { actor, courseId, courseTitle: c.title, moderator, team, enrolled: c.enrolled };
}

export interface ThreadRow {
  id: string;
  course_id: string;
  module_id: string | null;
  group_id: string | null;
  author_id: string;
  title: string;
  pinned: boolean;
  locked: boolean;
  created_at: Date;
  last_activity_at: Date;
}

export interface ThreadAccess extends CourseAccess {
  thread: ThreadRow;
  /** In a group's discussion only the teaching team moderates. */
  mayModerate: boolean;
}

/** Loads a thread the actor may read: a course thread for the course's members, a group thread for the group and the team. */
export async function threadAccess(db: Db, actor: Actor | null, threadId: string, opts: { lock?: boolean } = {}): Promise<ThreadAccess> {
  requireActor(actor);
  const res = (await db.execute(
    opts.lock ? sql`SELECT * FROM forum_thread WHERE id = ${threadId} FOR UPDATE` : sql`SELECT * FROM forum_thread WHERE id = ${threadId}`,
  )) as unknown as { rows: ThreadRow[] };
  const thread = res.rows[0];
  if (!thread) throw notFound("Cette discussion n'existe pas.");
  const access = await courseAccess(db, actor, thread.course_id);
  if (thread.group_id) {
    const mayManage = access.team || can(access.actor, 'learning.groups.manage', { courseId: thread.course_id });
    if (!mayManage && !(await isGroupMember(db, thread.group_id, access.actor.id))) throw notFound("Cette discussion n'existe pas.");
    return { ...access, thread, mayModerate: mayManage };
  }
  return { ...access, thread, mayModerate: access.moderator };
}

export async function isGroupMember(db: Db, groupId: string, userId: string): Promise<boolean> {
  const res = (await db.execute(sql`SELECT 1 FROM learning_group_member WHERE group_id = ${groupId} AND user_id = ${userId}`)) as unknown as { rows: unknown[] };
  return res.rows.length > 0;
}

/** A post and the access to its thread. */
export async function postAccess(db: Db, actor: Actor | null, postId: string) {
  const res = (await db.execute(sql`SELECT id, thread_id, author_id, is_opening, deleted_at, hidden_at FROM forum_post WHERE id = ${postId}`)) as unknown as {
    rows: { id: string; thread_id: string; author_id: string; is_opening: boolean; deleted_at: Date | null; hidden_at: Date | null }[];
  };
  const post = res.rows[0];
  if (!post) throw notFound("Ce message n'existe pas.");
  const access = await threadAccess(db, actor, post.thread_id);
  return { ...access, post };
}
