import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question, QuizResponse } from '@palliance/core';
import { DEMO_IDS, DEMO_PASSWORD } from '../../db/seed/demo';
import { startDemoCoursesPlatform } from '../../test/demo-platform';
import type { TestPlatform } from '../../test/harness';
import { DEMO_FINAL_QUIZ_TITLE } from './demo-quizzes';

let t: TestPlatform;
beforeAll(async () => {
  t = await startDemoCoursesPlatform();
});
afterAll(async () => t?.stop());

/** The right answer to a bank question, as a learner would give it. */
function rightResponse(q: Question): QuizResponse {
  const s = q.spec;
  switch (s.kind) {
    case 'single':
      return { kind: 'single', choiceId: s.correct };
    case 'multiple':
      return { kind: 'multiple', choiceIds: s.correct };
    case 'true_false':
      return { kind: 'true_false', value: s.correct };
    case 'numeric':
      return { kind: 'numeric', value: s.value };
    case 'short':
      return { kind: 'short', text: s.accepted[0].toUpperCase() };
    case 'matching':
      return { kind: 'matching', matches: Object.fromEntries(s.pairs.map((p) => [p.id, p.id])) };
    case 'ordering':
      return { kind: 'ordering', order: s.items.map((i) => i.id) };
  }
}

describe('demo quizzes', () => {
  it('give the demo MOOC a bank of all seven kinds, with their source, and a final evaluation a learner can pass', async () => {
    const teacher = t.client();
    await teacher.login('enseignant@example.org', DEMO_PASSWORD);
    const bank = await teacher.get(`/api/v1/courses/${DEMO_IDS.course}/questions`);
    expect(bank.status).toBe(200);
    expect(new Set(bank.body.map((q: Question) => q.spec.kind))).toEqual(new Set(['single', 'multiple', 'true_false', 'numeric', 'short', 'matching', 'ordering']));
    for (const q of bank.body) expect(q.source).toContain('Document source 000');

    const learner = t.client();
    await learner.login('apprenante@example.org', DEMO_PASSWORD);
    const course = await learner.get(`/api/v1/courses/${DEMO_IDS.course}`);
    const running = course.body.sessions.find((s: { title: string }) => s.title === 'Session en cours (démo)');
    expect((await learner.post(`/api/v1/sessions/${running.id}/enrolment`, {})).status).toBeLessThan(300);
    const quizzes = await learner.get(`/api/v1/courses/${DEMO_IDS.course}/quizzes`);
    expect(quizzes.body).toHaveLength(3);
    const final = quizzes.body.find((q: { title: string }) => q.title === DEMO_FINAL_QUIZ_TITLE);
    expect(final).toMatchObject({ isFinal: true, canStart: true, passMarkPercent: 70 });

    const attempt = await learner.post(`/api/v1/quizzes/${final.id}/attempts`);
    const byId = new Map<string, Question>(bank.body.map((q: Question) => [q.id, q]));
    for (const q of attempt.body.questions) {
      const r = await learner.put(`/api/v1/attempts/${attempt.body.id}/answers/${q.id}`, { response: rightResponse(byId.get(q.id)!) });
      expect(r.status).toBe(200);
    }
    const done = await learner.post(`/api/v1/attempts/${attempt.body.id}/submit`);
    expect(done.body).toMatchObject({ scorePercent: 100, passed: true });
    const pub = await t.client().get(`/api/v1/attestations/${done.body.attestationCode}`);
    expect(pub.body).toMatchObject({ status: 'valide', courseTitle: 'MOOC soins palliatifs (démo)', hours: 8, dpcReference: null });
  });
});
