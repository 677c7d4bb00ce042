import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../../test/harness';

// A clock the tests move: windows and deadlines are checked against it.
let clock = new Date('2026-11-22T10:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(clock.getTime() + days * DAY).toISOString();

let t: TestPlatform;
let admin: TestClient;
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => clock });
  const a = await createUser(t, { email: 'admin-quiz@example.org', roles: [{ role: 'admin' }] });
  admin = await signIn(a);
});
afterAll(async () => t?.stop());

async function signIn(u: { email: string; password: string }): Promise<TestClient> {
  const c = t.client();
  expect((await c.login(u.email, u.password)).status).toBe(200);
  return c;
}

async function user(roles: { role: string; scope?: string | null }[] = []) {
  n += 1;
  const u = await createUser(t, { email: `quiz${n}@example.org`, roles });
  return { ...u, client: await signIn(u) };
}

/** A published course (2 h a week, DPC reference) with a 6-week session running now. */
async function course() {
  n += 1;
  const c = await admin.post('/api/v1/courses', {
    slug: `cours-quiz-${n}`,
    title: `Cours quiz ${n}`,
    kind: 'mooc',
    estimatedHoursPerWeek: 2,
    dpcReference: 'DPC-TEST-42',
    status: 'published',
  });
  expect(c.status).toBe(201);
  const s = await admin.post(`/api/v1/courses/${c.body.id}/sessions`, {
    title: 'Session',
    registrationOpensAt: at(-10),
    registrationClosesAt: at(10),
    startsAt: at(-7),
    endsAt: at(35),
  });
  expect(s.status).toBe(201);
  return { courseId: c.body.id as string, sessionId: s.body.sessionId as string };
}

const Q_SINGLE = {
  prompt: 'Combien de modules comptait la session 2025 du MOOC ?',
  explanation: 'La session 2025 comptait 6 modules (document source 000).',
  tags: ['programme'],
  spec: {
    kind: 'single',
    choices: [
      { id: 'a', text: '4', feedback: 'C’était la première session (2022).' },
      { id: 'b', text: '6' },
    ],
    correct: 'b',
  },
};
const Q_TF = { prompt: 'L’inscription au MOOC est payante.', explanation: 'Gratuite mais obligatoire.', tags: ['inscription'], spec: { kind: 'true_false', correct: false } };
const Q_NUM = { prompt: 'Combien d’inscrits à la première session ?', tags: ['bilan'], spec: { kind: 'numeric', value: 1499, tolerance: 0 } };

async function bank(courseId: string) {
  const ids: string[] = [];
  for (const q of [Q_SINGLE, Q_TF, Q_NUM]) {
    const r = await admin.post(`/api/v1/courses/${courseId}/questions`, q);
    expect(r.status).toBe(201);
    ids.push(r.body.id);
  }
  return ids;
}

async function enrolled(sessionId: string) {
  const u = await user();
  expect((await u.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})).status).toBe(201);
  return u;
}

const right = [{ kind: 'single', choiceId: 'b' }, { kind: 'true_false', value: false }, { kind: 'numeric', value: 1499 }];

describe('question bank', () => {
  it('refuses a question whose correct answer is not among its choices, naming the field in French', async () => {
    const { courseId } = await course();
    const r = await admin.post(`/api/v1/courses/${courseId}/questions`, { ...Q_SINGLE, spec: { ...Q_SINGLE.spec, correct: 'z' } });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('La bonne réponse doit être un des choix proposés.');
  });
  it('is closed to a learner', async () => {
    const { courseId } = await course();
    const u = await user();
    expect((await u.client.get(`/api/v1/courses/${courseId}/questions`)).status).toBe(403);
  });
});

