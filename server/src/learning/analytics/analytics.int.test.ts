import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../../test/harness';

// A small controlled course: exact figures, with their denominators, through HTTP.
const NOW = new Date('2026-11-22T10:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

let t: TestPlatform;
let admin: TestClient;
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => NOW });
  const a = await createUser(t, { email: 'admin-analytics@example.org', roles: [{ role: 'admin' }] });
  admin = t.client();
  expect((await admin.login(a.email, a.password)).status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
});

async function person(opts: { profession?: string; departement?: string; roles?: { role: string; scope?: string | null }[] } = {}) {
  n += 1;
  const u = await createUser(t, { email: `analytics${n}@example.org`, ...opts });
  const client = t.client();
  expect((await client.login(u.email, u.password)).status).toBe(200);
  return { id: u.id, client };
}

/** Two modules (lessons L1, L2 | L3), a session started 10 days ago: both modules open. */
async function course() {
  n += 1;
  const c = await admin.post('/api/v1/courses', { slug: `analytics-${n}`, title: `Cours analytique ${n}`, kind: 'mooc', estimatedHoursPerWeek: 1, status: 'published' });
  expect(c.status).toBe(201);
  const id = c.body.id as string;
  await admin.post(`/api/v1/courses/${id}/modules`, { title: 'La douleur' });
  const d = await admin.post(`/api/v1/courses/${id}/modules`, { title: 'L’accompagnement' });
  const [m1, m2] = d.body.modules.map((m: { id: string }) => m.id) as string[];
  const lessons: string[] = [];
  for (const [m, title] of [
    [m1, 'Évaluer la douleur'],
    [m1, 'Les opioïdes forts'],
    [m2, 'L’accompagnement relationnel'],
  ]) {
    const l = await admin.post(`/api/v1/modules/${m}/lessons`, { title, summary: '' });
    expect(l.status).toBe(201);
    lessons.push(l.body.modules.flatMap((mm: { lessons: { id: string; title: string }[] }) => mm.lessons).find((x: { title: string }) => x.title === title).id);
  }
  const s = await admin.post(`/api/v1/courses/${id}/sessions`, { title: 'S', registrationOpensAt: at(-20), registrationClosesAt: at(10), startsAt: at(-10), endsAt: at(45) });
  expect(s.status).toBe(201);
  return { id, sessionId: s.body.sessionId as string, lessons };
}

