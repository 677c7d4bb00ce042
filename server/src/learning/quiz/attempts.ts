import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  drawQuestions,
  isPass,
  quizPercent,
  scoreQuestion,
  type AnswerResult,
  type Attempt,
  type AttemptSummary,
  type QuizForLearner,
  type QuizResponse,
} from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { attestation, quizAnswer, quizAttempt, quizQuestion } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError, forbidden, notFound } from '../../http/errors';
import { requireActor } from '../../http/permissions';
import { mayEditCourse } from '../read-courses';
import { issueAttestation } from '../attestation/issue-attestation';
import { findQuiz, toQuiz, type QuizRow } from './author-quiz';
import { answerResult, toPlayQuestion, type AttemptQuestion } from './quiz-view';

type AttemptRow = typeof quizAttempt.$inferSelect;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const frDateTime = (d: Date) =>
  new Date(d).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

const summary = (r: AttemptRow): AttemptSummary => ({
  id: r.id,
  number: r.number,
  startedAt: iso(r.startedAt)!,
  deadlineAt: iso(r.deadlineAt),
  submittedAt: iso(r.submittedAt),
  scorePercent: r.scorePercent,
  passed: r.passed,
});

/** The session of the course the learner is enrolled in (the latest one), or null. */
async function enrolledSession(db: Db, userId: string, courseId: string): Promise<string | null> {
  const res = (await db.execute(sql`
    SELECT s.id FROM enrolment e JOIN course_session s ON s.id = e.session_id
    WHERE e.user_id = ${userId} AND s.course_id = ${courseId} AND e.status = 'enrolled'
    ORDER BY s.starts_at DESC LIMIT 1`)) as unknown as { rows: { id: string }[] };
  return res.rows[0]?.id ?? null;
}

async function userAttempts(db: Db, quizId: string, userId: string): Promise<AttemptRow[]> {
  return db.select().from(quizAttempt).where(and(eq(quizAttempt.quizId, quizId), eq(quizAttempt.userId, userId))).orderBy(asc(quizAttempt.number));
}

/** Why a new attempt may not start now (French), or null. An attempt in progress can always be resumed. */
function blockedReason(q: QuizRow, attempts: AttemptRow[], enrolled: boolean, mayEdit: boolean, now: Date): string | null {
  if (attempts.some((a) => !a.submittedAt)) return null;
  if (!enrolled && !mayEdit) return 'Inscrivez-vous à une session de ce cours pour répondre à ce quiz.';
  if (q.opensAt && now < q.opensAt) return `Ce quiz ouvre le ${frDateTime(q.opensAt)}.`;
  if (q.closesAt && now >= q.closesAt) return `Ce quiz est fermé depuis le ${frDateTime(q.closesAt)}.`;
  if (q.kind === 'graded' && q.maxAttempts !== null && attempts.length >= q.maxAttempts) {
    return q.maxAttempts === 1 ? 'Vous avez déjà utilisé votre unique tentative.' : `Vous avez utilisé vos ${q.maxAttempts} tentatives autorisées.`;
  }
  return null;
}

async function visibleQuiz(db: Db, actor: Actor, quizId: string) {
  const found = await findQuiz(db, quizId);
  const mayEdit = mayEditCourse(actor, found.row.courseId);
  if (found.courseStatus !== 'published' && !mayEdit) throw notFound("Ce quiz n'existe pas.");
  return { ...found, mayEdit };
}

export async function quizForLearner(deps: AppDeps, actor: Actor | null, quizId: string): Promise<QuizForLearner> {
  const a = requireActor(actor);
  const { row, courseTitle, mayEdit } = await visibleQuiz(deps.db, a, quizId);
  const attempts = await userAttempts(deps.db, quizId, a.id);
  const enrolled = (await enrolledSession(deps.db, a.id, row.courseId)) !== null;
  const reason = blockedReason(row, attempts, enrolled, mayEdit, deps.now());
  return { ...toQuiz(row, courseTitle), attempts: attempts.map(summary), canStart: reason === null, blockedReason: reason, mayEdit };
}

/** The quizzes of a course with the signed-in user's attempts (the course page and lesson blocks list them). */
export async function courseQuizzes(deps: AppDeps, actor: Actor | null, courseId: string): Promise<QuizForLearner[]> {
  const a = requireActor(actor);
  const res = (await deps.db.execute(sql`SELECT id FROM quiz WHERE course_id = ${courseId} ORDER BY is_final, created_at, id`)) as unknown as { rows: { id: string }[] };
  const mayEdit = mayEditCourse(a, courseId);
  const out: QuizForLearner[] = [];
  for (const r of res.rows) {
    try {
      out.push(await quizForLearner(deps, a, r.id));
    } catch (e) {
      if (!(e instanceof AppError && e.status === 404)) throw e;
      if (mayEdit) throw e;
    }
  }
  return out;
}

