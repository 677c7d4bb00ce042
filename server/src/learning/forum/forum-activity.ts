import { sql } from 'drizzle-orm';
import type { ForumStats } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { forbidden } from '../../http/errors';
import { courseAccess } from './forum-access';

type Bucket = 'day' | 'week' | 'month';

/**
 * Forum activity of a course, counted as seed 001 counts it (« publications, commentaires,
 * mentions J'aime »): threads opened, replies, likes — per module (null = course forum) and per
 * period (start of the day/week/month, Paris time). Deleted posts are not counted; group
 * discussions are private and left out. Exported for the analytics screen.
 */
export async function forumActivity(db: Db, courseId: string, bucket: Bucket = 'week'): Promise<ForumStats> {
  const rows = ((await db.execute(sql`
    WITH ev AS (
      SELECT t.module_id, t.created_at AS at, 'thread' AS kind FROM forum_thread t
        JOIN forum_post p ON p.thread_id = t.id AND p.is_opening
        WHERE t.course_id = ${courseId} AND t.group_id IS NULL AND p.deleted_at IS NULL
      UNION ALL
      SELECT t.module_id, p.created_at, 'reply' FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
        WHERE t.course_id = ${courseId} AND t.group_id IS NULL AND NOT p.is_opening AND p.deleted_at IS NULL
      UNION ALL
      SELECT t.module_id, l.created_at, 'like' FROM forum_like l JOIN forum_post p ON p.id = l.post_id JOIN forum_thread t ON t.id = p.thread_id
        WHERE t.course_id = ${courseId} AND t.group_id IS NULL AND p.deleted_at IS NULL
    )
    SELECT to_char(date_trunc(${bucket}, at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') AS period, module_id,
           count(*) FILTER (WHERE kind = 'thread')::int AS threads,
           count(*) FILTER (WHERE kind = 'reply')::int AS replies,
           count(*) FILTER (WHERE kind = 'like')::int AS likes
    FROM ev GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST`)) as unknown as { rows: { period: string; module_id: string | null; threads: number; replies: number; likes: number }[] }).rows;
  const series = rows.map((r) => ({ period: r.period, moduleId: r.module_id, threads: Number(r.threads), replies: Number(r.replies), likes: Number(r.likes) }));
  const mods = ((await db.execute(sql`SELECT id, position, title FROM course_module WHERE course_id = ${courseId} ORDER BY position`)) as unknown as {
    rows: { id: string; position: number; title: string }[];
  }).rows;
  const sum = (moduleId: string | null | undefined) => {
    const s = series.filter((r) => moduleId === undefined || r.moduleId === moduleId);
    return { threads: s.reduce((n, r) => n + r.threads, 0), replies: s.reduce((n, r) => n + r.replies, 0), likes: s.reduce((n, r) => n + r.likes, 0) };
  };
  return {
    courseId,
    bucket,
    totals: sum(undefined),
    modules: [{ moduleId: null, title: 'Forum du cours', ...sum(null) }, ...mods.map((m) => ({ moduleId: m.id, title: `Module ${m.position} : ${m.title}`, ...sum(m.id) }))],
    series,
  };
}

/** The endpoint's check: only the teaching team (and moderators) see the counts. */
export async function forumStats(deps: AppDeps, actor: Actor | null, courseId: string, bucket: Bucket): Promise<ForumStats> {
  const access = await courseAccess(deps.db, actor, courseId);
  if (!access.moderator) throw forbidden("Les chiffres du forum sont réservés à l'équipe pédagogique.");
  return forumActivity(deps.db, courseId, bucket);
}
