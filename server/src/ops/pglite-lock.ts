import fs from 'node:fs';

/**
 * PGlite keeps its data folder in one process: a second process opening it (a backup while the
 * platform runs) would corrupt it. A lock file beside the folder says who holds it.
 */
/** Folders this process holds: a lock file with our own pid but not listed here is stale (pid reused after a restart). */
const held = new Set<string>();

export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      held.add(file);
      return () => {
        held.delete(file);
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (holder === process.pid ? held.has(file) : isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      // The holder died without releasing it (killed): the lock is stale.
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, null);
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
  ) {
    super(
      `La base embarquée ${dataDir} est déjà ouverte${pid ? ` par le processus ${pid}` : ''}. ` +
        'Arrêtez la plateforme (ou l’autre commande) avant de recommencer.',
    );
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
