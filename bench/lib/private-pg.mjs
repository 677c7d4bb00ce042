// A PostgreSQL server of our own (initdb in a temporary folder, a free port), so a fault suite can
// stop and start "the database" without touching the machine's shared cluster.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server.mjs';

/** The bin folder of the installed PostgreSQL (newest version under /usr/lib/postgresql). */
function pgBin() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'pg_ctl'))) : [];
  if (versions.length === 0) throw new Error('pg_ctl introuvable sous /usr/lib/postgresql : installez PostgreSQL ou utilisez --cluster shared.');
  return path.join(base, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** PostgreSQL refuses to run as root: run its tools as the postgres user then. @param {string[]} argv */
function asPostgres(argv) {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...argv] : argv;
}

/** @param {string[]} argv */
const shellLine = (argv) => argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');

/**
 * Creates and starts a private cluster. Returns its admin URL, the shell commands that stop and
 * start it (what the suite runs, shown in its results), and dispose() which removes it.
 */
export async function startPrivatePostgres() {
  const bin = pgBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palliance-stress-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(dir, uid, gid);
  }
  const run = (/** @type {string[]} */ argv) => {
    const [cmd, ...args] = asPostgres(argv);
    execFileSync(cmd, args, { stdio: 'pipe' });
  };
  run([path.join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C.UTF-8']);
  const port = await freePort();
  const ctl = (/** @type {string} */ action) =>
    shellLine(
      asPostgres([
        path.join(bin, 'pg_ctl'),
        '-D',
        data,
        '-l',
        path.join(dir, 'postgres.log'),
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`,
        '-m',
        'fast',
        '-w',
        action,
      ]),
    );
  execFileSync('sh', ['-c', ctl('start')], { stdio: 'pipe' });
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stopCmd: ctl('stop'),
    startCmd: ctl('start'),
    restartCmd: ctl('restart'),
    async dispose() {
      try {
        execFileSync('sh', ['-c', ctl('stop')], { stdio: 'pipe' });
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