describe('graded quiz attempts', () => {
  it('scores on the server, stores each answer once, submits once, and enforces the attempt limit', async () => {
    const { courseId, sessionId } = await course();
    const ids = await bank(courseId);
    const quiz = await admin.post(`/api/v1/courses/${courseId}/quizzes`, {
      title: 'Évaluation',
      kind: 'graded',
      selection: { mode: 'fixed', questionIds: ids },
      maxAttempts: 1,
      passMarkPercent: 60,
    });
    expect(quiz.status).toBe(201);
    // A question of a fixed quiz cannot be deleted from under it.
    const del = await admin.delete(`/api/v1/questions/${ids[0]}`);
    expect(del.status).toBe(409);
    expect(del.body.message).toContain('« Évaluation »');
    const u = await enrolled(sessionId);

    const start = await u.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
    expect(start.status).toBe(201);
    expect(start.body.questions).toHaveLength(3);
    // Nothing in the question as sent gives the answer away.
    expect(JSON.stringify(start.body.questions)).not.toContain('correct');
    // Starting again resumes the same attempt.
    const again = await u.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(start.body.id);

    const attempt = start.body.id;
    const put = (qid: string, response: unknown) => u.client.put(`/api/v1/attempts/${attempt}/answers/${qid}`, { response });
    const first = await put(ids[0], { kind: 'single', choiceId: 'a' });
    expect(first.status).toBe(200);
    // Graded: no correction before submission.
    expect(first.body.correct).toBeUndefined();
    // Changing the answer replaces it; a retry of the same answer is harmless.
    expect((await put(ids[0], right[0])).status).toBe(200);
    expect((await put(ids[0], right[0])).status).toBe(200);
    expect((await put(ids[1], right[1])).status).toBe(200);
    expect((await put(ids[2], { kind: 'numeric', value: 1500 })).status).toBe(200);
    // A response of the wrong kind is bad input, in French.
    const wrongKind = await put(ids[2], { kind: 'short', text: '1499' });
    expect(wrongKind.status).toBe(400);
    const rows = await t.query('SELECT * FROM quiz_answer WHERE attempt_id = $1', [attempt]);
    expect(rows).toHaveLength(3);

    const [s1, s2] = await Promise.all([u.client.post(`/api/v1/attempts/${attempt}/submit`), u.client.post(`/api/v1/attempts/${attempt}/submit`)]);
    expect(s1.status).toBe(200);
    expect(s2.status).toBe(200);
    expect(s1.body.scorePercent).toBe(66.67);
    expect(s1.body.passed).toBe(true);
    expect(s2.body.submittedAt).toBe(s1.body.submittedAt);
    expect(s1.body.reviewShown).toBe(true);
    expect(s1.body.answers.find((a: { questionId: string }) => a.questionId === ids[2])).toMatchObject({ correct: false, expected: '1499' });
    const events = await t.query("SELECT * FROM audit_event WHERE action = 'quiz.attempt.submitted' AND object_id = $1", [attempt]);
    expect(events).toHaveLength(1);

    // After submission, answers are frozen.
    expect((await put(ids[2], right[2])).status).toBe(409);
    // The only attempt is used.
    const third = await u.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
    expect(third.status).toBe(409);
    expect(third.body.message).toContain('unique tentative');
    const view = await u.client.get(`/api/v1/quizzes/${quiz.body.id}`);
    expect(view.body).toMatchObject({ canStart: false, attempts: [{ scorePercent: 66.67, passed: true }] });
  });

  it('refuses to start outside the window and to a learner not enrolled', async () => {
    const { courseId, sessionId } = await course();
    const ids = await bank(courseId);
    const quiz = await admin.post(`/api/v1/courses/${courseId}/quizzes`, {
      title: 'Évaluation fenêtrée',
      kind: 'graded',
      selection: { mode: 'fixed', questionIds: ids },
      opensAt: at(1),
      closesAt: at(2),
      timeLimitMinutes: 30,
    });
    expect(quiz.status).toBe(201);
    const stranger = await user();
    const refused = await stranger.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('Inscrivez-vous');

    const u = await enrolled(sessionId);
    const early = await u.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/^Ce quiz ouvre le/);

    const saved = clock;
    try {
      clock = new Date(saved.getTime() + 1.5 * DAY);
      const ok = await u.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
      expect(ok.status).toBe(201);
      expect(Date.parse(ok.body.deadlineAt) - clock.getTime()).toBe(30 * 60_000);
      // Past the time limit, answers are refused but the attempt can still be handed in.
      clock = new Date(clock.getTime() + 31 * 60_000);
      const late = await u.client.put(`/api/v1/attempts/${ok.body.id}/answers/${ids[0]}`, { response: right[0] });
      expect(late.status).toBe(409);
      expect((await u.client.post(`/api/v1/attempts/${ok.body.id}/submit`)).body.scorePercent).toBe(0);
      clock = new Date(saved.getTime() + 3 * DAY);
      const closed = await u.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
      expect(closed.status).toBe(409);
      expect(closed.body.message).toMatch(/^Ce quiz est fermé depuis le/);
    } finally {
      clock = saved;
    }
  });

  it('draws questions from the bank and shows the same ones on reload', async () => {
    const { courseId, sessionId } = await course();
    await bank(courseId);
    const quiz = await admin.post(`/api/v1/courses/${courseId}/quizzes`, { title: 'Tirage', kind: 'self_assessment', selection: { mode: 'draw', count: 2 } });
    expect(quiz.status).toBe(201);
    const tooMany = await admin.post(`/api/v1/courses/${courseId}/quizzes`, { title: 'Tirage', kind: 'self_assessment', selection: { mode: 'draw', count: 5 } });
    expect(tooMany.status).toBe(400);
    const u = await enrolled(sessionId);
    const a = await u.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
    expect(a.body.questions).toHaveLength(2);
    const reload = await u.client.get(`/api/v1/attempts/${a.body.id}`);
    expect(reload.body.questions).toEqual(a.body.questions);
  });
});

