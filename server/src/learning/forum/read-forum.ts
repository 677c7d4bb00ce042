import { sql } from 'drizzle-orm';
import type { Forum, ThreadDetail } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import type { Actor } from '../../http/actor';
import { badInput } from '../../http/errors';
import { can } from '../../http/permissions';
import { courseAccess, threadAccess } from './forum-access';
import { isFollowing, listCourseMembers, listForumModules, listPosts, listThreads, loadThreadSummary } from './queries';

/** The course forum (no module) or a module forum, for a member of the course. */
export async function loadForum(deps: AppDeps, actor: Actor | null, courseId: string, moduleId?: string): Promise<Forum> {
  const access = await courseAccess(deps.db, actor, courseId);
  const modules = await listForumModules(deps.db, courseId);
  const mod = moduleId ? modules.find((m) => m.id === moduleId) : null;
  if (moduleId && !mod) throw badInput('module', "Ce module n'appartient pas à ce cours.");
  let openReports = 0;
  if (access.moderator) {
    const r = (await deps.db.execute(sql`
      SELECT count(*)::int AS n FROM forum_report r JOIN forum_post p ON p.id = r.post_id JOIN forum_thread t ON t.id = p.thread_id
      WHERE t.course_id = ${courseId} AND (t.group_id IS NULL OR ${access.team || can(access.actor, 'learning.groups.manage', { courseId })}) AND r.status = 'open'`)) as unknown as { rows: { n: number }[] };
    openReports = Number(r.rows[0].n);
  }
  return {
    course: { id: courseId, title: access.courseTitle },
    module: mod ? { id: mod.id, title: mod.title, position: mod.position } : null,
    modules,
    threads: await listThreads(deps.db, courseId, moduleId ?? null),
    mayModerate: access.moderator,
    openReports,
  };
}

export async function loadThread(deps: AppDeps, actor: Actor | null, threadId: string): Promise<ThreadDetail> {
  const access = await threadAccess(deps.db, actor, threadId);
  const summary = await loadThreadSummary(deps.db, threadId);
  const mod = access.thread.module_id
    ? ((await deps.db.execute(sql`SELECT title FROM course_module WHERE id = ${access.thread.module_id}`)) as unknown as { rows: { title: string }[] }).rows[0]
    : null;
  return {
    ...summary,
    courseTitle: access.courseTitle,
    moduleTitle: mod?.title ?? null,
    posts: await listPosts(deps.db, threadId, access.actor.id, access.mayModerate),
    following: await isFollowing(deps.db, threadId, access.actor.id),
    mayModerate: access.mayModerate,
    mayReply: !access.thread.locked,
  };
}

/** Members a writer may mention (the picker), without their e-mail addresses. */
export async function searchMembers(deps: AppDeps, actor: Actor | null, courseId: string, q: string) {
  await courseAccess(deps.db, actor, courseId);
  return (await listCourseMembers(deps.db, courseId, null, q)).map(({ id, displayName, profession }) => ({ id, displayName, profession }));
}
