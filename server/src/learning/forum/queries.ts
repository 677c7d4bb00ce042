import { sql, type SQL } from 'drizzle-orm';
import { PROFESSIONS, type ForumPost, type ThreadSummary } from '@palliance/core';
import type { Db } from '../../db/client';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const professionLabel = (p: string) => (PROFESSIONS as Record<string, string>)[p] ?? p;

async function rows<T>(db: Db, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

interface ThreadListRow {
  id: string;
  course_id: string;
  module_id: string | null;
  group_id: string | null;
  title: string;
  pinned: boolean;
  locked: boolean;
  created_at: Date;
  last_activity_at: Date;
  author_id: string;
  first_name: string;
  last_name: string;
  profession: string;
  reply_count: number;
  like_count: number;
}

const toSummary = (r: ThreadListRow): ThreadSummary => ({
  id: r.id,
  courseId: r.course_id,
  moduleId: r.module_id,
  groupId: r.group_id,
  title: r.title,
  author: { id: r.author_id, displayName: `${r.first_name} ${r.last_name}`, profession: professionLabel(r.profession) },
  pinned: r.pinned,
  locked: r.locked,
  replyCount: Number(r.reply_count),
  likeCount: Number(r.like_count),
  createdAt: iso(r.created_at)!,
  lastActivityAt: iso(r.last_activity_at)!,
});

const threadSelect = sql`
  SELECT t.id, t.course_id, t.module_id, t.group_id, t.title, t.pinned, t.locked, t.created_at, t.last_activity_at,
         u.id AS author_id, u.first_name, u.last_name, u.profession,
         (SELECT count(*)::int FROM forum_post p WHERE p.thread_id = t.id AND NOT p.is_opening AND p.deleted_at IS NULL AND p.hidden_at IS NULL) AS reply_count,
         (SELECT count(*)::int FROM forum_like l JOIN forum_post p ON p.id = l.post_id WHERE p.thread_id = t.id) AS like_count
  FROM forum_thread t JOIN app_user u ON u.id = t.author_id`;

/** Threads of the course forum (moduleId null) or of one module forum; pinned first, then latest activity. */
export async function listThreads(db: Db, courseId: string, moduleId: string | null): Promise<ThreadSummary[]> {
  const r = await rows<ThreadListRow>(
    db,
    sql`${threadSelect} WHERE t.course_id = ${courseId} AND t.group_id IS NULL AND ${moduleId ? sql`t.module_id = ${moduleId}` : sql`t.module_id IS NULL`}
        ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id LIMIT 500`,
  );
  return r.map(toSummary);
}

export async function loadThreadSummary(db: Db, threadId: string): Promise<ThreadSummary> {
  const [r] = await rows<ThreadListRow>(db, sql`${threadSelect} WHERE t.id = ${threadId}`);
  return toSummary(r);
}

export async function listForumModules(db: Db, courseId: string) {
  const r = await rows<{ id: string; position: number; title: string; thread_count: number }>(
    db,
    sql`SELECT m.id, m.position, m.title, (SELECT count(*)::int FROM forum_thread t WHERE t.module_id = m.id AND t.group_id IS NULL) AS thread_count
        FROM course_module m WHERE m.course_id = ${courseId} ORDER BY m.position`,
  );
  return r.map((m) => ({ id: m.id, position: m.position, title: m.title, threadCount: Number(m.thread_count) }));
}

interface PostRow {
  id: string;
  thread_id: string;
  is_opening: boolean;
  body_source: string;
  body_html: string;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  hidden_at: Date | null;
  author_id: string;
  first_name: string;
  last_name: string;
  profession: string;
  like_count: number;
  liked_by_me: boolean;
}

/**
 * A post as a reader sees it: a deleted post keeps its place but not its text; a hidden post shows
 * its text only to moderators (with the « masqué » mark), the others see the mark alone.
 */
const toPost = (r: PostRow, readerId: string, moderator: boolean): ForumPost => {
  const deleted = r.deleted_at !== null;
  const hidden = r.hidden_at !== null;
  const showBody = !deleted && (!hidden || moderator);
  return {
    id: r.id,
    threadId: r.thread_id,
    author: { id: r.author_id, displayName: `${r.first_name} ${r.last_name}`, profession: professionLabel(r.profession) },
    isOpening: r.is_opening,
    bodySource: showBody ? r.body_source : '',
    bodyHtml: showBody ? r.body_html : '',
    createdAt: iso(r.created_at)!,
    editedAt: iso(r.edited_at),
    deleted,
    hidden,
    likeCount: Number(r.like_count),
    likedByMe: !!r.liked_by_me,
    mine: r.author_id === readerId,
  };
};

const postSelect = (readerId: string) => sql`
  SELECT p.id, p.thread_id, p.is_opening, p.body_source, p.body_html, p.created_at, p.edited_at, p.deleted_at, p.hidden_at,
         u.id AS author_id, u.first_name, u.last_name, u.profession,
         (SELECT count(*)::int FROM forum_like l WHERE l.post_id = p.id) AS like_count,
         EXISTS (SELECT 1 FROM forum_like l WHERE l.post_id = p.id AND l.user_id = ${readerId}) AS liked_by_me
  FROM forum_post p JOIN app_user u ON u.id = p.author_id`;

export async function listPosts(db: Db, threadId: string, readerId: string, moderator: boolean): Promise<ForumPost[]> {
  const r = await rows<PostRow>(db, sql`${postSelect(readerId)} WHERE p.thread_id = ${threadId} ORDER BY p.is_opening DESC, p.created_at, p.id`);
  return r.map((p) => toPost(p, readerId, moderator));
}

export async function loadPost(db: Db, postId: string, readerId: string, moderator: boolean): Promise<ForumPost> {
  const [r] = await rows<PostRow>(db, sql`${postSelect(readerId)} WHERE p.id = ${postId}`);
  return toPost(r, readerId, moderator);
}

export async function isFollowing(db: Db, threadId: string, userId: string): Promise<boolean> {
  return (await rows(db, sql`SELECT 1 FROM forum_follow WHERE thread_id = ${threadId} AND user_id = ${userId}`)).length > 0;
}

export interface MemberRow {
  id: string;
  displayName: string;
  profession: string;
  email: string;
  firstName: string;
}

/**
 * Who can read a thread of this course (or of this group): enrolled learners, the listed teachers
 * with an account, and the holders of a teacher or animator role on the course.
 * Used to resolve @mentions and to fill the picker.
 */
export async function listCourseMembers(db: Db, courseId: string, groupId: string | null = null, q = ''): Promise<MemberRow[]> {
  const like = `%${q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
  const learners = groupId
    ? sql`SELECT user_id FROM learning_group_member WHERE group_id = ${groupId}`
    : sql`SELECT e.user_id FROM enrolment e JOIN course_session s ON s.id = e.session_id WHERE s.course_id = ${courseId} AND e.status = 'enrolled'`;
  const animators = groupId ? sql`'teacher'` : sql`'teacher', 'forum_animator'`;
  const r = await rows<{ id: string; first_name: string; last_name: string; profession: string; email: string }>(
    db,
    sql`SELECT u.id, u.first_name, u.last_name, u.profession, u.email FROM app_user u
        WHERE u.disabled_at IS NULL
          AND (u.id IN (${learners})
               OR u.id IN (SELECT user_id FROM course_teacher WHERE course_id = ${courseId} AND user_id IS NOT NULL)
               OR u.id IN (SELECT user_id FROM role_grant WHERE scope = ${courseId} AND role IN (${animators})))
          AND (${q} = '' OR (u.first_name || ' ' || u.last_name) ILIKE ${like})
        ORDER BY u.first_name, u.last_name, u.id LIMIT ${q ? 20 : 5000}`,
  );
  return r.map((u) => ({ id: u.id, displayName: `${u.first_name} ${u.last_name}`, profession: professionLabel(u.profession), email: u.email, firstName: u.first_name }));
}
