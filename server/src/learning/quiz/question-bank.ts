import { and, asc, eq } from 'drizzle-orm';
import type { Question, QuestionInput } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { course, quiz, quizQuestion } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { conflict, notFound } from '../../http/errors';
import { assertCan, requireActor } from '../../http/permissions';

type QuestionRow = typeof quizQuestion.$inferSelect;

export const toQuestion = (r: QuestionRow): Question => ({
  id: r.id,
  courseId: r.courseId,
  prompt: r.prompt,
  explanation: r.explanation,
  tags: r.tags,
  source: r.source,
  spec: r.spec,
  updatedAt: new Date(r.updatedAt).toISOString(),
});

/** Only the course's teaching team (and authors, admins) see and edit its bank; others get 404 for a draft, 403 otherwise. */
export async function assertTeaches(db: Db, actor: Actor | null, courseId: string): Promise<Actor> {
  const a = requireActor(actor);
  const [c] = await db.select({ id: course.id }).from(course).where(eq(course.id, courseId));
  if (!c) throw notFound("Ce cours n'existe pas.");
  assertCan(a, 'learning.teach', { courseId });
  return a;
}

export async function listQuestions(deps: AppDeps, actor: Actor | null, courseId: string): Promise<Question[]> {
  await assertTeaches(deps.db, actor, courseId);
  const rows = await deps.db.select().from(quizQuestion).where(eq(quizQuestion.courseId, courseId)).orderBy(asc(quizQuestion.createdAt), asc(quizQuestion.id));
  return rows.map(toQuestion);
}

export async function insertQuestion(tx: Db, courseId: string, input: QuestionInput, now: Date): Promise<QuestionRow> {
  const [row] = await tx
    .insert(quizQuestion)
    .values({ courseId, kind: input.spec.kind, prompt: input.prompt, explanation: input.explanation, tags: input.tags, source: input.source, spec: input.spec, createdAt: now, updatedAt: now })
    .returning();
  return row;
}

export async function createQuestion(deps: AppDeps, actor: Actor | null, courseId: string, input: QuestionInput, ctx: RequestContext): Promise<Question> {
  const a = await assertTeaches(deps.db, actor, courseId);
  return deps.db.transaction(async (tx) => {
    const row = await insertQuestion(tx, courseId, input, deps.now());
    await recordAuditEvent(tx, a, ctx, { action: 'quiz.question.created', objectType: 'quiz_question', objectId: row.id, details: { courseId, kind: row.kind } });
    return toQuestion(row);
  });
}

async function findQuestion(db: Db, id: string): Promise<QuestionRow> {
  const [row] = await db.select().from(quizQuestion).where(eq(quizQuestion.id, id));
  if (!row) throw notFound("Cette question n'existe pas.");
  return row;
}

/** Edits a question of the bank. Attempts already started keep the copy they were given. */
export async function updateQuestion(deps: AppDeps, actor: Actor | null, id: string, input: QuestionInput, ctx: RequestContext): Promise<Question> {
  const existing = await findQuestion(deps.db, id);
  const a = await assertTeaches(deps.db, actor, existing.courseId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(quizQuestion)
      .set({ kind: input.spec.kind, prompt: input.prompt, explanation: input.explanation, tags: input.tags, source: input.source, spec: input.spec, updatedAt: deps.now() })
      .where(and(eq(quizQuestion.id, id)))
      .returning();
    await recordAuditEvent(tx, a, ctx, { action: 'quiz.question.updated', objectType: 'quiz_question', objectId: id, details: { courseId: row.courseId } });
    return toQuestion(row);
  });
}

export async function deleteQuestion(deps: AppDeps, actor: Actor | null, id: string, ctx: RequestContext): Promise<void> {
  const existing = await findQuestion(deps.db, id);
  const a = await assertTeaches(deps.db, actor, existing.courseId);
  await deps.db.transaction(async (tx) => {
    // A fixed quiz would silently lose a question: the teacher removes it from the quiz first.
    const using = (await tx.select({ title: quiz.title, selection: quiz.selection }).from(quiz).where(eq(quiz.courseId, existing.courseId))).filter(
      (q) => q.selection.mode === 'fixed' && q.selection.questionIds.includes(id),
    );
    if (using.length) throw conflict(`Cette question fait partie du quiz « ${using[0].title} » : retirez-la de ce quiz avant de la supprimer.`);
    await tx.delete(quizQuestion).where(eq(quizQuestion.id, id));
    await recordAuditEvent(tx, a, ctx, { action: 'quiz.question.deleted', objectType: 'quiz_question', objectId: id, details: { courseId: existing.courseId } });
  });
}
