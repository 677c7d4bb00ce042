#!/usr/bin/env node
// npm run stress -- <fault> [options]: injects a fault into a running platform on PostgreSQL, checks
// what it guarantees, writes bench/results/stress-<fault>.json, prints a summary; exit 1 when a
// guarantee does not hold.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR, chooseServer, freshDatabase, serverCommand, serverLogSummary } from '../lib/server.mjs';
import { startPrivatePostgres } from '../lib/private-pg.mjs';
import { dbRestart, SHARED_CLUSTER } from './db-restart.mjs';
import { WRITE_KINDS } from './kinds.mjs';
import { killWrites } from './kill-writes.mjs';

const USAGE = `Usage : npm run stress -- <panne> [options]

Pannes :
  kill-writes   SIGKILL du serveur au milieu d'une rafale d'écritures, redémarrage, vérifications
  db-restart    arrêt et redémarrage de PostgreSQL sous charge : 503 pendant la coupure, reprise seule.
                Par défaut sur un PostgreSQL privé (initdb temporaire) ; --cluster shared arrête le
                cluster partagé de la machine (${SHARED_CLUSTER.restart}) : jamais en CI

Options communes :
  --pg-url URL       base d'administration (défaut $BENCH_PG_URL ou postgres://postgres@127.0.0.1:5432/postgres)
  --server S         auto (défaut), dist ou tsx
  --keep             garder la base après la mesure

kill-writes :
  --learners N       apprenants connectés par manche (défaut 200)
  --rounds K         arrêts brutaux (défaut 1)
  --concurrency C    requêtes simultanées (défaut 32)
  --writes W         au plus W écritures par manche (défaut : toutes celles préparées)
  --kinds K1,K2      types d'écriture (${WRITE_KINDS.map((k) => k.name).join(', ')})
  --seed S           ordre des écritures et moment de l'arrêt (défaut 1)

db-restart :
  --learners N       apprenants (défaut 40)
  --concurrency C    requêtes simultanées (défaut 8)
  --outage S         secondes entre l'arrêt et le redémarrage de PostgreSQL (défaut 3 ; 0 = "restart")
  --recover S        délai de reprise exigé après le retour de PostgreSQL (défaut 10)
  --cluster C        private (défaut : un PostgreSQL temporaire à nous) ou shared (celui de la machine)
`;

const log = (/** @type {string} */ msg) => console.log(`[stress] ${msg}`);

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      learners: { type: 'string' },
      rounds: { type: 'string', default: '1' },
      concurrency: { type: 'string' },
      writes: { type: 'string' },
      kinds: { type: 'string' },
      seed: { type: 'string', default: '1' },
      outage: { type: 'string', default: '3' },
      recover: { type: 'string', default: '10' },
      cluster: { type: 'string', default: 'private' },
      server: { type: 'string', default: 'auto' },
      'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const fault = positionals[0];
  if (values.help || positionals.length !== 1 || (fault !== 'kill-writes' && fault !== 'db-restart')) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const num = (/** @type {string} */ name, /** @type {string | undefined} */ v, /** @type {number} */ dflt, min = 1) => {
    if (v === undefined) return dflt;
    const x = Number(v);
    if (!Number.isFinite(x) || x < min) throw new Error(`--${name} doit être un nombre ≥ ${min} (reçu « ${v} »)`);
    return x;
  };
  if (values.server !== 'auto' && values.server !== 'dist' && values.server !== 'tsx') throw new Error('--server doit valoir auto, dist ou tsx');
  chooseServer(values.server);
  const cmd = serverCommand();
  log(`serveur : ${cmd.kind} (${cmd.why})`);
  if (values.cluster !== 'private' && values.cluster !== 'shared') throw new Error('--cluster doit valoir private ou shared');
  const privatePg = fault === 'db-restart' && values.cluster === 'private' ? await startPrivatePostgres() : null;
  if (privatePg) log(`PostgreSQL privé : ${privatePg.adminUrl}`);
  const db = await freshDatabase('postgres', `stress_${fault}`, privatePg?.adminUrl ?? values['pg-url'], values.keep);
  const logName = `stress-${fault}`;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.rmSync(path.join(RESULTS_DIR, `${logName}.server.log`), { force: true });
  let result;
  try {
    if (fault === 'kill-writes') {
      const names = values.kinds?.split(',').map((s) => s.trim()) ?? null;
      const kinds = names ? WRITE_KINDS.filter((k) => names.includes(k.name)) : WRITE_KINDS;
      if (names && kinds.length !== names.length) throw new Error(`--kinds : types connus ${WRITE_KINDS.map((k) => k.name).join(', ')}`);
      result = await killWrites({
        db,
        learners: num('learners', values.learners, 200),
        rounds: num('rounds', values.rounds, 1),
        concurrency: num('concurrency', values.concurrency, 32),
        maxWrites: values.writes ? num('writes', values.writes, 1) : null,
        seed: num('seed', values.seed, 1, 0),
        kinds,
        logName,
        log,
      });
    } else {
      result = await dbRestart({
        db,
        learners: num('learners', values.learners, 40),
        concurrency: num('concurrency', values.concurrency, 8),
        outageS: num('outage', values.outage, 3, 0),
        recoverS: num('recover', values.recover, 10),
        commands: privatePg ? { stop: privatePg.stopCmd, start: privatePg.startCmd, restart: privatePg.restartCmd } : SHARED_CLUSTER,
        logName,
        log,
      });
    }
  } finally {
    await db.dispose();
    await privatePg?.dispose();
  }
  const out = { ...result, at: new Date().toISOString(), server: cmd.kind, serverLog: serverLogSummary(logName) };
  const file = path.join(RESULTS_DIR, `stress-${fault}.json`);
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  log(`résultats : ${path.relative(process.cwd(), file)}`);
  if (result.ok) {
    log('toutes les garanties tiennent.');
    return 0;
  }
  log(`${result.violations.length} garantie(s) non tenue(s) :`);
  for (const v of result.violations.slice(0, 20)) log(`  - ${v}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[stress] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