describe('self-assessment', () => {
  it('gives feedback at once, allows unlimited attempts, and counts as passed once submitted', async () => {
    const { courseId, sessionId } = await course();
    const ids = await bank(courseId);
    const quiz = await admin.post(`/api/v1/courses/${courseId}/quizzes`, { title: 'Auto', kind: 'self_assessment', selection: { mode: 'fixed', questionIds: [ids[0]] } });
    const u = await enrolled(sessionId);
    const a = await u.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
    const r = await u.client.put(`/api/v1/attempts/${a.body.id}/answers/${ids[0]}`, { response: { kind: 'single', choiceId: 'a' } });
    expect(r.body).toMatchObject({ correct: false, points: 0, feedback: ['C’était la première session (2022).'], expected: '6' });
    expect(r.body.explanation).toContain('6 modules');

    const { passedQuizIds } = await import('./quiz-outcomes');
    expect(await passedQuizIds(t.platform.deps, u.id, [quiz.body.id])).toEqual(new Set());
    await u.client.post(`/api/v1/attempts/${a.body.id}/submit`);
    expect(await passedQuizIds(t.platform.deps.db, u.id, [quiz.body.id])).toEqual(new Set([quiz.body.id]));
    for (let i = 0; i < 3; i++) {
      const next = await u.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
      expect(next.status).toBe(201);
      await u.client.post(`/api/v1/attempts/${next.body.id}/submit`);
    }

    const { quizQuestionStats } = await import('./quiz-results');
    const stats = await quizQuestionStats(t.platform.deps.db, quiz.body.id);
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ attempts: 4, correctRate: 0 });
    expect(stats[0].distribution).toEqual(expect.arrayContaining([{ answer: 'a', label: '4', count: 1 }, { answer: '', label: 'Sans réponse', count: 3 }]));
    const http = await admin.get(`/api/v1/quizzes/${quiz.body.id}/results`);
    expect(http.status).toBe(200);
    expect((await u.client.get(`/api/v1/quizzes/${quiz.body.id}/results`)).status).toBe(403);
  });
});

