import { seedDemoData } from '../db/seed/demo';
import { seedDemoCourses } from '../learning/demo-courses';
import { startTestPlatform, type TestPlatform } from './harness';

/** A platform holding the demo data and the demo courses, for the tests of what the demo adds on top of them. */
export async function startDemoCoursesPlatform(): Promise<TestPlatform> {
  const t = await startTestPlatform();
  try {
    await seedDemoData(t.platform.deps.handle);
    await seedDemoCourses(t.platform.deps.handle);
  } catch (err) {
    await t.stop();
    throw err;
  }
  return t;
}
