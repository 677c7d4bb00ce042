import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from './accounts/secrets';
import { DEMO_ACCOUNTS } from './db/seed/demo';
import { loadConfig } from './config';
import { startPlatform } from './platform';
import { engine, openTestDatabase } from './test/template';
import { DEMO_COMMUNITY_LEARNERS } from './learning/groups/demo-community';
import { DEMO_ANALYTICS_LEARNER_COUNT } from './learning/analytics/demo-learners';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palliance-restart-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the platform started twice on the same data', () => {
  it('keeps what was written and does not reload or reseed', async () => {
    // Prepare the data: the migrated template, unpacked into a real data folder or a server database.
    const prepared = await openTestDatabase({ dataDir: path.join(dir, 'pglite') });
    const url = prepared.url;
    if (engine() === 'pglite') await prepared.handle.close();
    const env = {
      NODE_ENV: 'test',
      PORT: '0',
      MAIL_CATCHER_PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
      DEMO_DATA: 'true',
      ...(url ? { DATABASE_URL: url } : {}),
    };
    const first = await startPlatform(loadConfig(env), { webDir: null, logger: false });
    const demo = await first.deps.handle.query<{ n: number }>("SELECT count(*)::int AS n FROM app_user WHERE email LIKE '%@example.org'");
    // The demo accounts, the fictional learners of the demo forum and groups, and those of the analytics.
    expect(demo[0].n).toBe(DEMO_ACCOUNTS.length + DEMO_COMMUNITY_LEARNERS.length + DEMO_ANALYTICS_LEARNER_COUNT);
    await first.deps.handle.query(
      "INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name, profession, practice_mode, departement) VALUES ('reste@example.org', now(), $1, 'R', 'R', 'infirmier', 'liberal', '06')",
      [await hashPassword('mot-de-passe-durable')],
    );
    await first.stop();

    const second = await startPlatform(loadConfig(env), { webDir: null, logger: false });
    try {
      const users = await second.deps.handle.query<{ email: string }>("SELECT email FROM app_user WHERE email = 'reste@example.org'");
      expect(users).toHaveLength(1);
      const seeds = await second.deps.handle.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'seed.demo_account'");
      expect(seeds[0].n).toBe(DEMO_ACCOUNTS.length);
      const res = await second.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
    } finally {
      await second.stop();
      await prepared.drop().catch(() => {});
    }
  }, 180_000);
});
