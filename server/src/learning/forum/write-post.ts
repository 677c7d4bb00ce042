import { and, eq, sql } from 'drizzle-orm';
import { findMentions, type ForumPost, type ThreadDetail, type ThreadInput } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { forumFollow, forumMention, forumPost, forumThread } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError, badInput, forbidden } from '../../http/errors';
import type { OutgoingMail } from '../../notifications/mailer';
import { courseAccess, postAccess, threadAccess } from './forum-access';
import { mentionMail, replyMail } from './mails';
import { listCourseMembers, loadPost, type MemberRow } from './queries';
import { loadThread } from './read-forum';
import { renderMarkdown } from './render-markdown';

/** Records the members named in a post; returns only those not already recorded (an edit notifies newcomers only). */
async function recordMentions(tx: Db, postId: string, courseId: string, groupId: string | null, body: string, authorId: string): Promise<MemberRow[]> {
  const named = findMentions(body, await listCourseMembers(tx, courseId, groupId)).filter((m) => m.id !== authorId);
  const fresh: MemberRow[] = [];
  for (const m of named) {
    const r = await tx.insert(forumMention).values({ postId, userId: m.id }).onConflictDoNothing().returning({ userId: forumMention.userId });
    if (r.length) fresh.push(m);
  }
  return fresh;
}

async function sendAll(deps: AppDeps, mails: OutgoingMail[]) {
  for (const m of mails) await deps.mailer.send(m);
}

const authorName = async (tx: Db, id: string) => {
  const r = (await tx.execute(sql`SELECT first_name || ' ' || last_name AS n FROM app_user WHERE id = ${id}`)) as unknown as { rows: { n: string }[] };
  return r.rows[0]?.n ?? '';
};

/**
 * Opens a thread in a course forum (or one of its modules). The author follows it. With the same
 * idempotency key, a retried request answers the thread already created (created = false).
 */
export async function createThread(deps: AppDeps, actor: Actor | null, courseId: string, input: ThreadInput, ctx: RequestContext, groupId: string | null = null): Promise<{ thread: ThreadDetail; created: boolean }> {
  const access = await courseAccess(deps.db, actor, courseId);
  const a = access.actor;
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    if (input.idempotencyKey) {
      const [old] = await tx.select({ id: forumThread.id }).from(forumThread).where(and(eq(forumThread.authorId, a.id), eq(forumThread.idempotencyKey, input.idempotencyKey)));
      if (old) return { id: old.id, created: false, mails: [] as OutgoingMail[] };
    }
    if (input.moduleId) {
      const m = (await tx.execute(sql`SELECT 1 FROM course_module WHERE id = ${input.moduleId} AND course_id = ${courseId}`)) as unknown as { rows: unknown[] };
      if (!m.rows.length) throw badInput('moduleId', "Ce module n'appartient pas à ce cours.");
    }
    const [t] = await tx
      .insert(forumThread)
      .values({ courseId, moduleId: input.moduleId ?? null, groupId, authorId: a.id, title: input.title, idempotencyKey: input.idempotencyKey ?? null, createdAt: now, lastActivityAt: now })
      .onConflictDoNothing()
      .returning({ id: forumThread.id });
    if (!t) {
      // A concurrent retry with the same key won: answer its thread.
      const [old] = await tx.select({ id: forumThread.id }).from(forumThread).where(and(eq(forumThread.authorId, a.id), eq(forumThread.idempotencyKey, input.idempotencyKey!)));
      return { id: old.id, created: false, mails: [] };
    }
    const [p] = await tx
      .insert(forumPost)
      .values({ threadId: t.id, authorId: a.id, isOpening: true, bodySource: input.body, bodyHtml: renderMarkdown(input.body), createdAt: now })
      .returning({ id: forumPost.id });
    await tx.insert(forumFollow).values({ threadId: t.id, userId: a.id, createdAt: now }).onConflictDoNothing();
    const mentioned = await recordMentions(tx, p.id, courseId, groupId, input.body, a.id);
    await recordAuditEvent(tx, a, ctx, { action: 'forum.thread_created', objectType: 'forum_thread', objectId: t.id, details: { courseId, moduleId: input.moduleId ?? null, groupId, postId: p.id } });
    const author = await authorName(tx, a.id);
    return { id: t.id, created: true, mails: mentioned.map((m) => mentionMail(m, author, { id: t.id, title: input.title }, input.body, deps.config.publicUrl)) };
  });
  await sendAll(deps, result.mails);
  return { thread: await loadThread(deps, actor, result.id), created: result.created };
}

/**
 * Replies to a thread. Refused when the thread is locked. After commit, every follower (but the
 * author) gets one e-mail; the replier then follows the thread; a member both following and mentioned gets the mention only.
 */
