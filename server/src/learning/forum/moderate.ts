import { and, eq, sql } from 'drizzle-orm';
import type { ForumReport, ThreadDetail } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import { forumPost, forumReport, forumThread } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError, forbidden, notFound } from '../../http/errors';
import { can } from '../../http/permissions';
import { courseAccess, postAccess, threadAccess } from './forum-access';
import { loadPost } from './queries';
import { loadThread } from './read-forum';

const notModerator = () => forbidden('Seuls les enseignants et les animateurs du forum peuvent modérer.');

/** Pin or lock a thread (a locked thread takes no new replies). */
export async function moderateThread(deps: AppDeps, actor: Actor | null, threadId: string, change: { pinned?: boolean; locked?: boolean }, ctx: RequestContext): Promise<ThreadDetail> {
  await deps.db.transaction(async (tx) => {
    const access = await threadAccess(tx, actor, threadId, { lock: true });
    if (!access.mayModerate) throw notModerator();
    await tx.update(forumThread).set(change).where(eq(forumThread.id, threadId));
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined || (access.thread as unknown as Record<string, boolean>)[key] === value) continue;
      const action = key === 'pinned' ? (value ? 'forum.thread_pinned' : 'forum.thread_unpinned') : value ? 'forum.thread_locked' : 'forum.thread_unlocked';
      await recordAuditEvent(tx, access.actor, ctx, { action, objectType: 'forum_thread', objectId: threadId, details: { courseId: access.thread.course_id } });
    }
  });
  return loadThread(deps, actor, threadId);
}

/** Hide (or show again) a post; moderators still see it, marked « masqué ». */
export async function setHidden(deps: AppDeps, actor: Actor | null, postId: string, hidden: boolean, ctx: RequestContext) {
  const r = await deps.db.transaction(async (tx) => {
    const access = await postAccess(tx, actor, postId);
    if (!access.mayModerate) throw notModerator();
    if (!!access.post.hidden_at !== hidden) {
      await tx.update(forumPost).set(hidden ? { hiddenAt: deps.now(), hiddenBy: access.actor.id } : { hiddenAt: null, hiddenBy: null }).where(eq(forumPost.id, postId));
      await recordAuditEvent(tx, access.actor, ctx, { action: hidden ? 'forum.post_hidden' : 'forum.post_unhidden', objectType: 'forum_post', objectId: postId, details: { threadId: access.thread.id } });
    }
    return access.actor.id;
  });
  return loadPost(deps.db, postId, r, true);
}

/** Any member reports a post with a reason; a second report by the same member while open changes nothing. */
export async function reportPost(deps: AppDeps, actor: Actor | null, postId: string, reason: string, ctx: RequestContext) {
  return deps.db.transaction(async (tx) => {
    const access = await postAccess(tx, actor, postId);
    const [existing] = await tx.select({ id: forumReport.id }).from(forumReport).where(and(eq(forumReport.postId, postId), eq(forumReport.reporterId, access.actor.id), eq(forumReport.status, 'open')));
    if (existing) return { id: existing.id, created: false };
    const [r] = await tx.insert(forumReport).values({ postId, reporterId: access.actor.id, reason, createdAt: deps.now() }).returning({ id: forumReport.id });
    await recordAuditEvent(tx, access.actor, ctx, { action: 'forum.post_reported', objectType: 'forum_report', objectId: r.id, details: { postId, threadId: access.thread.id } });
    return { id: r.id, created: true };
  });
}

/** The moderation queue of a course: open reports, oldest first (group discussions: teachers only). */
export async function listReports(deps: AppDeps, actor: Actor | null, courseId: string): Promise<ForumReport[]> {
  const access = await courseAccess(deps.db, actor, courseId);
  if (!access.moderator) throw notModerator();
  // Reports in a group's private discussion reach the teaching team only, not the learner-animators.
  const mayManageGroups = access.team || can(access.actor, 'learning.groups.manage', { courseId });
  const rows = ((await deps.db.execute(sql`
    SELECT r.id, r.reason, r.created_at, r.post_id, t.title AS thread_title, u.id AS reporter_id, u.first_name, u.last_name, u.profession
    FROM forum_report r JOIN forum_post p ON p.id = r.post_id JOIN forum_thread t ON t.id = p.thread_id JOIN app_user u ON u.id = r.reporter_id
    WHERE t.course_id = ${courseId} AND r.status = 'open' AND (t.group_id IS NULL OR ${mayManageGroups})
    ORDER BY r.created_at, r.id`)) as unknown as {
    rows: { id: string; reason: string; created_at: Date; post_id: string; thread_title: string; reporter_id: string; first_name: string; last_name: string; profession: string }[];
  }).rows;
  const out: ForumReport[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      reason: r.reason,
      reporter: { id: r.reporter_id, displayName: `${r.first_name} ${r.last_name}`, profession: r.profession },
      createdAt: new Date(r.created_at).toISOString(),
      post: await loadPost(deps.db, r.post_id, access.actor.id, true),
      threadTitle: r.thread_title,
    });
  }
  return out;
}

/**
 * A moderator resolves a report: hide the post or dismiss. Every open report on the same post is
 * resolved with it, so the queue does not show it twice.
 */
export async function resolveReport(deps: AppDeps, actor: Actor | null, reportId: string, outcome: 'hidden' | 'dismissed', ctx: RequestContext) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [rep] = await tx.select().from(forumReport).where(eq(forumReport.id, reportId));
    if (!rep) throw notFound("Ce signalement n'existe pas.");
    const access = await postAccess(tx, actor, rep.postId);
    if (!access.mayModerate) throw notModerator();
    if (rep.status !== 'open') throw new AppError(409, 'conflict', 'Ce signalement a déjà été traité.');
    if (outcome === 'hidden' && !access.post.hidden_at) {
      await tx.update(forumPost).set({ hiddenAt: now, hiddenBy: access.actor.id }).where(eq(forumPost.id, rep.postId));
      await recordAuditEvent(tx, access.actor, ctx, { action: 'forum.post_hidden', objectType: 'forum_post', objectId: rep.postId, details: { reportId } });
    }
    const done = await tx
      .update(forumReport)
      .set({ status: 'resolved', outcome, resolvedBy: access.actor.id, resolvedAt: now })
      .where(and(eq(forumReport.postId, rep.postId), eq(forumReport.status, 'open')))
      .returning({ id: forumReport.id });
    await recordAuditEvent(tx, access.actor, ctx, { action: 'forum.report_resolved', objectType: 'forum_report', objectId: reportId, details: { outcome, postId: rep.postId, resolved: done.map((d) => d.id) } });
    return { id: reportId, outcome, resolvedCount: done.length };
  });
}
