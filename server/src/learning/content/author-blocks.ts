import { and, eq, sql } from 'drizzle-orm';
import type { BlockInput, LessonBlock } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { lessonBlock, mediaFile } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { badInput, conflict } from '../../http/errors';
import { applyOrder, closeGaps, courseOf, lockCourseForEdit } from './edit-access';
import { renderMarkdown } from './markdown';
import { listBlocks } from './read-lesson';

type Who = Pick<Actor, 'id' | 'email'> | null;

/** A media file used by a block must belong to the same course and be of the right kind. */
async function checkMedia(tx: Db, courseId: string, id: string | null | undefined, kind: 'video' | 'subtitles' | 'document', field: string): Promise<void> {
  if (!id) return;
  const [m] = await tx.select({ kind: mediaFile.kind }).from(mediaFile).where(and(eq(mediaFile.id, id), eq(mediaFile.courseId, courseId)));
  const label = { video: 'Cette vidéo', subtitles: 'Ces sous-titres', document: 'Ce document' }[kind];
  if (!m) throw badInput(field, `${label} n'a pas été envoyé(e) dans ce cours.`);
  if (m.kind !== kind) throw badInput(field, `Ce fichier n'est pas ${{ video: 'une vidéo', subtitles: 'un fichier de sous-titres', document: 'un document' }[kind]}.`);
}

async function blockColumns(tx: Db, courseId: string, input: BlockInput) {
  switch (input.kind) {
    case 'text':
      return { kind: 'text', title: input.title, body: input.markdown, html: renderMarkdown(input.markdown), mediaId: null, subtitlesId: null, quizId: null };
    case 'video':
      await checkMedia(tx, courseId, input.mediaId, 'video', 'mediaId');
      await checkMedia(tx, courseId, input.subtitlesId, 'subtitles', 'subtitlesId');
      return { kind: 'video', title: input.title, body: input.transcript, html: '', mediaId: input.mediaId, subtitlesId: input.subtitlesId ?? null, quizId: null };
    case 'document':
      await checkMedia(tx, courseId, input.mediaId, 'document', 'mediaId');
      return { kind: 'document', title: input.title, body: '', html: '', mediaId: input.mediaId, subtitlesId: null, quizId: null };
    case 'quiz':
      // No check that the quiz exists: the quiz table belongs to another module (see migration 0008).
      return { kind: 'quiz', title: input.title, body: '', html: '', mediaId: null, subtitlesId: null, quizId: input.quizId };
  }
}

/** Appends a block at the end of the lesson, in the caller's transaction (also used by the demo seed). */
export async function insertBlock(tx: Db, courseId: string, lessonId: string, input: BlockInput, actor: Who, ctx: RequestContext | null, now: Date): Promise<string> {
  const cols = await blockColumns(tx, courseId, input);
  const [row] = await tx
    .insert(lessonBlock)
    .values({ lessonId, ...cols, position: sql`(SELECT coalesce(max(position), 0) + 1 FROM lesson_block WHERE lesson_id = ${lessonId})`, createdAt: now, updatedAt: now })
    .returning({ id: lessonBlock.id, position: lessonBlock.position });
  await recordAuditEvent(tx, actor, ctx, { action: 'lesson.block_added', objectType: 'lesson', objectId: lessonId, details: { blockId: row.id, kind: input.kind, position: row.position } });
  return row.id;
}

export async function addBlock(deps: AppDeps, actor: Actor | null, lessonId: string, input: BlockInput, ctx: RequestContext): Promise<LessonBlock[]> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'lesson', lessonId);
    await lockCourseForEdit(tx, actor, courseId);
    await insertBlock(tx, courseId, lessonId, input, actor, ctx, deps.now());
    return listBlocks(tx, lessonId);
  });
}

export async function updateBlock(deps: AppDeps, actor: Actor | null, blockId: string, input: BlockInput, ctx: RequestContext): Promise<LessonBlock[]> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'block', blockId);
    await lockCourseForEdit(tx, actor, courseId);
    const [before] = await tx.select().from(lessonBlock).where(eq(lessonBlock.id, blockId));
    if (before.kind === 'video' && input.kind !== 'video' && (await hasVideoProgress(tx, blockId))) {
      throw conflict(REFUSE_VIDEO, 'kind');
    }
    const cols = await blockColumns(tx, courseId, input);
    await tx.update(lessonBlock).set({ ...cols, updatedAt: deps.now() }).where(eq(lessonBlock.id, blockId));
    await recordAuditEvent(tx, actor, ctx, {
      action: 'lesson.block_updated',
      objectType: 'lesson',
      objectId: before.lessonId,
      details: { blockId, kind: input.kind, mediaReplaced: before.mediaId !== cols.mediaId },
    });
    return listBlocks(tx, before.lessonId);
  });
}

const REFUSE_VIDEO =
  'Des apprenants ont déjà regardé cette vidéo : la supprimer effacerait leur progression. Remplacez plutôt le fichier vidéo du bloc (modifier le bloc).';

async function hasVideoProgress(tx: Db, blockId: string): Promise<boolean> {
  const res = (await tx.execute(sql`SELECT 1 FROM video_progress WHERE block_id = ${blockId} LIMIT 1`)) as unknown as { rows: unknown[] };
  return res.rows.length > 0;
}

/**
 * Deleting a block is refused when learners have progress in it (a watched video): their
 * completion would silently change. Text, document and quiz blocks hold no learner data here
 * (quiz attempts belong to the quiz module and stay there).
 */
export async function deleteBlock(deps: AppDeps, actor: Actor | null, blockId: string, ctx: RequestContext): Promise<LessonBlock[]> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'block', blockId);
    await lockCourseForEdit(tx, actor, courseId);
    const [before] = await tx.select().from(lessonBlock).where(eq(lessonBlock.id, blockId));
    if (await hasVideoProgress(tx, blockId)) throw conflict(REFUSE_VIDEO);
    await tx.delete(lessonBlock).where(eq(lessonBlock.id, blockId));
    await closeGaps(tx, 'lesson_block', 'lesson_id', before.lessonId);
    await recordAuditEvent(tx, actor, ctx, { action: 'lesson.block_deleted', objectType: 'lesson', objectId: before.lessonId, details: { blockId, kind: before.kind, title: before.title } });
    return listBlocks(tx, before.lessonId);
  });
}

export async function reorderBlocks(deps: AppDeps, actor: Actor | null, lessonId: string, ids: string[], ctx: RequestContext): Promise<LessonBlock[]> {
  return deps.db.transaction(async (tx) => {
    const courseId = await courseOf(tx, 'lesson', lessonId);
    await lockCourseForEdit(tx, actor, courseId);
    await applyOrder(tx, 'lesson_block', 'lesson_id', lessonId, ids);
    await recordAuditEvent(tx, actor, ctx, { action: 'lesson.blocks_reordered', objectType: 'lesson', objectId: lessonId, details: { order: ids } });
    return listBlocks(tx, lessonId);
  });
}