describe('course analytics', () => {
  let c: Awaited<ReturnType<typeof course>>;
  let teacher: TestClient;
  let learner: TestClient;

  beforeAll(async () => {
    c = await course();
    teacher = (await person({ roles: [{ role: 'teacher', scope: c.id }] })).client;
    const a = await person({ profession: 'infirmier', departement: '06' });
    const b = await person({ profession: 'infirmier', departement: '73' });
    const cc = await person({ profession: 'pharmacien', departement: '971' });
    const d = await person({ profession: 'medecin_generaliste', departement: '06' });
    const gone = await person({ profession: 'psychologue', departement: '75' });
    learner = a.client;
    for (const p of [a, b, cc, d, gone]) expect((await p.client.post(`/api/v1/sessions/${c.sessionId}/enrolment`, {})).status).toBe(201);
    // Withdrawn: not counted anywhere.
    expect((await gone.client.delete(`/api/v1/sessions/${c.sessionId}/enrolment`)).status).toBeLessThan(300);
    // Registration dates over two weeks.
    await t.query('UPDATE enrolment SET created_at = $2 WHERE user_id = $1', [a.id, '2026-11-10T09:00:00Z']);
    const visit = async (p: { client: TestClient }, lessons: string[]) => {
      for (const l of lessons) expect((await p.client.post(`/api/v1/lessons/${l}/visit`)).status).toBeLessThan(300);
    };
    await visit(a, c.lessons); // the whole course
    await visit(b, c.lessons.slice(0, 2)); // module 1
    await visit(cc, c.lessons.slice(0, 1));
    const th = await a.client.post(`/api/v1/courses/${c.id}/forum/threads`, { title: 'Bonjour', body: 'Présentation', moduleId: null, idempotencyKey: 'analytics-thread-1' });
    expect(th.status).toBe(201);
    const answer = async (p: { client: TestClient }, body: unknown) => expect((await p.client.post(`/api/v1/sessions/${c.sessionId}/satisfaction`, body)).status).toBe(201);
    await answer(a, { rating: 5, useful: true, wouldRecommend: true, comment: '=HYPERLINK("http://x";"clic")' });
    await answer(b, { rating: 4, useful: false, wouldRecommend: null });
    await answer(cc, { useful: true, wouldRecommend: false, comment: 'Très utile ; merci' });
  });

  it('is refused to a learner (403) and to a stranger (401)', async () => {
    expect((await learner.get(`/api/v1/courses/${c.id}/analytics`)).status).toBe(403);
    expect((await learner.get(`/api/v1/courses/${c.id}/analytics/professions.csv`)).status).toBe(403);
    expect((await t.client().get(`/api/v1/courses/${c.id}/analytics`)).status).toBe(401);
  });

  it('gives exact figures with their denominators to the teaching team', async () => {
    const r = await teacher.get(`/api/v1/courses/${c.id}/analytics?session=${c.sessionId}`);
    expect(r.status).toBe(200);
    const a = r.body;
    expect(a.enrolled).toBe(4);
    expect(a.registrations).toEqual([
      { period: '2026-11-09', count: 1, cumulative: 1 },
      { period: '2026-11-16', count: 3, cumulative: 4 },
    ]);
    expect(a.professions.map((p: { profession: string; share: unknown }) => [p.profession, p.share])).toEqual([
      ['infirmier', { count: 2, total: 4, rate: 0.5 }],
      ['medecin_generaliste', { count: 1, total: 4, rate: 0.25 }],
      ['pharmacien', { count: 1, total: 4, rate: 0.25 }],
    ]);
    expect(a.regions.map((x: { label: string; area: string; share: { count: number } }) => [x.label, x.area, x.share.count])).toEqual([
      ["Provence-Alpes-Côte d'Azur", 'France métropolitaine', 2],
      ['Auvergne-Rhône-Alpes', 'France métropolitaine', 1],
      ['Guadeloupe', 'Outre-mer', 1],
    ]);
    expect(a.departements[0]).toMatchObject({ code: '06', label: 'Alpes-Maritimes (06)', share: { count: 2, total: 4 } });
    expect(a.completion.course).toEqual({ count: 1, total: 4, rate: 0.25 });
    expect(a.completion.modules.map((m: { share: unknown }) => m.share)).toEqual([
      { count: 2, total: 4, rate: 0.5 },
      { count: 1, total: 4, rate: 0.25 },
    ]);
    expect(a.lessons.map((l: { title: string; viewers: { count: number; total: number } }) => [l.title, l.viewers.count, l.viewers.total])).toEqual([
      ['Évaluer la douleur', 3, 4],
      ['Les opioïdes forts', 2, 4],
      ['L’accompagnement relationnel', 1, 4],
    ]);
    expect(a.forum.totals).toEqual({ threads: 1, replies: 0, likes: 0 });
    // A non-answer is left out of that question's denominator.
    expect(a.satisfaction.respondents).toEqual({ count: 3, total: 4, rate: 0.75 });
    expect(a.satisfaction.rating).toMatchObject({ mean: 4.5, answered: 2 });
    expect(a.satisfaction.rating.distribution.find((d: { rating: number }) => d.rating === 5).count).toBe(1);
    expect(a.satisfaction.useful).toEqual({ count: 2, total: 3, rate: 0.6667 });
    expect(a.satisfaction.wouldRecommend).toEqual({ count: 1, total: 2, rate: 0.5 });
    expect(a.satisfaction.comments).toHaveLength(2);
  });

  it('shows quiz results per question', async () => {
    const q = await admin.post(`/api/v1/courses/${c.id}/questions`, { prompt: 'Le MOOC est gratuit.', tags: [], spec: { kind: 'true_false', correct: true } });
    expect(q.status).toBe(201);
    const quiz = await admin.post(`/api/v1/courses/${c.id}/quizzes`, { title: 'Auto-évaluation', kind: 'self_assessment', selection: { mode: 'fixed', questionIds: [q.body.id] } });
    expect(quiz.status).toBe(201);
    const att = await learner.post(`/api/v1/quizzes/${quiz.body.id}/attempts`);
    expect(att.status).toBeLessThan(300);
    await learner.put(`/api/v1/attempts/${att.body.id}/answers/${q.body.id}`, { response: { kind: 'true_false', value: true } });
    expect((await learner.post(`/api/v1/attempts/${att.body.id}/submit`)).status).toBeLessThan(300);
    const r = await teacher.get(`/api/v1/courses/${c.id}/analytics`);
    expect(r.body.quizzes[0]).toMatchObject({ title: 'Auto-évaluation', questions: [{ prompt: 'Le MOOC est gratuit.', attempts: 1, correctRate: 1 }] });
  });

  it('exports each table as CSV: semicolons, BOM, formulas neutralised', async () => {
    const r = await teacher.get(`/api/v1/courses/${c.id}/analytics/commentaires.csv?session=${c.sessionId}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toContain('attachment');
    // The BOM is checked on the raw bytes (a text decoder drops it).
    const raw = new Uint8Array(await (await fetch(`${t.baseUrl}/api/v1/courses/${c.id}/analytics/commentaires.csv`, { headers: { cookie: [...teacher.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = String(r.body);
    expect(text).toContain(`"'=HYPERLINK(""http://x"";""clic"")"`);
    expect(text).toContain('"Très utile ; merci"');
    const p = String((await teacher.get(`/api/v1/courses/${c.id}/analytics/professions.csv?session=${c.sessionId}`)).body);
    expect(p.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Profession;Nombre;Sur (dénominateur);%');
    expect(p).toContain('Infirmier(e);2;4;50');
    for (const table of ['inscriptions', 'regions', 'departements', 'completion', 'lecons', 'quiz', 'forum', 'satisfaction']) {
      expect((await teacher.get(`/api/v1/courses/${c.id}/analytics/${table}.csv`)).status).toBe(200);
    }
    const bad = await teacher.get(`/api/v1/courses/${c.id}/analytics/inconnu.csv`);
    expect(bad.status).toBe(400);
  });

  it('refuses a session of another course (400 in French)', async () => {
    const other = await course();
    const r = await teacher.get(`/api/v1/courses/${c.id}/analytics?session=${other.sessionId}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ field: 'session', message: "Cette session n'appartient pas à ce cours." });
  });
});

