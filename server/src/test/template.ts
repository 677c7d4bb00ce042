import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DbHandle } from '../db/client';
import { migrate, readMigrations } from '../db/migrate';
import { startJobQueue } from '../queue/job-queue';
import { loadStructureTypes } from '../directory/structure-types';
import { loadTerritory, territoryDatasetVersion } from '../territory/load-territory';

/**
 * One migrated database per test run (schema, all communes, the job-queue schema), copied for
 * each test file: PGlite from a dumped data folder, PostgreSQL with CREATE DATABASE ... TEMPLATE.
 */
export const engine = (): 'pglite' | 'postgres' => (process.env.PALLIANCE_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite');
export const adminUrl = () => process.env.PALLIANCE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** One template per migration set, so that checkouts with different migrations never share one. */
export const templateDb = () => `palliance_test_template_${templateKey()}`;

export function templateKey(): string {
  const h = createHash('sha256');
  for (const m of readMigrations()) h.update(m.id).update(m.sql);
  h.update(territoryDatasetVersion());
  h.update(fs.readFileSync(new URL('../directory/structure-types.json', import.meta.url)));
  return h.digest('hex').slice(0, 16);
}

export const pgliteTemplatePath = () => path.join(os.tmpdir(), `palliance-test-template-${templateKey()}.tar`);

async function prepare(handle: DbHandle): Promise<void> {
  await migrate(handle);
  await loadTerritory(handle);
  await loadStructureTypes(handle);
  const queue = await startJobQueue(handle);
  await queue.stop();
}

export async function buildPgliteTemplate(): Promise<string> {
  const file = pgliteTemplatePath();
  if (fs.existsSync(file)) return file;
  const handle = await openDatabase({});
  try {
    await prepare(handle);
    const blob = await handle.dumpDataDir!();
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file);
  } finally {
    await handle.close();
  }
  return file;
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function buildPostgresTemplate(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const key = templateKey();
    const TEMPLATE_DB = templateDb();
    const existing = await admin.query(
      "SELECT d.datname, shobj_description(d.oid, 'pg_database') AS note FROM pg_database d WHERE datname = $1",
      [TEMPLATE_DB],
    );
    if (existing.rows[0]?.note === key) return;
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    const handle = await openDatabase({ databaseUrl: withDb(adminUrl(), TEMPLATE_DB), poolMax: 2 });
    try {
      await prepare(handle);
    } finally {
      await handle.close();
    }
    await admin.query(`COMMENT ON DATABASE ${TEMPLATE_DB} IS '${key}'`);
  } finally {
    await admin.end();
  }
}

/** A fresh copy of the template for one test file. */
export async function openTestDatabase(opts: { dataDir?: string } = {}): Promise<{ handle: DbHandle; url?: string; drop: () => Promise<void> }> {
  if (engine() === 'pglite') {
    const file = process.env.PALLIANCE_TEST_TEMPLATE ?? pgliteTemplatePath();
    const handle = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(file)]), dataDir: opts.dataDir });
    return { handle, drop: () => handle.close() };
  }
  const name = `palliance_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  await admin.end();
  const url = withDb(adminUrl(), name);
  const handle = await openDatabase({ databaseUrl: url, poolMax: 5 });
  return {
    handle,
    url,
    drop: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
