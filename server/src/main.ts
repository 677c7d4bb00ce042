import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config';
import { startPlatform } from './platform';

async function main(): Promise<void> {
  const started = Date.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config);
  const platform = await startPlatform(config);
  await platform.app.listen({ port: config.port, host: config.host });
  const engine = platform.deps.handle.engine === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL';
  if (cluster.isWorker) process.send?.({ ready: Date.now() - started });
  else console.log(`Palliance prête sur ${config.publicUrl} en ${Date.now() - started} ms — base : ${engine}`);
  if (platform.deps.catcher) console.log(`Courriels de développement : ${config.publicUrl}/dev/courriels (SMTP local ${platform.deps.catcher.url})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} reçu : arrêt propre…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Several HTTP processes on one port (node:cluster): each opens its own pool to PostgreSQL and
 * keeps its own caches. The first start (migrations, reference data) is done by the first worker
 * before the others are forked; a worker that dies is replaced.
 */
async function runPrimary(config: Config): Promise<void> {
  const started = Date.now();
  let stopping = false;
  const fork = () =>
    new Promise<void>((resolve, reject) => {
      const worker = cluster.fork();
      let ready = false;
      worker.once('message', () => {
        ready = true;
        resolve();
      });
      worker.once('exit', (code) => {
        // Only a worker that had started is replaced: one that cannot start stops the platform.
        if (ready && !stopping) {
          console.error(`Processus ${worker.process.pid} arrêté (code ${code}) : relance.`);
          fork().catch((err: Error) => console.error(`Relance impossible : ${err.message}`));
        }
        if (!ready) reject(new Error(`un processus n'a pas pu démarrer (code ${code})`));
      });
    });
  await fork();
  await Promise.all(Array.from({ length: config.workers - 1 }, fork));
  console.log(`Palliance prête sur ${config.publicUrl} en ${Date.now() - started} ms — ${config.workers} processus, base : PostgreSQL`);
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill(signal);
    setTimeout(() => process.exit(0), 10_000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  console.error('Démarrage impossible :', err instanceof Error ? err.message : err);
  process.exit(1);
});
