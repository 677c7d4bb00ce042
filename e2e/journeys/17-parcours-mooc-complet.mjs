import { DESKTOP, DEMO_PASSWORD, assertEqual, openPage, shot, login, heading1 } from '../lib/support.mjs';
import {
  DEMO_MOOC as MOOC,
  DEMO_MOOC_TITLE,
  DEMO_LESSON as LESSON,
  DEMO_FINAL,
  registerLiberalNurse,
  confirmEmail,
  videoReady,
  watchVideo,
  leaveLesson,
  resumeLesson,
  answerFinalEvaluation,
  attestationCode,
  verifyAsStranger,
} from '../lib/learning.mjs';

// #4 « Se former », the whole path: a nurse creates her account, enrols in the MOOC, watches part of
// a lesson video, leaves and comes back to the same second, passes the final evaluation, posts in
// the forum; the teacher sees her in the course dashboard; a stranger verifies her attestation.
// Steps shared with journeys 01 (registration), 07 (video resume) and 08 (quiz, verification) live in
// e2e/lib/learning.mjs; the forum step repeats journey 09.

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
    await registerLiberalNurse(page, { email, password, firstName: 'Lucie', lastName: 'Parcours (démo)', departement: '2B' });
    await confirmEmail(page, base, email);
    await page.goto(`/connexion?retour=${encodeURIComponent(`/se-former/cours/${MOOC}`)}`);
    await login(page, email, password);

    // 2. She enrols in the MOOC's running session.
    await heading1(page, DEMO_MOOC_TITLE).waitFor();
    await page.getByRole('button', { name: 'S’inscrire (gratuit, obligatoire)' }).click();
    await page.getByText('Inscription confirmée').waitFor();
    await page.getByRole('heading', { name: 'Ma progression' }).waitFor();
    await shot(page, '17-inscrite');

    // 3. She watches part of the first lesson's video, leaves, and comes back to the same second.
    await page.getByRole('link', { name: LESSON }).click();
    await heading1(page, LESSON).waitFor();
    await videoReady(page);
    const watchedTo = await watchVideo(page, 6);
    const stored = await leaveLesson(page, watchedTo);
    await resumeLesson(page, stored);
    await shot(page, '17-reprise-video');

    // 4. The final evaluation, from the course page's quiz link.
    await page.goto(`/se-former/cours/${MOOC}`);
    await page.getByRole('link', { name: 'Quiz et évaluation finale' }).click();
    await heading1(page, 'Quiz du cours').waitFor();
    await answerFinalEvaluation(page);
    await page.getByRole('button', { name: 'Remettre mes réponses' }).click();
    await heading1(page, `Résultat : ${DEMO_FINAL}`).waitFor();
    await page.getByText('Réussi', { exact: true }).waitFor();
    const code = await attestationCode(page);

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
    const stranger = await verifyAsStranger({ browser, base, track }, code, 'Lucie Parcours (démo)');
    await shot(stranger.page, '17-verification');
    if (stranger.problems.length) throw new Error(stranger.problems.join('\n'));
    await stranger.context.close();
  },
};
