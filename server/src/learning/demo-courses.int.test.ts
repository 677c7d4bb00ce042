import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS, DEMO_PASSWORD, seedDemoData } from '../db/seed/demo';
import { startTestPlatform, type TestPlatform } from '../test/harness';
import { DEMO_SPOC_CODE, DEMO_SPOC_ID, seedDemoCourses } from './demo-courses';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
  await seedDemoData(t.platform.deps.handle);
});
afterAll(async () => t?.stop());

describe('demo courses', () => {
  it('loads the MOOC of seed 000 and the SPOC of seed 001 once, with registration open', async () => {
    expect(await seedDemoCourses(t.platform.deps.handle)).toBe(true);
    expect(await seedDemoCourses(t.platform.deps.handle)).toBe(false);

    const list = await t.client().get('/api/v1/courses');
    expect(list.body.map((c: { id: string }) => c.id).sort()).toEqual([DEMO_IDS.course, DEMO_SPOC_ID]);
    for (const c of list.body) expect(c.openSessions[0].registration).toBe('open');

    const mooc = await t.client().get(`/api/v1/courses/${DEMO_IDS.course}`);
    expect(mooc.body.modules.map((m: { title: string }) => m.title)).toEqual(['Les soins palliatifs', 'La douleur', 'Autres symptômes', 'Le prendre soin', 'L’accompagnement', 'Cas cliniques']);
    expect(mooc.body.modules[1].lessons.map((l: { title: string }) => l.title)).toEqual(['La douleur en soins palliatifs', 'Les opioïdes forts en pratique']);
    expect(mooc.body.description).toContain('document source 000');
    expect(mooc.body.sessions.map((s: { title: string }) => s.title)).toEqual(['Session 2025', 'Session en cours (démo)']);
    // The running session started a week ago: modules 1 and 2 are open, the others not yet.
    const opened = mooc.body.modules.filter((m: { opensAt: string }) => Date.parse(m.opensAt) <= Date.now());
    expect(opened).toHaveLength(2);

    // The demo teacher is scoped to the MOOC and may edit it.
    const teacher = t.client();
    await teacher.login('enseignant@example.org', DEMO_PASSWORD);
    expect((await teacher.get(`/api/v1/courses/${DEMO_IDS.course}`)).body.mayEdit).toBe(true);
    expect((await teacher.get(`/api/v1/courses/${DEMO_SPOC_ID}`)).body.mayEdit).toBe(false);

    const learner = t.client();
    await learner.login('apprenante@example.org', DEMO_PASSWORD);
    const spoc = await learner.get(`/api/v1/courses/${DEMO_SPOC_ID}`);
    expect(spoc.body.modules).toHaveLength(6);
    expect(spoc.body.description).toContain(DEMO_SPOC_CODE);
    const session = spoc.body.sessions[0];
    expect(session.seatCap).toBe(30);
    expect((await learner.post(`/api/v1/sessions/${session.id}/enrolment`, {})).status).toBe(403);
    expect((await learner.post(`/api/v1/sessions/${session.id}/enrolment`, { invitationCode: DEMO_SPOC_CODE })).body.status).toBe('enrolled');
  });
});
