import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from './harness';

/** A client signed in as this user (the login must succeed). */
export async function signIn(t: TestPlatform, u: { email: string; password: string }): Promise<TestClient> {
  const client = t.client();
  expect((await client.login(u.email, u.password)).status).toBe(200);
  return client;
}

/**
 * A platform for the tests of a course's community (forum, groups): a fixed clock, a data folder named
 * after the test file, and an admin signed in. Stop it with stopAfterMails: these features send mail.
 */
export async function startCommunityPlatform(name: string, adminEmail: string, now: Date): Promise<{ t: TestPlatform; admin: TestClient }> {
  const t = await startTestPlatform({ DATA_DIR: path.join(os.tmpdir(), `palliance-${name}-${process.pid}`) }, { now: () => now });
  try {
    const a = await createUser(t, { email: adminEmail, roles: [{ role: 'admin' }] });
    return { t, admin: await signIn(t, a) };
  } catch (err) {
    await t.stop();
    throw err;
  }
}

/** Lets the queued mails go out before stopping, so no job is still running when the database closes. */
export async function stopAfterMails(t: TestPlatform | undefined): Promise<void> {
  for (let i = 0; i < 100 && t; i++) {
    const [{ n }] = await t.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail' AND state IN ('created', 'retry', 'active')");
    if (Number(n) === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await t?.stop();
}
