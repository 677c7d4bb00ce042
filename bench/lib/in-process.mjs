// The platform started inside the bench tool's own process (the TypeScript sources: run the tool
// with `node --import tsx`), for tools that measure CPU or wall time per request with app.inject.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './server.mjs';

/**
 * Starts the platform on `databaseUrl` without demo data, logging warnings only.
 * @param {string} databaseUrl
 * @returns {Promise<{ platform: any, config: any }>}
 */
export async function startInProcess(databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.LOG_LEVEL = 'warn';
  process.env.DEMO_DATA = 'false';
  const { loadConfig } = await import(pathToFileURL(path.join(ROOT, 'server/src/config.ts')).href);
  const { startPlatform } = await import(pathToFileURL(path.join(ROOT, 'server/src/platform.ts')).href);
  const config = loadConfig();
  const platform = await startPlatform(config, { webDir: null, logger: false });
  return { platform, config };
}
