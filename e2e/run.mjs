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
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'e2e', 'results');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const stepShots = process.env.E2E_SCREENSHOTS === '1';
const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(',').map((s) => s.trim()) : null;
const DEMO_PASSWORD = 'Palliance-demo-2026';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const BUDGET = { bytes: 500 * 1024, requests: 30 };
/** The demo EMSP of Montpellier (fixed id in the demo data); its manager is responsable@example.org. */
const DEMO_STRUCTURE = '00000000-0000-4000-8000-00000000a001';

/**
 * The next Saturday (or today if it is one) on the clock of Paris, as YYYY-MM-DD.
 * @param {Date} now
 */
function nextSaturday(now) {
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
function log(message) {
  process.stdout.write(`${message}\n`);
}

/** @returns {Promise<number>} */
function freePort() {
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
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls until `check` returns a truthy value.
 * @template T
 * @param {() => Promise<T>} check
 * @param {string} what
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
async function until(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
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
function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what} : attendu ${JSON.stringify(expected)}, obtenu ${JSON.stringify(actual)}`);
}

function buildWebIfMissing() {
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
async function startServer(port, mailPort, dataDir) {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'NODE_ENV', 'OIDC_ISSUER', 'HOST']) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    DATA_DIR: dataDir,
    MAIL_CATCHER_PORT: String(mailPort),
    LOG_LEVEL: 'warn',
    PUBLIC_URL: `http://localhost:${port}`,
    DEMO_DATA: 'true',
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
async function openPage(browser, base, viewport) {
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
async function shot(page, name) {
  if (!stepShots) return;
  fs.mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} email
 * @param {string} password
 */
async function login(page, email, password) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
const heading1 = (page, text) => page.getByRole('heading', { level: 1, name: text });

/** @typedef {{ browser: import('playwright-core').Browser, base: string, track: (p: import('playwright-core').Page) => void }} Ctx */

/** @type {{ id: string, name: string, run: (ctx: Ctx) => Promise<void> }[]} */
const journeys = [
  {
    id: '1',
    name: 'inscription, courriel de vérification, connexion, profil modifié, déconnexion',
    async run({ browser, base, track }) {
      const { context, page, problems } = await openPage(browser, base, DESKTOP);
      track(page);
      const email = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
      const password = 'Une phrase de passe assez longue';

      await page.goto('/inscription');
      await heading1(page, 'Créer un compte').waitFor();

      // An empty submit: errors are announced and focus lands on the first invalid field.
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByRole('alert').filter({ hasText: 'Le formulaire contient' }).waitFor();
      await until(
        () => page.evaluate(() => document.activeElement?.getAttribute('name') === 'email'),
        'le focus doit aller sur le premier champ en erreur (e-mail)',
      );
      await shot(page, '1-inscription-erreurs');

      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await page.getByLabel('Prénom').fill('Camille');
      await page.getByLabel('Nom', { exact: true }).fill('Essai');
      await page.getByLabel('Profession', { exact: true }).selectOption({ label: 'Infirmier(e)' });
      await page.getByRole('radio', { name: 'Libéral' }).check();
      const dep = page.getByLabel("Département d'exercice");
      await until(() => dep.locator('option[value="06"]').count(), 'liste des départements chargée');
      await dep.selectOption('06');
      await page.getByLabel('Numéro RPPS').fill('10001234567');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await heading1(page, 'Vérifiez votre boîte mail').waitFor();
      await shot(page, '1-inscription-envoyee');

      const link = await until(
        async () => {
          const res = await fetch(`${base}/api/v1/dev/mails?to=${encodeURIComponent(email)}`);
          if (!res.ok) return null;
          /** @type {{ text: string }[]} */
          const mails = await res.json();
          for (const m of mails) {
            const match = m.text.match(/https?:\/\/\S+\/verifier-email\?jeton=[^\s<>"]+/);
            if (match) return match[0];
          }
          return null;
        },
        'courriel de vérification reçu',
        20_000,
      );
      await page.goto(/** @type {string} */ (link));
      await page.getByText('Votre adresse e-mail est confirmée').waitFor();
      await shot(page, '1-adresse-verifiee');

      await page.getByRole('link', { name: 'Se connecter' }).click();
      await heading1(page, 'Connexion').waitFor();
      await login(page, email, password);
      await heading1(page, 'Mon compte').waitFor();
      assertEqual(new URL(page.url()).pathname, '/compte', 'page après connexion');

      await page.getByLabel('Profession', { exact: true }).selectOption('masseur_kinesitherapeute');
      await page.getByLabel("Département d'exercice").selectOption('73');
      await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
      await page.getByText('Votre profil est enregistré.').waitFor();
      await shot(page, '1-profil-enregistre');

      await page.reload();
      await heading1(page, 'Mon compte').waitFor();
      await until(async () => (await page.getByLabel("Département d'exercice").inputValue()) === '73', 'département 73 après rechargement');
      assertEqual(await page.getByLabel('Profession', { exact: true }).inputValue(), 'masseur_kinesitherapeute', 'profession après rechargement');
      await page.getByText('73 – Savoie').first().waitFor();

      await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('button', { name: 'Déconnexion' }).click();
      await page.getByText('Vous êtes déconnecté(e).').waitFor();
      await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Connexion' }).waitFor();
      await page.goto('/compte');
      await heading1(page, 'Connexion').waitFor();
      assertEqual(new URL(page.url()).searchParams.get('retour'), '/compte', 'retour après redirection');
      if (problems.length) throw new Error(problems.join('\n'));
      await context.close();
    },
  },
  {
    id: '2',
    name: "coordinatrice : accès refusé à l'administration ; administratrice : liste des utilisateurs",
    async run({ browser, base, track }) {
      const { context, page, problems } = await openPage(browser, base, DESKTOP);
      track(page);
      await page.goto('/connexion');
      await login(page, 'coordinatrice@example.org', DEMO_PASSWORD);
      await heading1(page, 'Mon compte').waitFor();
      const account = page.getByRole('navigation', { name: 'Mon espace' });
      await account.getByRole('link', { name: 'Mon compte' }).waitFor();
      assertEqual(await account.getByRole('link', { name: 'Administration' }).count(), 0, "lien Administration pour la coordinatrice");

      await page.goto('/admin/utilisateurs');
      await heading1(page, 'Accès refusé').waitFor();
      assertEqual((await page.request.get('/api/v1/admin/users')).status(), 403, "réponse de l'API admin pour la coordinatrice");
      await shot(page, '2-acces-refuse');

      await account.getByRole('button', { name: 'Déconnexion' }).click();
      await page.getByText('Vous êtes déconnecté(e).').waitFor();

      await page.goto(`/connexion?retour=${encodeURIComponent('/admin/utilisateurs')}`);
      await login(page, 'admin@example.org', DEMO_PASSWORD);
      await heading1(page, 'Utilisateurs').waitFor();
      await page.getByText(/\d+ utilisateurs trouvés/).waitFor();
      await page.getByText('coordinatrice@example.org').waitFor();
      await account.getByRole('link', { name: 'Administration' }).waitFor();
      await shot(page, '2-admin-utilisateurs');
      if (problems.length) throw new Error(problems.join('\n'));
      await context.close();
    },
  },
  {
    id: '3',
    name: 'annuaire sur téléphone : « bourg st maur » au clavier, Bourg-Saint-Maurice choisie avec flèche et Entrée, page « Qui appeler ? »',
    async run({ browser, base, track }) {
      const { context, page, problems } = await openPage(browser, base, PHONE);
      track(page);
      await page.goto('/annuaire');
      const input = page.getByRole('combobox', { name: 'Commune du patient' });

      // Escape closes the list without choosing.
      await input.focus();
      await page.keyboard.type('73700', { delay: 30 });
      await page.getByRole('option').first().waitFor();
      await page.keyboard.press('Escape');
      assertEqual(await input.getAttribute('aria-expanded'), 'false', 'liste refermée par Échap');

      await input.fill('');
      await page.keyboard.type('bourg st maur', { delay: 40 });
      const option = page.getByRole('option', { name: /^Bourg-Saint-Maurice \(73700\) – Savoie/ });
      await option.waitFor();
      assertEqual(await input.getAttribute('aria-expanded'), 'true', 'aria-expanded avec des résultats');
      await shot(page, '3-annuaire-resultats');

      const optionId = /** @type {string} */ (await option.getAttribute('id'));
      const count = await page.getByRole('option').count();
      for (let i = 0; i < count; i += 1) {
        await page.keyboard.press('ArrowDown');
        if ((await input.getAttribute('aria-activedescendant')) === optionId) break;
      }
      assertEqual(await input.getAttribute('aria-activedescendant'), optionId, 'option active après les flèches');
      assertEqual(await option.getAttribute('aria-selected'), 'true', 'aria-selected sur l’option active');
      await page.keyboard.press('Enter');

      // Choosing a commune opens its "Qui appeler ?" page, and focus moves to its heading.
      await heading1(page, 'Qui appeler pour Bourg-Saint-Maurice ?').waitFor();
      assertEqual(new URL(page.url()).pathname, '/annuaire/communes/73054', 'adresse de la page de la commune');
      await page.getByText('73 – Savoie').waitFor();
      await until(() => page.evaluate(() => document.activeElement?.tagName === 'H1'), 'le focus doit aller sur le titre de la page');
      await shot(page, '3-annuaire-commune');
      if (problems.length) throw new Error(problems.join('\n'));
      await context.close();
    },
  },
  {
    id: '4',
    name: `budget par écran : au plus ${BUDGET.requests} requêtes et ${BUDGET.bytes / 1024} Ko transférés`,
    async run({ browser, base, track }) {
      const screens = [
        { path: '/', as: null },
        { path: '/annuaire', as: null },
        { path: '/annuaire/communes/73054', as: null },
        { path: `/annuaire/structures/${DEMO_STRUCTURE}`, as: null },
        { path: '/annuaire/carte', as: null },
        { path: '/annuaire/structures/nouvelle', as: 'apprenante@example.org' },
        { path: `/annuaire/structures/${DEMO_STRUCTURE}/modifier`, as: 'responsable@example.org' },
        { path: '/annuaire', as: 'editeur@example.org' },
        { path: '/se-former', as: null },
        { path: '/connexion', as: null },
        { path: '/inscription', as: null },
        { path: '/compte', as: 'apprenante@example.org' },
        { path: '/admin/utilisateurs', as: 'admin@example.org' },
      ];
      /** @type {string[]} */
      const over = [];
      /** @type {string[]} */
      const lines = [];
      for (const screen of screens) {
        const { context, page, problems } = await openPage(browser, base, DESKTOP);
        track(page);
        if (screen.as) {
          const res = await context.request.post('/api/v1/auth/login', { data: { email: screen.as, password: DEMO_PASSWORD } });
          if (!res.ok()) throw new Error(`connexion de ${screen.as} : ${res.status()}`);
        }
        let requests = 0;
        /** @type {Promise<number>[]} */
        const sizes = [];
        page.on('requestfinished', (req) => {
          requests += 1;
          sizes.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
        });
        page.on('requestfailed', () => (requests += 1));
        await page.goto(screen.path, { waitUntil: 'networkidle' });
        await page.locator('h1').first().waitFor();
        const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
        const kb = Math.round(bytes / 1024);
        lines.push(`${screen.path} ${requests} req. ${kb} Ko`);
        if (requests > BUDGET.requests || bytes > BUDGET.bytes) over.push(`${screen.path} : ${requests} requêtes, ${kb} Ko`);
        if (problems.length) throw new Error(problems.join('\n'));
        await context.close();
      }
      log(`      ${lines.join(' · ')}`);
      if (over.length) throw new Error(`budget dépassé : ${over.join(' ; ')}`);
    },
  },
  {
    id: '5',
    name: 'infirmière sur téléphone, samedi 21 h : Bourg-Saint-Maurice, ligne de nuit du réseau de Haute-Tarentaise, fiche PDF téléchargée',
    async run({ browser, base, track }) {
      const { context, page, problems } = await openPage(browser, base, PHONE);
      track(page);
      await page.goto('/annuaire');
      await page.getByRole('combobox', { name: 'Commune du patient' }).fill('Bourg-Saint-Maurice');
      await page.getByRole('option', { name: /^Bourg-Saint-Maurice \(73700\)/ }).click();
      await heading1(page, 'Qui appeler pour Bourg-Saint-Maurice ?').waitFor();
      assertEqual(new URL(page.url()).pathname, '/annuaire/communes/73054', 'page de la commune');

      // Saturday, 21:00: the daytime secretariat is closed, the night / weekend line answers.
      const saturday = nextSaturday(new Date());
      await page.getByText('Voir à un autre moment', { exact: true }).click();
      await page.getByLabel('Date', { exact: true }).fill(saturday);
      await page.getByLabel('Heure', { exact: true }).fill('21:00');
      await page.getByRole('button', { name: 'Afficher ce moment' }).click();
      await until(async () => new URL(page.url()).searchParams.get('at') === `${saturday}T21:00`, 'moment choisi dans l’adresse (?at=)');
      await page.getByText(/Au moment choisi : samedi .* à 21 h 00/).waitFor();

      const card = page.locator('li.call-card', { hasText: 'Réseau de soins palliatifs de Haute-Tarentaise (démo)' });
      await card.waitFor();
      await card.getByText('Ligne de nuit / week-end / jours fériés').waitFor();
      await card.getByText('Fiche de démonstration').waitFor();
      const call = card.getByRole('link', { name: /01 99 00 07 80/ });
      assertEqual(await call.getAttribute('href'), 'tel:+33199000780', 'lien tel: de la ligne de nuit');
      await card.getByText(/jusqu’à lundi 8 h 00/).waitFor();
      const box = await call.boundingBox();
      if (!box || box.height < 44 || box.width < 200) throw new Error(`bouton d’appel trop petit pour un doigt : ${JSON.stringify(box)}`);

      // The "?" beside the type explains what a palliative-care network is.
      const help = page.getByRole('button', { name: /Qu’est-ce que : Réseau de soins palliatifs/ });
      await help.click();
      assertEqual(await help.getAttribute('aria-expanded'), 'true', 'description du type dépliée');
      await page.getByText(/Les réseaux coordonnent/).waitFor();
      await shot(page, '5-qui-appeler-samedi-21h');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Télécharger la fiche «\s*Qui appeler\s*\?\s*» \(PDF\)$/ }).click(),
      ]);
      const fileName = download.suggestedFilename();
      const file = await download.path();
      const head = file ? fs.readFileSync(file).subarray(0, 5).toString('latin1') : '';
      if (!fileName.endsWith('.pdf') || !head.startsWith('%PDF')) {
        throw new Error(
          `fiche PDF : nom « ${fileName} », premiers octets ${JSON.stringify(head)} — GET /api/v1/communes/73054/card.pdf ne renvoie pas un PDF (route absente du serveur ?)`,
        );
      }
      if (problems.length) throw new Error(problems.join('\n'));
      await context.close();
    },
  },
  {
    id: '6',
    name: 'fiche de structure : un visiteur signale une erreur, la responsable y répond et modifie la fiche (erreur annoncée, conflit de version)',
    async run({ browser, base, track }) {
      const visitor = await openPage(browser, base, PHONE);
      track(visitor.page);
      await visitor.page.goto(`/annuaire/structures/${DEMO_STRUCTURE}`);
      await heading1(visitor.page, 'Équipe mobile de soins palliatifs Montpellier (démo)').waitFor();
      await visitor.page.getByRole('heading', { name: 'Qui appeler maintenant' }).waitFor();
      await visitor.page.getByLabel('Ce qui est faux').selectOption('contacts');
      await visitor.page.getByLabel('Ce qu’il faudrait corriger').fill('Le secrétariat ferme à 17 h le vendredi.');
      await visitor.page.getByLabel('Votre adresse e-mail').fill('visiteur-e2e@example.org');
      await visitor.page.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await visitor.page.getByText('Merci : votre signalement est transmis').waitFor();
      if (visitor.problems.length) throw new Error(visitor.problems.join('\n'));
      await visitor.context.close();

      const { context, page, problems } = await openPage(browser, base, DESKTOP);
      track(page);
      const res = await context.request.post('/api/v1/auth/login', { data: { email: 'responsable@example.org', password: DEMO_PASSWORD } });
      if (!res.ok()) throw new Error(`connexion de la responsable : ${res.status()}`);
      await page.goto(`/annuaire/structures/${DEMO_STRUCTURE}`);
      const report = page.locator('li.report-item', { hasText: 'Le secrétariat ferme à 17 h le vendredi.' });
      await report.waitFor();
      await report.getByText('Répondre', { exact: true }).click();
      await report.getByRole('radio', { name: 'Corrigé' }).check();
      await report.getByLabel('Réponse', { exact: true }).fill('Horaires corrigés, merci.');
      await report.getByRole('button', { name: 'Enregistrer la réponse' }).click();
      await report.getByText('Réponse enregistrée.').waitFor();

      await page.getByRole('link', { name: 'Modifier', exact: true }).click();
      await heading1(page, 'Modifier la fiche').waitFor();
      const phone = page.getByLabel('Numéro de téléphone').first();
      await phone.fill('');
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await page.getByRole('alert').filter({ hasText: 'Le formulaire contient une erreur.' }).waitFor();
      await until(
        () => page.evaluate(() => document.activeElement?.getAttribute('data-field') === 'contacts.0.value'),
        'le focus doit aller sur le numéro vide (contacts.0.value)',
      );
      await page.getByText('Indiquez le numéro de téléphone.').waitFor();
      await phone.fill('01 99 00 03 42');

      // Someone else saves meanwhile: the form says so instead of overwriting.
      const current = await (await context.request.get(`/api/v1/structures/${DEMO_STRUCTURE}`)).json();
      const body = { ...current, coverage: { departements: current.coverage.departements, communes: current.coverage.communes.map((/** @type {{code: string}} */ c) => c.code) } };
      for (const k of ['id', 'parentName', 'communeName', 'departement', 'timeZone', 'status', 'isDemo', 'confirmedAt', 'toVerify', 'version', 'updatedAt', 'url']) delete body[k];
      const put = await context.request.put(`/api/v1/structures/${DEMO_STRUCTURE}?version=${current.version}`, { data: body });
      if (!put.ok()) throw new Error(`modification concurrente : ${put.status()}`);
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await page.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée entre-temps' }).waitFor();
      await page.getByRole('button', { name: 'Charger la version actuelle' }).click();
      await page.getByText(`version ${current.version + 1}.`).waitFor();
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await page.getByText(`Modifications enregistrées (version ${current.version + 2}).`).waitFor();
      assertEqual(new URL(page.url()).pathname, `/annuaire/structures/${DEMO_STRUCTURE}`, 'retour sur la fiche');
      await shot(page, '6-fiche-modifiee');
      if (problems.length) throw new Error(problems.join('\n'));
      await context.close();
    },
  },
];

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