async function pickQuestions(tx: Db, q: QuizRow, seed: string): Promise<AttemptQuestion[]> {
  const sel = q.selection;
  const rows =
    sel.mode === 'fixed'
      ? await tx.select().from(quizQuestion).where(and(eq(quizQuestion.courseId, q.courseId), inArray(quizQuestion.id, sel.questionIds)))
      : await tx.select().from(quizQuestion).where(eq(quizQuestion.courseId, q.courseId));
  const ids = sel.mode === 'fixed' ? sel.questionIds : drawQuestions(rows, sel.count, sel.tags ?? [], seed);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.filter((id) => byId.has(id)).map((id) => {
    const r = byId.get(id)!;
    return { id: r.id, prompt: r.prompt, explanation: r.explanation, spec: r.spec };
  });
}

/** Serialises the start and submission of one learner's attempts at one quiz (both engines have advisory locks). */
const lockLearnerQuiz = (tx: Db, quizId: string, userId: string) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`quiz:${quizId}:${userId}`}))`);

/**
 * Starts an attempt, or resumes the one in progress. Refused (409, in French) outside the quiz's
 * window or beyond its attempt limit; refused (403) to someone not enrolled in the course.
 * The questions (fixed list or random draw) are copied into the attempt.
 */
export async function startAttempt(deps: AppDeps, actor: Actor | null, quizId: string, ctx: RequestContext): Promise<{ attempt: Attempt; created: boolean }> {
  const a = requireActor(actor);
  const now = deps.now();
  const { row: q, mayEdit } = await visibleQuiz(deps.db, a, quizId);
  const result = await deps.db.transaction(async (tx) => {
    await lockLearnerQuiz(tx, quizId, a.id);
    const attempts = await userAttempts(tx, quizId, a.id);
    const open = attempts.find((x) => !x.submittedAt);
    if (open) return { id: open.id, created: false };
    const sessionId = await enrolledSession(tx, a.id, q.courseId);
    const reason = blockedReason(q, attempts, sessionId !== null, mayEdit, now);
    if (reason) throw sessionId === null && !mayEdit ? forbidden(reason) : new AppError(409, 'quiz_unavailable', reason);
    const id = randomUUID();
    const questions = await pickQuestions(tx, q, id);
    if (questions.length === 0) throw new AppError(409, 'quiz_empty', "Ce quiz n'a pas encore de questions.");
    let deadline = q.timeLimitMinutes ? new Date(now.getTime() + q.timeLimitMinutes * 60_000) : null;
    if (q.closesAt && (!deadline || deadline > q.closesAt)) deadline = q.closesAt;
    await tx.insert(quizAttempt).values({ id, quizId, userId: a.id, sessionId, number: attempts.length + 1, questions, startedAt: now, deadlineAt: deadline });
    await recordAuditEvent(tx, a, ctx, { action: 'quiz.attempt.started', objectType: 'quiz_attempt', objectId: id, details: { quizId, number: attempts.length + 1 } });
    return { id, created: true };
  });
  return { attempt: await readAttempt(deps, a, result.id), created: result.created };
}

async function lockedAttempt(tx: Db, actor: Actor, attemptId: string): Promise<AttemptRow> {
  const res = (await tx.execute(sql`SELECT id FROM quiz_attempt WHERE id = ${attemptId} FOR UPDATE`)) as unknown as { rows: unknown[] };
  const [row] = res.rows.length ? await tx.select().from(quizAttempt).where(eq(quizAttempt.id, attemptId)) : [];
  if (!row || row.userId !== actor.id) throw notFound("Cette tentative n'existe pas.");
  return row;
}

const sameResponse = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Stores the answer to one question (one row per attempt and question). Sending the same answer
 * again returns what was stored; a different one replaces it while the attempt is open.
 * A self-assessment answers with its feedback at once; a graded quiz only acknowledges.
 */
export async function answerQuestion(deps: AppDeps, actor: Actor | null, attemptId: string, questionId: string, response: QuizResponse): Promise<AnswerResult> {
  const a = requireActor(actor);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const att = await lockedAttempt(tx, a, attemptId);
    const q = att.questions.find((x) => x.id === questionId);
    if (!q) throw notFound("Cette question ne fait pas partie de la tentative.");
    const { row: quizRow } = await findQuiz(tx, att.quizId);
    const instant = quizRow.kind === 'self_assessment';
    const [stored] = await tx.select().from(quizAnswer).where(and(eq(quizAnswer.attemptId, attemptId), eq(quizAnswer.questionId, questionId)));
    if (stored && sameResponse(stored.response, response)) return answerResult(q, stored.response, instant);
    if (att.submittedAt) throw new AppError(409, 'attempt_submitted', 'Cette tentative est déjà remise : les réponses ne peuvent plus changer.');
    if (att.deadlineAt && now >= att.deadlineAt) throw new AppError(409, 'attempt_expired', 'Le temps de cette tentative est écoulé : remettez-la pour voir votre résultat.');
    if (response.kind !== q.spec.kind) throw new AppError(400, 'invalid_input', 'Cette réponse ne correspond pas au type de la question.', 'response.kind');
    const s = scoreQuestion(q.spec, response);
    await tx
      .insert(quizAnswer)
      .values({ attemptId, questionId, response, points: s.points, correct: s.correct, answeredAt: now })
      .onConflictDoUpdate({ target: [quizAnswer.attemptId, quizAnswer.questionId], set: { response, points: s.points, correct: s.correct, answeredAt: now } });
    return answerResult(q, response, instant);
  });
}

/**
 * Hands in an attempt: the server scores every stored answer again, records the result once, and,
 * for a passed final evaluation, issues the attestation in the same transaction. Submitting again
 * returns the same result.
 */
export async function submitAttempt(deps: AppDeps, actor: Actor | null, attemptId: string, ctx: RequestContext): Promise<Attempt> {
  const a = requireActor(actor);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const att = await lockedAttempt(tx, a, attemptId);
    if (att.submittedAt) return;
    const { row: q } = await findQuiz(tx, att.quizId);
    const answers = await tx.select().from(quizAnswer).where(eq(quizAnswer.attemptId, attemptId));
    const byQ = new Map(answers.map((x) => [x.questionId, x.response]));
    const points = att.questions.map((qq) => scoreQuestion(qq.spec, byQ.get(qq.id) ?? null).points);
    const percent = quizPercent(points, att.questions.length);
    const passed = q.kind === 'self_assessment' ? true : isPass(percent, q.passMarkPercent);
    await tx.update(quizAttempt).set({ submittedAt: now, scorePercent: percent, passed }).where(eq(quizAttempt.id, attemptId));
    await recordAuditEvent(tx, a, ctx, {
      action: 'quiz.attempt.submitted',
      objectType: 'quiz_attempt',
      objectId: attemptId,
      details: { quizId: q.id, courseId: q.courseId, number: att.number, scorePercent: percent, passed, answered: answers.length, questions: att.questions.length },
    });
    if (q.isFinal && passed && att.sessionId) {
      await issueAttestation(tx, deps, a, ctx, { userId: a.id, courseId: q.courseId, sessionId: att.sessionId, attemptId, scorePercent: percent, now });
    }
  });
  return readAttempt(deps, a, attemptId);
}

/** An attempt as its learner (or the course's teaching team) sees it, with the correction when the settings allow. */
export async function readAttempt(deps: AppDeps, actor: Actor | null, attemptId: string): Promise<Attempt> {
  const a = requireActor(actor);
  const [att] = await deps.db.select().from(quizAttempt).where(eq(quizAttempt.id, attemptId));
  if (!att) throw notFound("Cette tentative n'existe pas.");
  const { row: q } = await findQuiz(deps.db, att.quizId);
  if (att.userId !== a.id && !mayEditCourse(a, q.courseId)) throw notFound("Cette tentative n'existe pas.");
  const now = deps.now();
  const answers = await deps.db.select().from(quizAnswer).where(eq(quizAnswer.attemptId, attemptId));
  const byQ = new Map(answers.map((x) => [x.questionId, x.response]));
  const submitted = !!att.submittedAt;
  const reviewShown =
    q.kind === 'self_assessment' ||
    (submitted && (q.reviewMode === 'after_submit' || (q.reviewMode === 'after_close' && !!q.closesAt && now >= q.closesAt)));
  const results = att.questions
    .filter((qq) => byQ.has(qq.id) || (submitted && reviewShown))
    .map((qq) => answerResult(qq, byQ.get(qq.id) ?? null, reviewShown));
  const [att2] = q.isFinal
    ? await deps.db.select({ code: attestation.code }).from(attestation).where(and(eq(attestation.userId, att.userId), eq(attestation.courseId, q.courseId), eq(attestation.attemptId, attemptId)))
    : [];

  return {
    ...summary(att),
    quizId: q.id,
    quizTitle: q.title,
    quizKind: q.kind as Attempt['quizKind'],
    isFinal: q.isFinal,
    courseId: q.courseId,
    passMarkPercent: q.passMarkPercent,
    questions: att.questions.map((qq) => toPlayQuestion(qq, att.id)),
    answers: results,
    reviewShown,
    attestationCode: att2?.code ?? null,
  };
}


