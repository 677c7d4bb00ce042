import { ConfigError, loadConfig } from './config';
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
  const platform = await startPlatform(config);
  await platform.app.listen({ port: config.port, host: config.host });
  const engine = platform.deps.handle.engine === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL';
  console.log(`Palliance prête sur ${config.publicUrl} en ${Date.now() - started} ms — base : ${engine}`);
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

main().catch((err) => {
  console.error('Démarrage impossible :', err instanceof Error ? err.message : err);
  process.exit(1);
});
