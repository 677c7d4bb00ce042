import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from './client';

/** Where the numbered SQL files are: next to this file in source, copied beside the bundle in a build. */
export function migrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'migrations'), path.join(here, 'db', 'migrations')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`Migrations introuvables (cherchées dans ${candidates.join(', ')})`);
  return found;
}

export interface Migration {
  id: string;
  sql: string;
}

export function readMigrations(dir = migrationsDir()): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/**
 * Applies the migrations not yet applied, each in its own transaction.
 * A session-level advisory lock keeps two starting instances from migrating at once.
 */
export async function migrate(handle: DbHandle, migrations = readMigrations()): Promise<string[]> {
  return handle.withSession(async (s) => {
    const lockKey = 727_001;
    await s.query('SELECT pg_advisory_lock($1)', [lockKey]);
    try {
      await s.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
        id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await s.query<{ id: string }>('SELECT id FROM schema_migration')).map((r) => r.id));
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.id)) continue;
        try {
          await s.exec('BEGIN');
          await s.exec(m.sql);
          await s.query('INSERT INTO schema_migration (id) VALUES ($1)', [m.id]);
          await s.exec('COMMIT');
        } catch (err) {
          await s.exec('ROLLBACK').catch(() => {});
          throw new Error(`La migration ${m.id} a échoué : ${(err as Error).message}`, { cause: err });
        }
        applied.push(m.id);
      }
      return applied;
    } finally {
      await s.query('SELECT pg_advisory_unlock($1)', [lockKey]);
    }
  });
}
