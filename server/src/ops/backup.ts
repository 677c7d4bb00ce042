import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/client';

/**
 * A backup is a folder: manifest.json, the database (pg_dump custom format on PostgreSQL, the
 * PGlite data folder as a gzipped tarball on the embedded engine) and a copy of the files the
 * platform keeps beside its database (uploaded videos, documents, submissions).
 */
export interface BackupTarget {
  /** The platform's data folder (DATA_DIR). */
  dataDir: string;
  /** PostgreSQL when set; the embedded database in dataDir/pglite otherwise. */
  databaseUrl?: string;
}

export interface BackupManifest {
  format: 1;
  engine: 'pglite' | 'postgres';
  createdAt: string;
  migrations: string[];
  database: string;
  files: string[];
}

const PGLITE_DIR = 'pglite';
/** What is not copied with the files: the database itself and earlier backups. */
const NOT_FILES = new Set([PGLITE_DIR, `${PGLITE_DIR}.lock`, 'backups']);

export class BackupError extends Error {}

export async function backup(target: BackupTarget, outDir: string, now = new Date()): Promise<BackupManifest> {
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) throw new BackupError(`Le dossier ${outDir} n’est pas vide.`);
  fs.mkdirSync(outDir, { recursive: true });
  const engine = target.databaseUrl ? 'postgres' : 'pglite';
  let database: string;
  let migrations: string[];
  if (target.databaseUrl) {
    database = 'database.dump';
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-acl', `--file=${path.join(outDir, database)}`, target.databaseUrl]);
    migrations = await appliedMigrations(target);
  } else {
    database = 'database.tar.gz';
    const dir = path.join(target.dataDir, PGLITE_DIR);
    if (!fs.existsSync(dir)) throw new BackupError(`Aucune base embarquée dans ${dir}.`);
    // Refuses while the platform holds the folder (see pglite-lock.ts).
    const handle = await openDatabase({ dataDir: dir });
    try {
      migrations = (await handle.query<{ id: string }>('SELECT id FROM schema_migration ORDER BY id')).map((r) => r.id);
      const blob = await handle.dumpDataDir!();
      fs.writeFileSync(path.join(outDir, database), Buffer.from(await blob.arrayBuffer()));
    } finally {
      await handle.close();
    }
  }
  const files = copyFiles(target.dataDir, path.join(outDir, 'files'));
  const manifest: BackupManifest = { format: 1, engine, createdAt: now.toISOString(), migrations, database, files };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/**
 * Restores into an empty target: a PostgreSQL database with no table of ours, or a data folder with
 * no embedded database. With `force`, what is there is set aside (PGlite) or dropped (PostgreSQL).
 */
export async function restore(target: BackupTarget, fromDir: string, opts: { force?: boolean } = {}): Promise<BackupManifest> {
  const manifest = readManifest(fromDir);
  const engine = target.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.engine !== engine) {
    throw new BackupError(
      `Cette sauvegarde vient de ${manifest.engine === 'postgres' ? 'PostgreSQL' : 'la base embarquée'} ; ` +
        `la cible est ${engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'la base embarquée'}.`,
    );
  }
  if (target.databaseUrl) {
    const handle = await openDatabase({ databaseUrl: target.databaseUrl, poolMax: 1 });
    try {
      const [{ n }] = await handle.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' OR schemaname = 'pgboss'",
      );
      if (n > 0 && !opts.force) throw new BackupError('La base cible contient déjà des tables : videz-la ou relancez avec --force.');
      if (n > 0) await handle.exec('DROP SCHEMA IF EXISTS pgboss CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    } finally {
      await handle.close();
    }
    // --clean is not needed on an empty database; --exit-on-error keeps a failed restore visible.
    await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', `--dbname=${target.databaseUrl}`, path.join(fromDir, manifest.database)]);
  } else {
    const dir = path.join(target.dataDir, PGLITE_DIR);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      if (!opts.force) throw new BackupError(`La base embarquée ${dir} existe déjà : déplacez-la ou relancez avec --force.`);
      fs.renameSync(dir, `${dir}.avant-restauration-${Date.now()}`);
    }
    const blob = new Blob([fs.readFileSync(path.join(fromDir, manifest.database))]);
    const handle = await openDatabase({ dataDir: dir, loadDataDir: blob });
    await handle.close();
  }
  const files = path.join(fromDir, 'files');
  if (fs.existsSync(files)) fs.cpSync(files, target.dataDir, { recursive: true, force: true });
  return manifest;
}

export function readManifest(fromDir: string): BackupManifest {
  const file = path.join(fromDir, 'manifest.json');
  if (!fs.existsSync(file)) throw new BackupError(`${fromDir} n’est pas une sauvegarde Palliance (manifest.json absent).`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new BackupError(`Format de sauvegarde inconnu : ${String(manifest.format)}.`);
  return manifest;
}

async function appliedMigrations(target: BackupTarget): Promise<string[]> {
  const handle = await openDatabase({ databaseUrl: target.databaseUrl, poolMax: 1 });
  try {
    return (await handle.query<{ id: string }>('SELECT id FROM schema_migration ORDER BY id')).map((r) => r.id);
  } finally {
    await handle.close();
  }
}

function copyFiles(dataDir: string, to: string): string[] {
  const copied: string[] = [];
  if (!fs.existsSync(dataDir)) return copied;
  for (const entry of fs.readdirSync(dataDir)) {
    if (NOT_FILES.has(entry) || entry.startsWith(`${PGLITE_DIR}.`)) continue;
    fs.cpSync(path.join(dataDir, entry), path.join(to, entry), { recursive: true });
    copied.push(entry);
  }
  return copied;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) =>
      reject(new BackupError(`${cmd} introuvable (${err.message}) : installez le client PostgreSQL (paquet postgresql-client).`)),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} a échoué (code ${code}) : ${stderr.trim()}`))));
  });
}
