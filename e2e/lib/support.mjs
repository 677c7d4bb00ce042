// Shared helpers of the end-to-end journeys (see e2e/run.mjs).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';


export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = path.join(root, 'e2e', 'results');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const stepShots = process.env.E2E_SCREENSHOTS === '1';
export const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(',').map((s) => s.trim()) : null;
export const DEMO_PASSWORD = 'Palliance-demo-2026';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };
export const BUDGET = { bytes: 500 * 1024, requests: 30 };
/** The demo EMSP of Montpellier (fixed id in the demo data); its manager is responsable@example.org. */
export const DEMO_STRUCTURE = '00000000-0000-4000-8000-00000000a001';

/**
 * The next Saturday (or today if it is one) on the clock of Paris, as YYYY-MM-DD.
 * @param {Date} now
 */
export function nextSaturday(now) {
  for (let i = 0; i < 7; i += 1) {
    const day = new Date(now.getTime() + i * 86_400_000);
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' })
        .formatToParts(day)
        .map((p) => [p.type, p.value]),
    );
    if (parts.weekday === 'Sat') return `${parts.year}-${parts.month}-${parts.day}`;
  }
  throw new Error('aucun samedi dans les 7 jours');
}

/** @param {string} message */
export function log(message) {
  process.stdout.write(`${message}\n`);
}

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls until `check` returns a truthy value.
 * @template T
 * @param {() => Promise<T>} check
 * @param {string} what
 * @param {number} [timeout]
 * @returns {Promise<NonNullable<T>>}
 */
export async function until(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return /** @type {NonNullable<T>} */ (value);
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`Délai dépassé : ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
    await sleep(150);
  }
}

/**
 * @param {unknown} actual
 * @param {unknown} expected
 * @param {string} what
 */
export function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what} : attendu ${JSON.stringify(expected)}, obtenu ${JSON.stringify(actual)}`);
}

export function buildWebIfMissing() {
  if (fs.existsSync(path.join(root, 'web', 'dist', 'index.html'))) return;
  log('web/dist absent : construction du front (npm run build -w web)…');
  const result = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('La construction du front a échoué.');
}

/**
 * Starts the server in its own process group, so that stopping it stops everything it spawned.
 * @param {number} port
 * @param {number} mailPort
 * @param {string} dataDir
 */
export async function startServer(port, mailPort, dataDir) {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'NODE_ENV', 'OIDC_ISSUER', 'HOST']) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    DATA_DIR: dataDir,
    MAIL_CATCHER_PORT: String(mailPort),
    LOG_LEVEL: 'warn',
    PUBLIC_URL: `http://localhost:${port}`,
    DEMO_DATA: 'true',
    // Eighteen journeys sign in from one address within a couple of minutes; the per-address limit on
    // logins (10 a minute by default) is proven by its own integration test, not here.
    RATE_LIMIT_AUTH_PER_MINUTE: '600',
  });
  if (process.env.PALLIANCE_E2E_DATABASE_URL) env.DATABASE_URL = process.env.PALLIANCE_E2E_DATABASE_URL;

  // The same path as a newcomer's `npm start`: builds what is missing or stale, then runs the bundle.
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  let exited = false;
  child.on('exit', () => (exited = true));

  const base = `http://localhost:${port}`;
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`Le serveur s'est arrêté au démarrage :\n${output}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 180_000) {
      stop();
      throw new Error(`Le serveur n'a pas répondu sur /healthz en 180 s :\n${output}`);
    }
    await sleep(300);
  }

  function stop() {
    if (exited || child.pid === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => {
        try {
          process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
        } catch {
          // already gone
        }
        resolve(undefined);
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve(undefined);
      });
      try {
        process.kill(-(/** @type {number} */ (child.pid)), 'SIGTERM');
      } catch {
        clearTimeout(force);
        resolve(undefined);
      }
    });
  }

  return { base, stop, output: () => output, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

/**
 * A fresh browser context per journey: no shared cookies or cache.
 * Fails the journey on an uncaught script error or a content security policy violation.
 * @param {import('playwright-core').Browser} browser
 * @param {string} base
 * @param {{ width: number, height: number }} viewport
 */
export async function openPage(browser, base, viewport) {
  const context = await browser.newContext({ baseURL: base, viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (err) => problems.push(`erreur JavaScript : ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`CSP : ${msg.text()}`);
  });
  return { context, page, problems };
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
export async function shot(page, name) {
  if (!stepShots) return;
  fs.mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} email
 * @param {string} password
 */
export async function login(page, email, password) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} text
 */
export const heading1 = (page, text) => page.getByRole('heading', { level: 1, name: text });

/** @typedef {{ browser: import('playwright-core').Browser, base: string, track: (p: import('playwright-core').Page) => void }} Ctx */

/** @typedef {{ id: string, name: string, run: (ctx: Ctx) => Promise<void> }} Journey */
