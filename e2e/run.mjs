#!/usr/bin/env node
// End-to-end journeys: builds the web app if needed, starts Palliance on a free port with a fresh data
// folder, drives Debian's Chromium through playwright-core, prints one line per journey and
// "N passed, N failed", and exits non-zero on any failure.
//
// Environment:
//   CHROMIUM_PATH                 browser to drive (default /usr/bin/chromium; never downloaded)
//   PALLIANCE_E2E_DATABASE_URL    run against this PostgreSQL instead of an embedded PGlite
//   E2E_SCREENSHOTS=1             also save a screenshot of each step in e2e/results/
//   E2E_ONLY=2                    run only the journeys whose number is listed (comma-separated)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root, resultsDir, chromiumPath, only, log, freePort, buildWebIfMissing, startServer } from './lib/support.mjs';
import journey1 from './journeys/01-inscription-profil.mjs';
import journey2 from './journeys/02-administration-refusee.mjs';
import journey3 from './journeys/03-recherche-commune.mjs';
import journey4 from './journeys/04-budget-ecrans.mjs';
import journey5 from './journeys/05-infirmiere-samedi-soir.mjs';
import journey6 from './journeys/06-fiche-signalement.mjs';
import journey12 from './journeys/12-demande-appui.mjs';

/** One file per journey in e2e/journeys/, run in this order. */
const journeys = [journey1, journey2, journey3, journey4, journey5, journey6, journey12];

async function main() {
  buildWebIfMissing();
  const [port, mailPort] = [await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palliance-e2e-'));
  /** @type {Awaited<ReturnType<typeof startServer>> | null} */
  let server = null;
  /** @type {import('playwright-core').Browser | null} */
  let browser = null;
  let passed = 0;
  let failed = 0;

  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));

  try {
    server = await startServer(port, mailPort, dataDir);
    log(`Serveur prêt sur ${server.base} en ${server.seconds} s`);
    if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium absent (${chromiumPath}) : apt-get install -y chromium`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    for (const journey of journeys) {
      if (only && !only.includes(journey.id)) continue;
      /** @type {import('playwright-core').Page | null} */
      let current = null;
      const started = Date.now();
      try {
        await journey.run({ browser, base: server.base, track: (p) => (current = p) });
        passed += 1;
        log(`PASS  Parcours ${journey.id} – ${journey.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed += 1;
        let where = '';
        if (current) {
          fs.mkdirSync(resultsDir, { recursive: true });
          const file = path.join(resultsDir, `echec-parcours-${journey.id}.png`);
          try {
            await /** @type {import('playwright-core').Page} */ (current).screenshot({ path: file, fullPage: true });
            where = ` [capture : ${path.relative(root, file)}]`;
          } catch {
            // the page may already be closed
          }
        }
        log(`FAIL  Parcours ${journey.id} – ${journey.name}${where}`);
        log(`      ${err instanceof Error ? err.message.split('\n').join('\n      ') : String(err)}`);
      }
    }
  } catch (err) {
    failed += 1;
    log(`FAIL  préparation : ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await cleanup();
  }
  log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

void main();
