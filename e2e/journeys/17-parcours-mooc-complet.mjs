import { DESKTOP, PHONE, DEMO_PASSWORD, until, assertEqual, openPage, shot, login, heading1 } from '../lib/support.mjs';

// #4 « Se former », the whole path: a nurse creates her account, enrols in the MOOC, watches part of
// a lesson video, leaves and comes back to the same second, passes the final evaluation, posts in
// the forum; the teacher sees her in the course dashboard; a stranger verifies her attestation.
// Steps reused from journeys 01 (registration), 07 (video resume), 08 (quiz, verification), 09 (forum).

const MOOC = '00000000-0000-4000-8000-00000000c001';
const LESSON = 'Soins palliatifs : droit des patients – sédation';
const FINAL = 'Évaluation finale (démo)';
const CHRONOLOGY = ['Première session (septembre 2022)', 'Ouverture des inscriptions 2025 (24 février)', 'Début des cours 2025 (22 avril)', 'Fin des cours 2025 (15 juin)'];

/** @param {import('playwright-core').Page} page */
const videoState = (page) =>
  page.evaluate(() => {
    const v = document.querySelector('video');
    return v ? { t: v.currentTime, ready: v.readyState } : null;
  });

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '17',
  name: 'parcours MOOC complet : une infirmière crée son compte, s’inscrit, reprend sa vidéo à la même seconde, réussit l’évaluation finale, écrit au forum ; l’enseignant la voit dans le tableau de bord ; un inconnu vérifie son attestation',
  async run({ browser, base, track }) {
    // The teacher's figures before she arrives (running session, Haute-Corse, forum threads).
    const teacher = await openPage(browser, base, DESKTOP);
    track(teacher.page);
    const tl = await teacher.context.request.post('/api/v1/auth/login', { data: { email: 'enseignant@example.org', password: DEMO_PASSWORD } });
    if (!tl.ok()) throw new Error(`connexion de l’enseignant : ${tl.status()}`);
    const course = await (await teacher.context.request.get(`/api/v1/courses/${MOOC}`)).json();
    const running = course.sessions.find((/** @type {{title: string}} */ s) => s.title === 'Session en cours (démo)');
    const figures = async () => (await teacher.context.request.get(`/api/v1/courses/${MOOC}/analytics?session=${running.id}`)).json();
    const before = await figures();
    const corse = (/** @type {any} */ a) => a.departements.find((/** @type {{code: string}} */ d) => d.code === '2B')?.share.count ?? 0;

    // 1. A nurse registers through the form and the e-mail link.
    const nurse = await openPage(browser, base, DESKTOP);
    track(nurse.page);
    const page = nurse.page;
    const email = `infirmiere-17-${Date.now()}@example.org`;
    const password = 'Une phrase de passe pour le parcours 17';
    await page.goto('/inscription');
    await heading1(page, 'Créer un compte').waitFor();
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByLabel('Prénom').fill('Lucie');
    await page.getByLabel('Nom', { exact: true }).fill('Parcours (démo)');
    await page.getByLabel('Profession', { exact: true }).selectOption({ label: 'Infirmier(e)' });
    await page.getByRole('radio', { name: 'Libéral' }).check();
    const dep = page.getByLabel("Département d'exercice");
    await until(() => dep.locator('option[value="2B"]').count(), 'liste des départements chargée');
    await dep.selectOption('2B');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await heading1(page, 'Vérifiez votre boîte mail').waitFor();
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
    await page.goto(`/connexion?retour=${encodeURIComponent(`/se-former/cours/${MOOC}`)}`);
    await login(page, email, password);

    // 2. She enrols in the MOOC's running session.
    await heading1(page, 'MOOC soins palliatifs (démo)').waitFor();
    await page.getByRole('button', { name: 'S’inscrire (gratuit, obligatoire)' }).click();
    await page.getByText('Inscription confirmée').waitFor();
    await page.getByRole('heading', { name: 'Ma progression' }).waitFor();
    await shot(page, '17-inscrite');

    // 3. She watches part of the first lesson's video, leaves, and comes back to the same second.
    await page.getByRole('link', { name: LESSON }).click();
    await heading1(page, LESSON).waitFor();
    await until(async () => {
      const s = await videoState(page);
      return s && s.ready >= 1 ? s : null;
    }, 'métadonnées de la vidéo chargées');
    await page.evaluate(async () => {
      const v = /** @type {HTMLVideoElement} */ (document.querySelector('video'));
      v.muted = true;
      v.currentTime = 6;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      await v.play();
    });
    await page.waitForTimeout(3200);
    const watchedTo = await page.evaluate(() => {
      const v = /** @type {HTMLVideoElement} */ (document.querySelector('video'));
      v.pause();
      return v.currentTime;
    });
    if (watchedTo < 7.5) throw new Error(`la vidéo n’a pas avancé (position ${watchedTo} s)`);
    const lessonId = new URL(page.url()).pathname.split('/').pop();
    await page.getByRole('link', { name: 'Retour au cours' }).click();
    await heading1(page, 'MOOC soins palliatifs (démo)').waitFor();
    const stored = await until(async () => {
      const p = await page.evaluate(async (id) => (await fetch(`/api/v1/lessons/${id}`)).json(), lessonId);
      const v = p.videoProgress?.[0];
      return v && Math.abs(v.positionSeconds - watchedTo) < 0.3 ? v : null;
    }, 'position enregistrée au départ de la leçon');
    await page.goto(`/se-former/cours/${MOOC}`);
    await page.getByRole('link', { name: 'Reprendre là où je me suis arrêté(e)' }).click();
    await heading1(page, LESSON).waitFor();
    const resumed = await until(async () => {
      const s = await videoState(page);
      return s && s.ready >= 1 && s.t > 0 ? s : null;
    }, 'vidéo replacée à la position enregistrée');
    if (Math.abs(resumed.t - stored.positionSeconds) > 0.5) throw new Error(`reprise à ${resumed.t} s au lieu de ${stored.positionSeconds} s`);
    await shot(page, '17-reprise-video');

    // 4. The final evaluation, from the course page's quiz link.
    await page.goto(`/se-former/cours/${MOOC}`);
    await page.getByRole('link', { name: 'Quiz et évaluation finale' }).click();
    await heading1(page, 'Quiz du cours').waitFor();
    await page.getByRole('link', { name: FINAL }).click();
    await heading1(page, FINAL).waitFor();
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
    for (const [target, text] of CHRONOLOGY.entries()) {
      for (;;) {
        const items = await q(6).locator('ol.quiz-order > li > span:first-child').allTextContents();
        if (items.indexOf(text) === target) break;
        await q(6).getByRole('button', { name: `Monter « ${text} »` }).click();
      }
    }
    await q(7).getByRole('radio', { name: '87 %' }).check();
    await page.getByRole('button', { name: 'Remettre mes réponses' }).click();
    await heading1(page, `Résultat : ${FINAL}`).waitFor();
    await page.getByText('Réussi', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Voir mes attestations' }).click();
    await heading1(page, 'Mes attestations').waitFor();
    const code = (await page.locator('.quiz-dl code').first().textContent())?.trim() ?? '';
    if (!/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/.test(code)) throw new Error(`code de vérification inattendu : « ${code} »`);

    // 5. She posts in the course forum.
    await page.goto(`/se-former/cours/${MOOC}`);
    await page.getByRole('link', { name: 'Forum du cours' }).click();
    await heading1(page, 'Forum : MOOC soins palliatifs (démo)').waitFor();
    const title = `Infirmière en Haute-Corse : bonjour à toutes et à tous (parcours 17, ${Date.now()})`;
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Message', { exact: true }).fill('Je viens de réussir l’évaluation finale. Qui d’autre exerce en Corse ?');
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await heading1(page, title).waitFor();
    await shot(page, '17-forum');
    if (nurse.problems.length) throw new Error(nurse.problems.join('\n'));
    await nurse.context.close();

    // 6. The teacher opens the dashboard from the course page: she is counted.
    const tp = teacher.page;
    await tp.goto(`/se-former/cours/${MOOC}?session=${running.id}`);
    await tp.getByRole('link', { name: /Tableau de bord du cours/ }).click();
    await heading1(tp, 'Tableau de bord : MOOC soins palliatifs (démo)').waitFor();
    const after = await figures();
    assertEqual(after.enrolled, before.enrolled + 1, 'inscrits de la session');
    assertEqual(corse(after), corse(before) + 1, 'inscrits de Haute-Corse (2B)');
    assertEqual(after.forum.totals.threads, before.forum.totals.threads + 1, 'sujets du forum');
    const nurses = (/** @type {any} */ a) => a.professions.find((/** @type {{profession: string}} */ p) => p.profession === 'infirmier')?.share.count ?? 0;
    assertEqual(nurses(after), nurses(before) + 1, 'infirmières inscrites');
    // The page shows the same: her département with its denominator, and the forum counts.
    await tp.getByRole('row', { name: new RegExp(`Haute-Corse \\(2B\\).*${after.enrolled}`) }).first().waitFor();
    await tp.getByText(`${after.forum.totals.threads} sujets`, { exact: false }).waitFor();
    await shot(tp, '17-tableau-de-bord');
    const csv = await teacher.context.request.get(`/api/v1/courses/${MOOC}/analytics/departements.csv?session=${running.id}`);
    if (!csv.ok() || !(await csv.text()).includes('Haute-Corse (2B)')) throw new Error('export CSV des départements sans la Haute-Corse');
    if (teacher.problems.length) throw new Error(teacher.problems.join('\n'));
    await teacher.context.close();

    // 7. A stranger scans the QR code: fresh context on a phone, no account.
    const stranger = await openPage(browser, base, PHONE);
    track(stranger.page);
    await stranger.page.goto(`/verifier/${code}`);
    await heading1(stranger.page, 'Vérification d’une attestation').waitFor();
    await stranger.page.getByText('Attestation valide.').waitFor();
    await stranger.page.getByText('Lucie Parcours (démo)').waitFor();
    await shot(stranger.page, '17-verification');
    if (stranger.problems.length) throw new Error(stranger.problems.join('\n'));
    await stranger.context.close();
  },
};
