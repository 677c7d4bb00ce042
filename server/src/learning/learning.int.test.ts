import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';

// A fixed clock: the sessions below are placed around it.
const NOW = new Date('2026-11-22T10:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

let t: TestPlatform;
let admin: TestClient;
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => NOW });
  const a = await createUser(t, { email: 'admin-cours@example.org', roles: [{ role: 'admin' }] });
  admin = await signIn(a);
});
afterAll(async () => t?.stop());

async function signIn(u: { email: string; password: string }): Promise<TestClient> {
  const c = t.client();
  const res = await c.login(u.email, u.password);
  expect(res.status).toBe(200);
  return c;
}

async function learner(opts: { profession?: string; departement?: string; email?: string; roles?: { role: string; scope?: string | null }[] } = {}) {
  n += 1;
  const u = await createUser(t, { email: opts.email ?? `apprenant${n}@example.org`, profession: opts.profession, departement: opts.departement, roles: opts.roles });
  return { ...u, client: await signIn(u) };
}

const courseBody = (over: Record<string, unknown> = {}) => {
  n += 1;
  return { slug: `cours-test-${n}`, title: `Cours test ${n}`, kind: 'mooc', summary: 'Résumé', description: 'Description', estimatedHoursPerWeek: 1, status: 'published', ...over };
};

const openSession = (over: Record<string, unknown> = {}) => ({
  title: 'Session test',
  registrationOpensAt: at(-10),
  registrationClosesAt: at(10),
  startsAt: at(3),
  endsAt: at(45),
  ...over,
});

/** A published course with one session; returns the course and session ids. */
async function courseWithSession(course: Record<string, unknown> = {}, session: Record<string, unknown> = {}) {
  const c = await admin.post('/api/v1/courses', courseBody(course));
  expect(c.status).toBe(201);
  const s = await admin.post(`/api/v1/courses/${c.body.id}/sessions`, openSession(session));
  expect(s.status).toBe(201);
  return { courseId: c.body.id as string, sessionId: s.body.sessionId as string };
}

