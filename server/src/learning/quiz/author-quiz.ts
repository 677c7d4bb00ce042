import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Quiz, QuizInput } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { course, quiz, quizQuestion } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { badInput, conflict, notFound } from '../../http/errors';
import { assertTeaches } from './question-bank';

export type QuizRow = typeof quiz.$inferSelect;

export const toQuiz = (r: QuizRow, courseTitle: string): Quiz => ({
  id: r.id,
  courseId: r.courseId,
  courseTitle,
  title: r.title,
  description: r.description,
  kind: r.kind as Quiz['kind'],
  isFinal: r.isFinal,
  selection: r.selection,
  maxAttempts: r.maxAttempts,
  passMarkPercent: r.passMarkPercent,
  opensAt: r.opensAt ? new Date(r.opensAt).toISOString() : null,
  closesAt: r.closesAt ? new Date(r.closesAt).toISOString() : null,
  timeLimitMinutes: r.timeLimitMinutes,
  reviewMode: r.reviewMode as Quiz['reviewMode'],
  questionCount: r.selection.mode === 'fixed' ? r.selection.questionIds.length : r.selection.count,
});

export async function findQuiz(db: Db, id: string): Promise<{ row: QuizRow; courseTitle: string; courseStatus: string }> {
  const [r] = await db.select({ q: quiz, title: course.title, status: course.status }).from(quiz).innerJoin(course, eq(course.id, quiz.courseId)).where(eq(quiz.id, id));
  if (!r) throw notFound("Ce quiz n'existe pas.");
  return { row: r.q, courseTitle: r.title, courseStatus: r.status };
}

/** The questions a quiz names must be in its course's bank, and a draw must find enough of them. */
async function checkSelection(db: Db, courseId: string, input: QuizInput): Promise<void> {
  const s = input.selection;
  if (s.mode === 'fixed') {
    const found = await db.select({ id: quizQuestion.id }).from(quizQuestion).where(and(eq(quizQuestion.courseId, courseId), inArray(quizQuestion.id, s.questionIds)));
    if (found.length !== new Set(s.questionIds).size) throw badInput('selection.questionIds', "Une question choisie n'est pas dans la banque de questions de ce cours.");
  } else {
    const tags = s.tags ?? [];
    const bank = await db.select({ tags: quizQuestion.tags }).from(quizQuestion).where(eq(quizQuestion.courseId, courseId));
    const n = bank.filter((q) => tags.length === 0 || q.tags.some((t) => tags.includes(t))).length;
    if (n < s.count) throw badInput('selection.count', `La banque ne contient que ${n} question(s) pour ce tirage : tirez-en moins ou ajoutez des questions.`);
  }
}

const values = (input: QuizInput) => ({
  title: input.title,
  description: input.description,
  kind: input.kind,
  isFinal: input.isFinal,
  selection: input.selection.mode === 'draw' ? { mode: 'draw' as const, count: input.selection.count, tags: input.selection.tags ?? [] } : input.selection,
  maxAttempts: input.kind === 'graded' ? input.maxAttempts : null,
  passMarkPercent: input.passMarkPercent,
  opensAt: input.opensAt ? new Date(input.opensAt) : null,
  closesAt: input.closesAt ? new Date(input.closesAt) : null,
  timeLimitMinutes: input.timeLimitMinutes,
  reviewMode: input.kind === 'graded' ? input.reviewMode : 'after_submit',
});

async function assertSingleFinal(db: Db, courseId: string, exceptId: string | null): Promise<void> {
  const others = await db.select({ id: quiz.id }).from(quiz).where(and(eq(quiz.courseId, courseId), eq(quiz.isFinal, true)));
  if (others.some((o) => o.id !== exceptId)) throw conflict('Ce cours a déjà une évaluation finale. Retirez-lui ce rôle avant d’en désigner une autre.', 'isFinal');
}

export async function createQuiz(deps: AppDeps, actor: Actor | null, courseId: string, input: QuizInput, ctx: RequestContext): Promise<Quiz> {
  const a = await assertTeaches(deps.db, actor, courseId);
  return deps.db.transaction(async (tx) => {
    await checkSelection(tx, courseId, input);
    if (input.isFinal) await assertSingleFinal(tx, courseId, null);
    const now = deps.now();
    const [row] = await tx.insert(quiz).values({ courseId, ...values(input), createdAt: now, updatedAt: now }).returning();
    await recordAuditEvent(tx, a, ctx, { action: 'quiz.created', objectType: 'quiz', objectId: row.id, details: { courseId, kind: row.kind, isFinal: row.isFinal } });
    const { courseTitle } = await findQuiz(tx, row.id);
    return toQuiz(row, courseTitle);
  });
}

export async function updateQuiz(deps: AppDeps, actor: Actor | null, id: string, input: QuizInput, ctx: RequestContext): Promise<Quiz> {
  const { row: existing } = await findQuiz(deps.db, id);
  const a = await assertTeaches(deps.db, actor, existing.courseId);
  return deps.db.transaction(async (tx) => {
    await checkSelection(tx, existing.courseId, input);
    if (input.isFinal) await assertSingleFinal(tx, existing.courseId, id);
    const [row] = await tx.update(quiz).set({ ...values(input), updatedAt: deps.now() }).where(eq(quiz.id, id)).returning();
    await recordAuditEvent(tx, a, ctx, { action: 'quiz.updated', objectType: 'quiz', objectId: id, details: { courseId: row.courseId } });
    const { courseTitle } = await findQuiz(tx, id);
    return toQuiz(row, courseTitle);
  });
}

export async function listCourseQuizRows(db: Db, courseId: string): Promise<QuizRow[]> {
  return db.select().from(quiz).where(eq(quiz.courseId, courseId)).orderBy(asc(quiz.isFinal), asc(quiz.createdAt), asc(quiz.id));
}
