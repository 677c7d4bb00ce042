import { eq, isNotNull, and } from 'drizzle-orm';
import { foldAnswer, scoreQuestion, type QuestionStats, type QuizResponse } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import type { Db } from '../../db/client';
import { quizAnswer, quizAttempt } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { findQuiz } from './author-quiz';
import { assertTeaches } from './question-bank';
import type { AttemptQuestion } from './quiz-view';

/** The answer as a key of the distribution, with a label a teacher can read. */
function answerKeys(q: AttemptQuestion, r: QuizResponse): { key: string; label: string }[] {
  const s = q.spec;
  switch (r.kind) {
    case 'single':
    case 'multiple': {
      const ids = r.kind === 'single' ? [r.choiceId] : r.choiceIds;
      const choices = s.kind === 'single' || s.kind === 'multiple' ? s.choices : [];
      return ids.map((id) => ({ key: id, label: choices.find((c) => c.id === id)?.text ?? id }));
    }
    case 'true_false':
      return [{ key: String(r.value), label: r.value ? 'Vrai' : 'Faux' }];
    case 'numeric':
      return [{ key: String(r.value), label: String(r.value).replace('.', ',') }];
    case 'short':
      return [{ key: foldAnswer(r.text), label: foldAnswer(r.text) || '(vide)' }];
    case 'matching':
    case 'ordering': {
      const ok = scoreQuestion(s, r).correct;
      return [{ key: ok ? 'right' : 'wrong', label: ok ? 'Entièrement juste' : 'Partiellement juste ou faux' }];
    }
  }
}

/**
 * Per question asked in submitted attempts of a quiz: how many answered, the share fully right,
 * the mean points, and how often each answer was chosen (for multiple choice, each ticked choice).
 */
export async function quizQuestionStats(db: Db, quizId: string): Promise<QuestionStats[]> {
  const attempts = await db.select({ id: quizAttempt.id, questions: quizAttempt.questions }).from(quizAttempt).where(and(eq(quizAttempt.quizId, quizId), isNotNull(quizAttempt.submittedAt)));
  const answers = attempts.length
    ? await db
        .select({ attemptId: quizAnswer.attemptId, questionId: quizAnswer.questionId, response: quizAnswer.response })
        .from(quizAnswer)
        .innerJoin(quizAttempt, eq(quizAttempt.id, quizAnswer.attemptId))
        .where(and(eq(quizAttempt.quizId, quizId), isNotNull(quizAttempt.submittedAt)))
    : [];
  const byAttempt = new Map<string, Map<string, QuizResponse>>();
  for (const a of answers) {
    if (!byAttempt.has(a.attemptId)) byAttempt.set(a.attemptId, new Map());
    byAttempt.get(a.attemptId)!.set(a.questionId, a.response);
  }
  const stats = new Map<string, { q: AttemptQuestion; asked: number; correct: number; points: number; dist: Map<string, { label: string; count: number }> }>();
  for (const att of attempts) {
    for (const q of att.questions) {
      // The latest wording wins; attempts keep their own copy for scoring.
      const st = stats.get(q.id) ?? { q, asked: 0, correct: 0, points: 0, dist: new Map() };
      const r = byAttempt.get(att.id)?.get(q.id) ?? null;
      const s = scoreQuestion(q.spec, r);
      st.asked += 1;
      st.points += s.points;
      if (s.correct) st.correct += 1;
      for (const k of r ? answerKeys(q, r) : [{ key: '', label: 'Sans réponse' }]) {
        const d = st.dist.get(k.key) ?? { label: k.label, count: 0 };
        d.count += 1;
        st.dist.set(k.key, d);
      }
      stats.set(q.id, st);
    }
  }
  return [...stats.values()].map((st) => ({
    questionId: st.q.id,
    prompt: st.q.prompt,
    kind: st.q.spec.kind,
    attempts: st.asked,
    correctRate: st.asked ? Math.round((st.correct / st.asked) * 10000) / 10000 : null,
    averagePoints: st.asked ? Math.round((st.points / st.asked) * 10000) / 10000 : null,
    distribution: [...st.dist.entries()].map(([answer, d]) => ({ answer, label: d.label, count: d.count })).sort((x, y) => y.count - x.count),
  }));
}

export async function quizResultsForTeacher(deps: AppDeps, actor: Actor | null, quizId: string): Promise<QuestionStats[]> {
  const { row } = await findQuiz(deps.db, quizId);
  await assertTeaches(deps.db, actor, row.courseId);
  return quizQuestionStats(deps.db, quizId);
}
