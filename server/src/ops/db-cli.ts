/**
 * `npm run db:backup [-- --out <folder>]` and `npm run db:restore -- <folder> [--force]`, on the
 * database the platform's environment names (DATABASE_URL, or the embedded one in DATA_DIR).
 */
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { DataDirLockedError } from './pglite-lock';
import { backup, BackupError, restore } from './backup';

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const target = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };
  if (command === 'backup') {
    const i = rest.indexOf('--out');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const out = path.resolve(i >= 0 && rest[i + 1] ? rest[i + 1] : path.join(config.dataDir, 'backups', `palliance-${stamp}`));
    const m = await backup(target, out);
    console.log(`Sauvegarde ${m.engine === 'postgres' ? 'PostgreSQL' : 'base embarquée'} écrite dans ${out} (${m.migrations.length} migrations, fichiers : ${m.files.join(', ') || 'aucun'}).`);
    return;
  }
  if (command === 'restore') {
    const from = rest.find((a) => !a.startsWith('--'));
    if (!from) throw new BackupError('Indiquez le dossier de la sauvegarde : npm run db:restore -- <dossier> [--force]');
    const m = await restore(target, path.resolve(from), { force: rest.includes('--force') });
    console.log(`Sauvegarde du ${m.createdAt} restaurée (${m.engine === 'postgres' ? 'PostgreSQL' : 'base embarquée'}).`);
    return;
  }
  throw new BackupError('Commandes : backup [--out <dossier>] | restore <dossier> [--force]');
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const known = err instanceof BackupError || err instanceof ConfigError || err instanceof DataDirLockedError;
  console.error(known ? (err as Error).message : err);
  process.exit(1);
});