describe('authoring courses', () => {
  it('lets an admin build a course whose modules open week after week, and lists it with its open session', async () => {
    const c = await admin.post('/api/v1/courses', courseBody({ title: 'MOOC rythme hebdomadaire' }));
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ kind: 'mooc', status: 'published', mayEdit: true, modules: [], sessions: [] });
    const id = c.body.id;
    for (const title of ['Les soins palliatifs', 'La douleur']) expect((await admin.post(`/api/v1/courses/${id}/modules`, { title })).status).toBe(201);
    const s = await admin.post(`/api/v1/courses/${id}/sessions`, openSession({ startsAt: '2026-11-30T08:00:00+01:00', seatCap: 50 }));
    expect(s.status).toBe(201);
    // A module added after the session gets its date too.
    const third = await admin.post(`/api/v1/courses/${id}/modules`, { title: 'Autres symptômes' });
    const lessonRes = await admin.post(`/api/v1/modules/${third.body.modules[2].id}/lessons`, { title: 'Moment du mourir' });
    expect(lessonRes.status).toBe(201);
    const teacherRes = await admin.post(`/api/v1/courses/${id}/teachers`, { displayName: 'Dr Test (démo)', profession: 'Médecin', structure: 'EMSP test' });
    expect(teacherRes.status).toBe(201);

    const detail = await t.client().get(`/api/v1/courses/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.modules.map((m: { opensAt: string }) => m.opensAt)).toEqual(['2026-11-30T07:00:00.000Z', '2026-12-07T07:00:00.000Z', '2026-12-14T07:00:00.000Z']);
    expect(detail.body.modules[2].lessons).toEqual([expect.objectContaining({ position: 1, title: 'Moment du mourir' })]);
    expect(detail.body.teachers).toEqual([expect.objectContaining({ displayName: 'Dr Test (démo)', structure: 'EMSP test' })]);
    expect(detail.body).toMatchObject({ mayEdit: false, spocAccess: null, sessionId: s.body.sessionId });

    const list = await t.client().get('/api/v1/courses');
    const listed = list.body.find((x: { id: string }) => x.id === id);
    expect(listed.openSessions).toEqual([expect.objectContaining({ registration: 'open', seatCap: 50, enrolledCount: 0 })]);
    const audit = await t.query<{ action: string }>("SELECT action FROM audit_event WHERE object_id = $1 AND action LIKE 'course.%' ORDER BY id", [id]);
    expect(audit.map((a) => a.action)).toEqual(['course.created', 'course.module_added', 'course.module_added', 'course.module_added', 'course.lesson_added', 'course.teacher_added']);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = await t.client().get('/api/docs/json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/courses', '/api/v1/courses/{id}', '/api/v1/sessions/{id}/enrolment', '/api/v1/me/enrolments']));
  });

  it('answers 400 naming the field for bad input, and 409 for a slug already taken', async () => {
    const spoc = await admin.post('/api/v1/courses', courseBody({ kind: 'spoc' }));
    expect(spoc.status).toBe(400);
    expect(spoc.body.field).toBe('spocAccess');
    const slug = await admin.post('/api/v1/courses', courseBody({ slug: 'Pas Valide' }));
    expect(slug).toMatchObject({ status: 400, body: { field: 'slug' } });
    const c = await admin.post('/api/v1/courses', courseBody());
    const again = await admin.post('/api/v1/courses', courseBody({ slug: c.body.slug }));
    expect(again).toMatchObject({ status: 409, body: { field: 'slug' } });
    const dates = await admin.post(`/api/v1/courses/${c.body.id}/sessions`, openSession({ endsAt: at(1) }));
    expect(dates).toMatchObject({ status: 400, body: { field: 'endsAt' } });
  });

  it('refuses a learner, a visitor and the teacher of another course; lets the teacher of this course edit it', async () => {
    const { courseId } = await courseWithSession();
    const { courseId: otherId } = await courseWithSession();
    const l = await learner();
    expect((await l.client.post('/api/v1/courses', courseBody())).status).toBe(403);
    expect((await t.client().post('/api/v1/courses', courseBody())).status).toBe(401);

    const other = await learner({ roles: [{ role: 'teacher', scope: otherId }] });
    const edit = courseBody({ title: 'Titre changé' });
    expect((await other.client.put(`/api/v1/courses/${courseId}`, edit)).status).toBe(403);
    expect((await other.client.post(`/api/v1/courses/${courseId}/modules`, { title: 'Intrus' })).status).toBe(403);

    const mine = await learner({ roles: [{ role: 'teacher', scope: courseId }] });
    const ok = await mine.client.put(`/api/v1/courses/${courseId}`, edit);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ title: 'Titre changé', mayEdit: true });
    expect((await mine.client.post(`/api/v1/courses/${courseId}/modules`, { title: 'Module 1' })).status).toBe(201);
    expect((await mine.client.post('/api/v1/courses', courseBody())).status).toBe(403);
  });

  it('hides a draft course from learners', async () => {
    const { courseId, sessionId } = await courseWithSession({ status: 'draft' });
    const l = await learner();
    expect((await l.client.get(`/api/v1/courses/${courseId}`)).status).toBe(404);
    expect((await l.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})).status).toBe(404);
    expect((await l.client.get('/api/v1/courses')).body.some((c: { id: string }) => c.id === courseId)).toBe(false);
    expect((await admin.get(`/api/v1/courses/${courseId}`)).status).toBe(200);
  });
});

describe('enrolment', () => {
  it('is open only inside the registration window, and needs a signed-in user', async () => {
    const { courseId } = await courseWithSession();
    const early = await admin.post(`/api/v1/courses/${courseId}/sessions`, openSession({ title: 'Plus tard', registrationOpensAt: '2026-12-01T08:00:00+01:00', registrationClosesAt: at(30), startsAt: at(40), endsAt: at(80) }));
    const late = await admin.post(`/api/v1/courses/${courseId}/sessions`, openSession({ title: 'Passée', registrationOpensAt: at(-60), registrationClosesAt: '2026-11-20T00:00:00+01:00', startsAt: at(-50), endsAt: at(-5) }));
    const l = await learner();
    expect((await t.client().post(`/api/v1/sessions/${early.body.sessionId}/enrolment`, {})).status).toBe(401);
    const before = await l.client.post(`/api/v1/sessions/${early.body.sessionId}/enrolment`, {});
    expect(before.status).toBe(409);
    expect(before.body).toMatchObject({ code: 'registration_not_open', field: 'registrationOpensAt' });
    expect(before.body.message).toContain('ouvrent le 1 décembre 2026');
    const after = await l.client.post(`/api/v1/sessions/${late.body.sessionId}/enrolment`, {});
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ code: 'registration_closed', field: 'registrationClosesAt' });
    expect(after.body.message).toContain('closes depuis le 20 novembre 2026');
    const unknown = await l.client.post('/api/v1/sessions/00000000-0000-4000-8000-000000000999/enrolment', {});
    expect(unknown.status).toBe(404);
  });

  it('lets into a SPOC by invitation code, by profession or by address list, and no one else', async () => {
    const { sessionId } = await courseWithSession({
      kind: 'spoc',
      spocAccess: { invitationCode: 'SPOC-TEST-2026', professions: ['pharmacien'], emails: ['liste@example.org'] },
    });
    const nurse = await learner({ profession: 'infirmier' });
    const noCode = await nurse.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {});
    expect(noCode).toMatchObject({ status: 403, body: { field: 'invitationCode' } });
    expect(noCode.body.message).toContain('accès restreint');
    const wrong = await nurse.client.post(`/api/v1/sessions/${sessionId}/enrolment`, { invitationCode: 'MAUVAIS' });
    expect(wrong).toMatchObject({ status: 403, body: { field: 'invitationCode' } });
    expect(wrong.body.message).toContain("code d'invitation n'est pas le bon");
    const right = await nurse.client.post(`/api/v1/sessions/${sessionId}/enrolment`, { invitationCode: 'spoc-test-2026' });
    expect(right).toMatchObject({ status: 201, body: { status: 'enrolled', sessionId } });

    const pharmacist = await learner({ profession: 'pharmacien' });
    expect((await pharmacist.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})).status).toBe(201);
    const listed = await learner({ profession: 'psychologue', email: 'liste@example.org' });
    expect((await listed.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})).status).toBe(201);
    const physio = await learner({ profession: 'masseur_kinesitherapeute' });
    expect((await physio.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})).status).toBe(403);
  });

  it('stores a second enrolment of the same user once and answers it again', async () => {
    const { sessionId } = await courseWithSession();
    const l = await learner();
    const first = await l.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {});
    const second = await l.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {});
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const [both] = await Promise.all([l.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {}), l.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})]);
    expect(both.body.id).toBe(first.body.id);
    const rows = await t.query('SELECT 1 FROM enrolment WHERE session_id = $1 AND user_id = $2', [sessionId, l.id]);
    expect(rows).toHaveLength(1);
    const audit = await t.query("SELECT 1 FROM audit_event WHERE action = 'session.enrolled' AND object_id = $1", [first.body.id]);
    expect(audit).toHaveLength(1);
  });

  it('puts learners on a waiting list when full, and gives a freed seat to the first in line, who is told by e-mail', async () => {
    const { courseId, sessionId } = await courseWithSession({ title: 'Cours à places limitées' }, { seatCap: 2, title: 'Session à 2 places' });
    const [a, b, c, d] = [await learner(), await learner({ profession: 'pharmacien', departement: '13' }), await learner(), await learner()];
    expect((await a.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})).body.status).toBe('enrolled');
    expect((await b.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})).body.status).toBe('enrolled');
    const cw = await c.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {});
    expect(cw).toMatchObject({ status: 201, body: { status: 'waiting', waitingRank: 1 } });
    expect((await d.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})).body).toMatchObject({ status: 'waiting', waitingRank: 2 });

    const out = await a.client.delete(`/api/v1/sessions/${sessionId}/enrolment`);
    expect(out).toMatchObject({ status: 200, body: { status: 'withdrawn', waitingRank: null } });
    const mail = await t.waitForMail(c.email, (m) => m.subject.includes('Une place'));
    expect(mail.subject).toContain('Cours à places limitées');
    expect(mail.text).toContain('Session à 2 places');
    expect(mail.text).toContain(`/se-former/cours/${courseId}`);

    const mine = await c.client.get('/api/v1/me/enrolments');
    expect(mine.body).toEqual([expect.objectContaining({ sessionId, courseId, status: 'enrolled', waitingRank: null })]);
    expect((await d.client.get('/api/v1/me/enrolments')).body[0]).toMatchObject({ status: 'waiting', waitingRank: 1 });
    expect((await a.client.get('/api/v1/me/enrolments')).body).toEqual([]);
    // Withdrawing twice: nothing left to withdraw.
    expect((await a.client.delete(`/api/v1/sessions/${sessionId}/enrolment`)).status).toBe(404);

    const audit = await t.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE action LIKE 'session.%' AND details->>'sessionId' = $1 ORDER BY id",
      [sessionId],
    );
    expect(audit.map((x) => x.action)).toEqual(['session.enrolled', 'session.enrolled', 'session.waitlisted', 'session.waitlisted', 'session.withdrawn', 'session.promoted']);

    // The teaching team sees who is in, with profession and department; a learner does not.
    const teacher = await learner({ roles: [{ role: 'teacher', scope: courseId }] });
    const view = await teacher.client.get(`/api/v1/sessions/${sessionId}/enrolments`);
    expect(view.status).toBe(200);
    // Enrolled first (by name), then the waiting list in order, then those who left.
    expect(view.body.map((e: { status: string }) => e.status)).toEqual(['enrolled', 'enrolled', 'waiting', 'withdrawn']);
    expect(view.body.slice(0, 2).map((e: { email: string }) => e.email).sort()).toEqual([b.email, c.email].sort());
    expect(view.body.slice(2).map((e: { email: string; waitingRank: number | null }) => [e.email, e.waitingRank])).toEqual([[d.email, 1], [a.email, null]]);
    expect(view.body.find((e: { email: string }) => e.email === b.email)).toMatchObject({ profession: 'pharmacien', departement: '13' });
    expect((await d.client.get(`/api/v1/sessions/${sessionId}/enrolments`)).status).toBe(403);
    const detail = await t.client().get(`/api/v1/courses/${courseId}`);
    expect(detail.body.sessions[0]).toMatchObject({ enrolledCount: 2, waitingCount: 1 });

    // A learner coming back after withdrawing joins the end of the line, in the same row.
    const back = await a.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {});
    expect(back.body).toMatchObject({ id: out.body.id, status: 'waiting', waitingRank: 2 });
  });

  it('gives the last seat to exactly one of two learners asking at the same moment', async () => {
    const { sessionId } = await courseWithSession({}, { seatCap: 1 });
    const [a, b] = [await learner(), await learner()];
    const answers = await Promise.all([a.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {}), b.client.post(`/api/v1/sessions/${sessionId}/enrolment`, {})]);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    expect(answers.map((r) => r.body.status).sort()).toEqual(['enrolled', 'waiting']);
    const rows = await t.query<{ status: string }>("SELECT status FROM enrolment WHERE session_id = $1 AND status = 'enrolled'", [sessionId]);
    expect(rows).toHaveLength(1);
  });
});