describe('attestations', () => {
  it('are issued once on passing the final evaluation, verifiable without login, and shown revoked once revoked', async () => {
    const { courseId, sessionId } = await course();
    const ids = await bank(courseId);
    const final = await admin.post(`/api/v1/courses/${courseId}/quizzes`, {
      title: 'Évaluation finale',
      kind: 'graded',
      isFinal: true,
      selection: { mode: 'fixed', questionIds: ids },
      maxAttempts: 3,
      passMarkPercent: 100,
    });
    expect(final.status).toBe(201);
    const second = await admin.post(`/api/v1/courses/${courseId}/quizzes`, { title: 'Autre finale', kind: 'graded', isFinal: true, selection: { mode: 'fixed', questionIds: ids } });
    expect(second.status).toBe(409);

    const u = await enrolled(sessionId);
    // A failed attempt gives nothing.
    const a1 = await u.client.post(`/api/v1/quizzes/${final.body.id}/attempts`);
    const s1 = await u.client.post(`/api/v1/attempts/${a1.body.id}/submit`);
    expect(s1.body).toMatchObject({ passed: false, attestationCode: null });

    const pass = async () => {
      const a = await u.client.post(`/api/v1/quizzes/${final.body.id}/attempts`);
      for (const [i, qid] of ids.entries()) await u.client.put(`/api/v1/attempts/${a.body.id}/answers/${qid}`, { response: right[i] });
      return u.client.post(`/api/v1/attempts/${a.body.id}/submit`);
    };
    const s2 = await pass();
    expect(s2.body).toMatchObject({ passed: true, scorePercent: 100 });
    const code = s2.body.attestationCode as string;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    // Passing again does not issue a second one.
    await pass();
    expect(await t.query('SELECT * FROM attestation WHERE user_id = $1', [u.id])).toHaveLength(1);
    expect(await t.query("SELECT * FROM audit_event WHERE action = 'attestation.issued' AND actor_id = $1", [u.id])).toHaveLength(1);

    const mine = await u.client.get('/api/v1/me/attestations');
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0]).toMatchObject({ code, hours: 12, dpcReference: 'DPC-TEST-42', status: 'valide', verifyUrl: `${t.baseUrl}/verifier/${code}` });

    const pdf = await u.client.get(`/api/v1/attestations/${code}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(String(pdf.body).startsWith('%PDF')).toBe(true);
    const other = await user();
    expect((await other.client.get(`/api/v1/attestations/${code}/pdf`)).status).toBe(404);

    // Public verification: a fresh client with no session.
    const visitor = t.client();
    const pub = await visitor.get(`/api/v1/attestations/${code}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'valide', learnerName: 'Test Utilisateur', scorePercent: 100, hours: 12, dpcReference: 'DPC-TEST-42' });
    expect(JSON.stringify(pub.body)).not.toContain('@example.org');
    expect((await visitor.get(`/api/v1/attestations/${code.toLowerCase()}`)).status).toBe(200);
    const unknown = await visitor.get('/api/v1/attestations/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('introuvable');
    expect((await visitor.get('/api/v1/attestations/%3Cscript%3E')).status).toBe(404);

    // Revocation: not by the learner, yes by a teacher of the course, with a reason.
    expect((await u.client.post(`/api/v1/attestations/${code}/revocation`, { reason: 'Je veux' })).status).toBe(403);
    const teacher = await user([{ role: 'teacher', scope: courseId }]);
    expect((await teacher.client.post(`/api/v1/attestations/${code}/revocation`, { reason: '' })).status).toBe(400);
    const rev = await teacher.client.post(`/api/v1/attestations/${code}/revocation`, { reason: 'Fraude constatée' });
    expect(rev.status).toBe(200);
    const after = await visitor.get(`/api/v1/attestations/${code}`);
    expect(after.body).toMatchObject({ status: 'révoquée', revocationReason: 'Fraude constatée' });
    expect(await t.query("SELECT * FROM audit_event WHERE action = 'attestation.revoked' AND actor_id = $1", [teacher.id])).toHaveLength(1);
    const listed = await teacher.client.get(`/api/v1/courses/${courseId}/attestations`);
    expect(listed.body).toMatchObject([{ code, status: 'révoquée', learnerName: 'Test Utilisateur' }]);
    expect((await u.client.get(`/api/v1/courses/${courseId}/attestations`)).status).toBe(403);
    // The learner's own list shows it revoked too.
    expect((await u.client.get('/api/v1/me/attestations')).body[0].status).toBe('révoquée');
  });

  it('limits the public lookup so that codes cannot be scanned', async () => {
    const visitor = t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await visitor.get(`/api/v1/attestations/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ${String(i).padStart(2, '0')}`)).status);
    expect(statuses).toContain(404);
    expect(statuses.at(-1)).toBe(429);
    const limited = await visitor.get('/api/v1/attestations/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(limited.body.message).toMatch(/^Trop de tentatives/);
  });
});

describe('review settings', () => {
  it('hides the correction of a graded quiz until it closes when so set, and never shows another learner’s attempt', async () => {
    const { courseId, sessionId } = await course();
    const ids = await bank(courseId);
    const quiz = await admin.post(`/api/v1/courses/${courseId}/quizzes`, {
      title: 'Correction après fermeture',
      kind: 'graded',
      selection: { mode: 'fixed', questionIds: ids },
      closesAt: at(1),
      reviewMode: 'after_close',
    });
    const u = await enrolled(sessionId);
    const a = await u.client.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
    await u.client.put(`/api/v1/attempts/${a.body.id}/answers/${ids[0]}`, { response: right[0] });
    const done = await u.client.post(`/api/v1/attempts/${a.body.id}/submit`);
    expect(done.body).toMatchObject({ reviewShown: false, scorePercent: 33.33 });
    expect(done.body.answers[0].expected).toBeUndefined();
    const other = await enrolled(sessionId);
    expect((await other.client.get(`/api/v1/attempts/${a.body.id}`)).status).toBe(404);
    expect((await other.client.put(`/api/v1/attempts/${a.body.id}/answers/${ids[0]}`, { response: right[0] })).status).toBe(404);
    const saved = clock;
    try {
      clock = new Date(saved.getTime() + 2 * DAY);
      const later = await u.client.get(`/api/v1/attempts/${a.body.id}`);
      expect(later.body.reviewShown).toBe(true);
      expect(later.body.answers).toHaveLength(3);
    } finally {
      clock = saved;
    }
  });
});
