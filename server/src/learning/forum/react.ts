import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import { forumFollow, forumLike } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError } from '../../http/errors';
import { postAccess, threadAccess } from './forum-access';

/**
 * One « J'aime » per member and post. PUT sets it and DELETE removes it, both idempotent:
 * pressing twice or retrying leaves a single like (the primary key guarantees it).
 */
export async function setLike(deps: AppDeps, actor: Actor | null, postId: string, liked: boolean) {
  const access = await postAccess(deps.db, actor, postId);
  const userId = access.actor.id;
  if (liked && (access.post.deleted_at || access.post.hidden_at)) throw new AppError(409, 'conflict', "On ne peut pas aimer un message supprimé ou masqué.");
  if (liked) await deps.db.insert(forumLike).values({ postId, userId, createdAt: deps.now() }).onConflictDoNothing();
  else await deps.db.delete(forumLike).where(and(eq(forumLike.postId, postId), eq(forumLike.userId, userId)));
  const r = (await deps.db.execute(sql`SELECT count(*)::int AS n FROM forum_like WHERE post_id = ${postId}`)) as unknown as { rows: { n: number }[] };
  return { postId, liked, likeCount: Number(r.rows[0].n) };
}

/** Follow (or stop following) a thread: followers get an e-mail for each reply. */
export async function setFollow(deps: AppDeps, actor: Actor | null, threadId: string, following: boolean, ctx: RequestContext) {
  const access = await threadAccess(deps.db, actor, threadId);
  const userId = access.actor.id;
  await deps.db.transaction(async (tx) => {
    if (following) {
      const r = await tx.insert(forumFollow).values({ threadId, userId, createdAt: deps.now() }).onConflictDoNothing().returning({ userId: forumFollow.userId });
      if (r.length) await recordAuditEvent(tx, access.actor, ctx, { action: 'forum.thread_followed', objectType: 'forum_thread', objectId: threadId });
    } else {
      const r = await tx.delete(forumFollow).where(and(eq(forumFollow.threadId, threadId), eq(forumFollow.userId, userId))).returning({ userId: forumFollow.userId });
      if (r.length) await recordAuditEvent(tx, access.actor, ctx, { action: 'forum.thread_unfollowed', objectType: 'forum_thread', objectId: threadId });
    }
  });
  return { threadId, following };
}
