import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS, DEMO_PASSWORD, seedDemoData } from '../../db/seed/demo';
import { startTestPlatform, type TestPlatform } from '../../test/harness';
import { seedDemoLessonContent } from '../content/demo-content';
import { seedDemoCourses } from '../demo-courses';
import { DEMO_ANALYTICS_LEARNER_COUNT, seedDemoLearners } from './demo-learners';

let t: TestPlatform;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palliance-demo-analytics-'));
  t = await startTestPlatform({ DATA_DIR: dataDir });
  await seedDemoData(t.platform.deps.handle);
  await seedDemoCourses(t.platform.deps.handle);
  await seedDemoLessonContent(t.platform.deps.handle, dataDir);
});
afterAll(async () => {
  await t?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('demo learners for the analytics', () => {
  it('loads once and gives the 2025 session the figures seed 000 reports', async () => {
    expect(await seedDemoLearners(t.platform.deps.handle)).toBe(true);
    expect(await seedDemoLearners(t.platform.deps.handle)).toBe(false);
    const [{ n }] = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM app_user WHERE email LIKE '%.demo@example.org' AND last_name LIKE '%(démo)'");
    expect(n).toBe(DEMO_ANALYTICS_LEARNER_COUNT);

    const teacher = t.client();
    expect((await teacher.login('enseignant@example.org', DEMO_PASSWORD)).status).toBe(200);
    const [session] = await t.query<{ id: string }>("SELECT id FROM course_session WHERE course_id = $1 AND title = 'Session 2025'", [DEMO_IDS.course]);
    const r = await teacher.get(`/api/v1/courses/${DEMO_IDS.course}/analytics?session=${session.id}`);
    expect(r.status).toBe(200);
    const a = r.body;
    expect(a.enrolled).toBe(DEMO_ANALYTICS_LEARNER_COUNT);
    expect(a.satisfaction.rating.mean).toBe(4.6);
    expect(Math.round(a.completion.course.rate * 100)).toBe(87);
    expect(a.satisfaction.useful).toMatchObject({ count: 84, total: 100 });
    expect(a.satisfaction.wouldRecommend).toMatchObject({ count: 79, total: 100 });
    expect(a.professions.length).toBeGreaterThan(5);
    expect(a.regions.some((x: { area: string }) => x.area === 'Outre-mer')).toBe(true);
    expect(a.quizzes.some((q: { questions: { attempts: number }[] }) => q.questions.some((qq) => qq.attempts > 0))).toBe(true);
    expect(a.lessons[0].viewers.count).toBeGreaterThanOrEqual(104);
  });
});
