// Steps of the learner's path shared by several journeys: registration (01, 17), a lesson video left
// and resumed (07, 17), the demo MOOC's final evaluation and its attestation (08, 17).
import { PHONE, until, openPage, heading1 } from './support.mjs';

/** The demo MOOC (fixed id in the demo data), its first video lesson and its final evaluation (server/src/learning/quiz/demo-quizzes.ts). */
export const DEMO_MOOC = '00000000-0000-4000-8000-00000000c001';
export const DEMO_MOOC_TITLE = 'MOOC soins palliatifs (démo)';
export const DEMO_LESSON = 'Soins palliatifs : droit des patients – sédation';
export const DEMO_FINAL = 'Évaluation finale (démo)';
const CHRONOLOGY = [
  'Première session (septembre 2022)',
  'Ouverture des inscriptions 2025 (24 février)',
  'Début des cours 2025 (22 avril)',
  'Fin des cours 2025 (15 juin)',
];

/**
 * Fills the registration form (already open) as a liberal nurse and submits it; resolves once the
 * page asks to check the mailbox.
 * @param {import('playwright-core').Page} page
 * @param {{ email: string, password: string, firstName: string, lastName: string, departement: string, rpps?: string }} who
 */
export async function registerLiberalNurse(page, who) {
  await page.getByLabel('Adresse e-mail').fill(who.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
  await page.getByLabel('Prénom').fill(who.firstName);
  await page.getByLabel('Nom', { exact: true }).fill(who.lastName);
  await page.getByLabel('Profession', { exact: true }).selectOption({ label: 'Infirmier(e)' });
  await page.getByRole('radio', { name: 'Libéral' }).check();
  const dep = page.getByLabel("Département d'exercice");
  await until(() => dep.locator(`option[value="${who.departement}"]`).count(), 'liste des départements chargée');
  await dep.selectOption(who.departement);
  if (who.rpps) await page.getByLabel('Numéro RPPS').fill(who.rpps);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await heading1(page, 'Vérifiez votre boîte mail').waitFor();
}

/**
 * Follows the link of the verification e-mail sent to `email` (read from the dev mail catcher).
 * @param {import('playwright-core').Page} page
 * @param {string} base
 * @param {string} email
 */
export async function confirmEmail(page, base, email) {
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
}

/** @param {import('playwright-core').Page} page */
const videoState = (page) =>
  page.evaluate(() => {
    const v = document.querySelector('video');
    return v ? { t: v.currentTime, ready: v.readyState, tracks: Array.from(v.querySelectorAll('track')).map((t) => t.getAttribute('srclang')) } : null;
  });

/**
 * Waits for the lesson's video to have its metadata.
 * @param {import('playwright-core').Page} page
 */
export const videoReady = (page) =>
  until(async () => {
    const s = await videoState(page);
    return s && s.ready >= 1 ? s : null;
  }, 'métadonnées de la vidéo chargées');

/**
 * Watches the video from `from` seconds for about 3 s (muted, as a browser allows without a gesture),
 * then pauses; returns where it stopped.
 * @param {import('playwright-core').Page} page
 * @param {number} from
 */
export async function watchVideo(page, from) {
  await page.evaluate(async (start) => {
    const v = /** @type {HTMLVideoElement} */ (document.querySelector('video'));
    v.muted = true;
    v.currentTime = start;
    await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
    await v.play();
  }, from);
  await page.waitForTimeout(3200);
  const watchedTo = await page.evaluate(() => {
    const v = /** @type {HTMLVideoElement} */ (document.querySelector('video'));
    v.pause();
    return v.currentTime;
  });
  if (watchedTo < from + 1.5) throw new Error(`la vidéo n’a pas avancé (position ${watchedTo} s)`);
  return watchedTo;
}

/**
 * Leaves the lesson for the demo MOOC's page (the player reports its position as the page goes) and
 * waits for the server to hold that position.
 * @param {import('playwright-core').Page} page
 * @param {number} watchedTo
 * @returns {Promise<{ positionSeconds: number, watchedPercent: number }>}
 */
export async function leaveLesson(page, watchedTo) {
  const lessonId = new URL(page.url()).pathname.split('/').pop();
  await page.getByRole('link', { name: 'Retour au cours' }).click();
  await heading1(page, DEMO_MOOC_TITLE).waitFor();
  return until(async () => {
    const p = await page.evaluate(async (id) => (await fetch(`/api/v1/lessons/${id}`)).json(), lessonId);
    const v = p.videoProgress?.[0];
    return v && Math.abs(v.positionSeconds - watchedTo) < 0.3 ? v : null;
  }, 'position enregistrée au départ de la leçon');
}

/**
 * Comes back through the course page's resume link, on a fresh page load: the player must be at the
 * stored second.
 * @param {import('playwright-core').Page} page
 * @param {{ positionSeconds: number }} stored
 */
export async function resumeLesson(page, stored) {
  await page.goto(`/se-former/cours/${DEMO_MOOC}`);
  await page.getByRole('link', { name: 'Reprendre là où je me suis arrêté(e)' }).click();
  await heading1(page, DEMO_LESSON).waitFor();
  const resumed = await until(async () => {
    const s = await videoState(page);
    return s && s.ready >= 1 && s.t > 0 ? s : null;
  }, 'vidéo replacée à la position enregistrée');
  if (Math.abs(resumed.t - stored.positionSeconds) > 0.5) throw new Error(`reprise à ${resumed.t} s au lieu de ${stored.positionSeconds} s`);
}

/**
 * From the course's quiz list, opens the final evaluation, starts an attempt and answers every
 * question right (the answers of server/src/learning/quiz/demo-quizzes.ts); does not submit.
 * @param {import('playwright-core').Page} page
 */
export async function answerFinalEvaluation(page) {
  await page.getByRole('link', { name: DEMO_FINAL }).click();
  await heading1(page, DEMO_FINAL).waitFor();
  await page.getByRole('button', { name: /^(Commencer|Reprendre ma tentative|Nouvelle tentative)$/ }).click();
  await page.getByRole('button', { name: 'Remettre mes réponses' }).waitFor();

  const q = (/** @type {number} */ i) => page.locator('fieldset.quiz-question').nth(i);
  await q(0).getByRole('radio', { name: '6 modules' }).check();
  for (const name of ['La douleur', 'La nutrition', 'La sédation']) await q(1).getByRole('checkbox', { name }).check();
  await q(2).getByRole('radio', { name: 'Faux' }).check();
  await q(3).getByLabel(/Votre réponse/).fill('1499');
  await q(4).getByLabel('Votre réponse').fill('Douleur');
  for (const [left, right] of [['Module 2', 'La douleur'], ['Module 3', 'Autres symptômes'], ['Module 5', 'L’accompagnement'], ['Module 6', 'Cas cliniques']]) {
    await q(5).getByLabel(left).selectOption({ label: right });
  }
  // Ordering with the keyboard-friendly buttons: bring each item up to its place.
  for (const [target, text] of CHRONOLOGY.entries()) {
    for (;;) {
      const items = await q(6).locator('ol.quiz-order > li > span:first-child').allTextContents();
      if (items.indexOf(text) === target) break;
      await q(6).getByRole('button', { name: `Monter « ${text} »` }).click();
    }
  }
  await q(7).getByRole('radio', { name: '87 %' }).check();
}

/**
 * From a passed quiz's result, opens "Mes attestations" and returns the first attestation's
 * verification code.
 * @param {import('playwright-core').Page} page
 */
export async function attestationCode(page) {
  await page.getByRole('link', { name: 'Voir mes attestations' }).click();
  await heading1(page, 'Mes attestations').waitFor();
  const code = (await page.locator('.quiz-dl code').first().textContent())?.trim() ?? '';
  if (!/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/.test(code)) throw new Error(`code de vérification inattendu : « ${code} »`);
  return code;
}

/**
 * A stranger scans the attestation's QR code: a fresh context on a phone (the caller closes it), no
 * account, no cookie; the attestation is valid and names its holder.
 * @param {import('./support.mjs').Ctx} ctx
 * @param {string} code
 * @param {string} holder
 */
export async function verifyAsStranger({ browser, base, track }, code, holder) {
  const stranger = await openPage(browser, base, PHONE);
  track(stranger.page);
  await stranger.page.goto(`/verifier/${code}`);
  await heading1(stranger.page, 'Vérification d’une attestation').waitFor();
  await stranger.page.getByText('Attestation valide.').waitFor();
  await stranger.page.getByText(holder).waitFor();
  return stranger;
}
