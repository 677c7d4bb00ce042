import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../db/client';
import { adminUrl, engine, openTestDatabase, pgliteTemplatePath } from '../test/template';
import { backup, BackupError, restore } from './backup';
import { DataDirLockedError } from './pglite-lock';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'palliance-backup-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function writeSomeData(handle: DbHandle, email: string): Promise<void> {
  await handle.query(
    `INSERT INTO app_user (email, first_name, last_name, profession, practice_mode) VALUES ($1, 'Jeanne', 'Sauvegarde', 'infirmier', 'liberal')`,
    [email],
  );
  await handle.query(`INSERT INTO audit_event (action, object_type, object_id) VALUES ('test.backup', 'user', $1)`, [email]);
}

/** Every table of ours with its row count: two databases with the same data give the same list. */
async function fingerprint(handle: DbHandle): Promise<Record<string, number>> {
  const tables = await handle.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const out: Record<string, number> = {};
  for (const { t } of tables) out[t] = (await handle.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`))[0].n;
  return out;
}

function dataDirWithFiles(name: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(path.join(dir, 'media', 'videos'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'media', 'videos', 'lecon.webm'), 'vidéo de test');
  return dir;
}

describe.runIf(engine() === 'pglite')('backup and restore on the embedded database', () => {
  it('restores a backup into a fresh data folder with the same rows and files', async () => {
    const dataDir = dataDirWithFiles('source');
    const handle = await openDatabase({ dataDir: path.join(dataDir, 'pglite'), loadDataDir: new Blob([fs.readFileSync(pgliteTemplatePath())]) });
    await writeSomeData(handle, 'sauvegarde@example.org');
    const before = await fingerprint(handle);

    // While the platform (here: this handle) holds the folder, a backup is refused, not corrupting.
    await expect(backup({ dataDir }, path.join(tmp, 'refused'))).rejects.toBeInstanceOf(DataDirLockedError);
    await handle.close();

    const out = path.join(tmp, 'backup-pglite');
    const manifest = await backup({ dataDir }, out);
    expect(manifest.engine).toBe('pglite');
    expect(manifest.migrations.length).toBeGreaterThan(5);
    expect(manifest.files).toEqual(['media']);

    const fresh = path.join(tmp, 'fresh');
    await restore({ dataDir: fresh }, out);
    expect(fs.readFileSync(path.join(fresh, 'media', 'videos', 'lecon.webm'), 'utf8')).toBe('vidéo de test');
    const restored = await openDatabase({ dataDir: path.join(fresh, 'pglite') });
    try {
      expect(await fingerprint(restored)).toEqual(before);
      const rows = await restored.query<{ last_name: string }>("SELECT last_name FROM app_user WHERE email = 'sauvegarde@example.org'");
      expect(rows).toEqual([{ last_name: 'Sauvegarde' }]);
    } finally {
      await restored.close();
    }

    // Restoring over an existing database needs --force, and keeps the old one aside.
    await expect(restore({ dataDir: fresh }, out)).rejects.toBeInstanceOf(BackupError);
    await restore({ dataDir: fresh }, out, { force: true });
    expect(fs.readdirSync(fresh).some((f) => f.startsWith('pglite.avant-restauration-'))).toBe(true);
  });

  it('runs from the command line: npm run db:backup then npm run db:restore', () => {
    const dataDir = path.join(tmp, 'source');
    const out = path.join(tmp, 'backup-cli');
    const root = path.resolve(import.meta.dirname, '..', '..', '..');
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const b = spawnSync('npm', ['run', '--silent', 'db:backup', '--', '--out', out], { cwd: root, env, encoding: 'utf8' });
    expect(b.status).toBe(0);
    expect(b.stdout).toContain('Sauvegarde base embarquée écrite');
    const r = spawnSync('npm', ['run', '--silent', 'db:restore', '--', out], { cwd: root, env: { ...env, DATA_DIR: path.join(tmp, 'cli-fresh') }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(tmp, 'cli-fresh', 'media', 'videos', 'lecon.webm'))).toBe(true);
    const again = spawnSync('npm', ['run', '--silent', 'db:restore', '--', out], { cwd: root, env: { ...env, DATA_DIR: path.join(tmp, 'cli-fresh') }, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('existe déjà');
  });
});

describe.runIf(engine() === 'postgres')('backup and restore on PostgreSQL', () => {
  it('restores a pg_dump backup into a fresh database with the same rows and files', async () => {
    const source = await openTestDatabase();
    cleanups.push(source.drop);
    await writeSomeData(source.handle, 'sauvegarde-pg@example.org');
    const before = await fingerprint(source.handle);
    const dataDir = dataDirWithFiles('source-pg');

    const out = path.join(tmp, 'backup-pg');
    const manifest = await backup({ dataDir, databaseUrl: source.url }, out);
    expect(manifest.engine).toBe('postgres');

    const name = `palliance_test_restore_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl());
    url.pathname = `/${name}`;
    cleanups.push(async () => {
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    });

    const fresh = path.join(tmp, 'fresh-pg');
    await restore({ dataDir: fresh, databaseUrl: url.toString() }, out);
    expect(fs.readFileSync(path.join(fresh, 'media', 'videos', 'lecon.webm'), 'utf8')).toBe('vidéo de test');
    const restored = await openDatabase({ databaseUrl: url.toString(), poolMax: 1 });
    try {
      expect(await fingerprint(restored)).toEqual(before);
      const rows = await restored.query<{ action: string }>("SELECT action FROM audit_event WHERE object_id = 'sauvegarde-pg@example.org'");
      expect(rows).toEqual([{ action: 'test.backup' }]);
    } finally {
      await restored.close();
    }
    // A second restore into the now full database is refused without --force, and works with it.
    await expect(restore({ dataDir: fresh, databaseUrl: url.toString() }, out)).rejects.toThrow(/--force/);
    await restore({ dataDir: fresh, databaseUrl: url.toString() }, out, { force: true });
  });

  it('refuses a backup of the other engine', async () => {
    await expect(restore({ dataDir: path.join(tmp, 'x') }, path.join(tmp, 'backup-pg'))).rejects.toThrow(/PostgreSQL/);
  });
});