describe('satisfaction survey', () => {
  it('is answered once per learner and session; a retry gets the same answer', async () => {
    const c = await course();
    const p = await person();
    expect((await p.client.post(`/api/v1/sessions/${c.sessionId}/enrolment`, {})).status).toBe(201);
    expect((await p.client.get(`/api/v1/sessions/${c.sessionId}/satisfaction`)).body).toMatchObject({ offered: true, answer: null });
    const body = { rating: 4, useful: true, wouldRecommend: true, comment: 'Bien' };
    const [r1, r2] = await Promise.all([p.client.post(`/api/v1/sessions/${c.sessionId}/satisfaction`, body), p.client.post(`/api/v1/sessions/${c.sessionId}/satisfaction`, body)]);
    expect([r1.status, r2.status].sort()).toEqual([200, 201]);
    expect(r2.body).toEqual(r1.body);
    const other = await p.client.post(`/api/v1/sessions/${c.sessionId}/satisfaction`, { ...body, rating: 1 });
    expect(other.status).toBe(409);
    expect(other.body.message).toBe('Vous avez déjà répondu au questionnaire de satisfaction de cette session.');
    const [{ n: rows }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM course_satisfaction WHERE session_id = $1', [c.sessionId]);
    expect(rows).toBe(1);
    const [{ n: audits }] = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'course.satisfaction_answered' AND object_id = $1", [c.sessionId]);
    expect(audits).toBe(1);
    expect((await p.client.get(`/api/v1/sessions/${c.sessionId}/satisfaction`)).body).toMatchObject({ offered: false, answer: { rating: 4 } });
  });

  it('refuses bad answers with French messages naming the field', async () => {
    const c = await course();
    const p = await person();
    await p.client.post(`/api/v1/sessions/${c.sessionId}/enrolment`, {});
    const six = await p.client.post(`/api/v1/sessions/${c.sessionId}/satisfaction`, { rating: 6 });
    expect(six.status).toBe(400);
    expect(six.body).toMatchObject({ field: 'rating', message: 'La note doit être comprise entre 1 et 5.' });
    const half = await p.client.post(`/api/v1/sessions/${c.sessionId}/satisfaction`, { rating: 3.5 });
    expect(half.body).toMatchObject({ field: 'rating', message: 'La note doit être un nombre entier de 1 à 5.' });
    const yes = await p.client.post(`/api/v1/sessions/${c.sessionId}/satisfaction`, { useful: 'oui' });
    expect(yes.body).toMatchObject({ field: 'useful', message: 'Formation utile : répondez oui ou non.' });
    const empty = await p.client.post(`/api/v1/sessions/${c.sessionId}/satisfaction`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('Répondez à au moins une question (la note, par exemple).');
    const [{ n: rows }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM course_satisfaction WHERE session_id = $1', [c.sessionId]);
    expect(rows).toBe(0);
  });

  it('is closed to someone not enrolled (403) and before the last module opens', async () => {
    const c = await course();
    const p = await person();
    const r = await p.client.post(`/api/v1/sessions/${c.sessionId}/satisfaction`, { rating: 5 });
    expect(r.status).toBe(403);
    expect(r.body.message).toBe('Le questionnaire de satisfaction est réservé aux inscrits de cette session.');
    n += 1;
    const early = await admin.post(`/api/v1/courses/${c.id}/sessions`, { title: 'Plus tard', registrationOpensAt: at(-2), registrationClosesAt: at(10), startsAt: at(-1), endsAt: at(45) });
    expect((await p.client.post(`/api/v1/sessions/${early.body.sessionId}/enrolment`, {})).status).toBe(201);
    const st = await p.client.get(`/api/v1/sessions/${early.body.sessionId}/satisfaction`);
    expect(st.body).toMatchObject({ offered: false });
    expect((await p.client.post(`/api/v1/sessions/${early.body.sessionId}/satisfaction`, { rating: 5 })).status).toBe(403);
  });
});