export async function replyToThread(deps: AppDeps, actor: Actor | null, threadId: string, input: { body: string; idempotencyKey?: string }, ctx: RequestContext): Promise<{ post: ForumPost; created: boolean }> {
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    const access = await threadAccess(tx, actor, threadId, { lock: true });
    const a = access.actor;
    if (input.idempotencyKey) {
      const [old] = await tx.select({ id: forumPost.id, threadId: forumPost.threadId }).from(forumPost).where(and(eq(forumPost.authorId, a.id), eq(forumPost.idempotencyKey, input.idempotencyKey)));
      if (old) {
        if (old.threadId !== threadId) throw badInput('idempotencyKey', "Cette clé d'idempotence a déjà servi pour un autre message.");
        return { id: old.id, created: false, mails: [] as OutgoingMail[], moderator: access.mayModerate, readerId: a.id };
      }
    }
    if (access.thread.locked) throw new AppError(409, 'thread_locked', 'Cette discussion est verrouillée : on ne peut plus y répondre.', 'body');
    const [p] = await tx
      .insert(forumPost)
      .values({ threadId, authorId: a.id, bodySource: input.body, bodyHtml: renderMarkdown(input.body), idempotencyKey: input.idempotencyKey ?? null, createdAt: now })
      .returning({ id: forumPost.id });
    await tx.update(forumThread).set({ lastActivityAt: now }).where(eq(forumThread.id, threadId));
    // Whoever replies follows the thread from then on (they can stop at any time).
    await tx.insert(forumFollow).values({ threadId, userId: a.id, createdAt: now }).onConflictDoNothing();
    const mentioned = await recordMentions(tx, p.id, access.thread.course_id, access.thread.group_id, input.body, a.id);
    const followers = (await tx.execute(sql`
      SELECT u.id, u.email, u.first_name FROM forum_follow f JOIN app_user u ON u.id = f.user_id
      WHERE f.thread_id = ${threadId} AND f.user_id <> ${a.id} AND u.disabled_at IS NULL ORDER BY u.id`)) as unknown as { rows: { id: string; email: string; first_name: string }[] };
    await recordAuditEvent(tx, a, ctx, { action: 'forum.reply_posted', objectType: 'forum_post', objectId: p.id, details: { threadId, courseId: access.thread.course_id, mentioned: mentioned.map((m) => m.id) } });
    const author = await authorName(tx, a.id);
    const thread = { id: threadId, title: access.thread.title };
    const mentionedIds = new Set(mentioned.map((m) => m.id));
    const mails = [
      ...mentioned.map((m) => mentionMail(m, author, thread, input.body, deps.config.publicUrl)),
      ...followers.rows.filter((f) => !mentionedIds.has(f.id)).map((f) => replyMail({ email: f.email, firstName: f.first_name }, author, thread, input.body, deps.config.publicUrl)),
    ];
    return { id: p.id, created: true, mails, moderator: access.mayModerate, readerId: a.id };
  });
  await sendAll(deps, result.mails);
  return { post: await loadPost(deps.db, result.id, result.readerId, result.moderator), created: result.created };
}

/** The author edits their post; it then shows « modifié ». Newly mentioned members are told. */
export async function editPost(deps: AppDeps, actor: Actor | null, postId: string, body: string, ctx: RequestContext): Promise<ForumPost> {
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    const access = await postAccess(tx, actor, postId);
    const a = access.actor;
    if (access.post.author_id !== a.id) throw forbidden('Seul(e) l’auteur(e) peut modifier ce message.');
    if (access.post.deleted_at) throw new AppError(409, 'conflict', 'Ce message a été supprimé : il ne peut plus être modifié.', 'body');
    await tx.update(forumPost).set({ bodySource: body, bodyHtml: renderMarkdown(body), editedAt: now }).where(eq(forumPost.id, postId));
    const mentioned = await recordMentions(tx, postId, access.thread.course_id, access.thread.group_id, body, a.id);
    await recordAuditEvent(tx, a, ctx, { action: 'forum.post_edited', objectType: 'forum_post', objectId: postId, details: { threadId: access.thread.id } });
    const author = await authorName(tx, a.id);
    return { mails: mentioned.map((m) => mentionMail(m, author, { id: access.thread.id, title: access.thread.title }, body, deps.config.publicUrl)), moderator: access.mayModerate, readerId: a.id };
  });
  await sendAll(deps, result.mails);
  return loadPost(deps.db, postId, result.readerId, result.moderator);
}

/** Soft delete by its author or a moderator: the post keeps its place, its text is no longer shown. */
export async function deletePost(deps: AppDeps, actor: Actor | null, postId: string, ctx: RequestContext): Promise<ForumPost> {
  const now = deps.now();
  const r = await deps.db.transaction(async (tx) => {
    const access = await postAccess(tx, actor, postId);
    const a = access.actor;
    if (access.post.author_id !== a.id && !access.mayModerate) throw forbidden('Seul(e) l’auteur(e) ou un modérateur peut supprimer ce message.');
    if (!access.post.deleted_at) {
      await tx.update(forumPost).set({ deletedAt: now }).where(eq(forumPost.id, postId));
      await recordAuditEvent(tx, a, ctx, { action: 'forum.post_deleted', objectType: 'forum_post', objectId: postId, details: { threadId: access.thread.id, byModerator: access.post.author_id !== a.id } });
    }
    return { readerId: a.id, moderator: access.mayModerate };
  });
  return loadPost(deps.db, postId, r.readerId, r.moderator);
}
