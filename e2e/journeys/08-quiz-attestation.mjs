import fs from 'node:fs';
import { DEMO_PASSWORD, DESKTOP, assertEqual, openPage, shot, heading1 } from '../lib/support.mjs';
import { DEMO_MOOC as DEMO_COURSE, DEMO_MOOC_TITLE, DEMO_FINAL as FINAL, answerFinalEvaluation, attestationCode, verifyAsStranger } from '../lib/learning.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '8',
  name: 'une apprenante réussit l’évaluation finale, télécharge son attestation ; un inconnu, sans compte, la vérifie par son QR code ; l’enseignant la révoque',
  async run({ browser, base, track }) {
    const { context, page, problems } = await openPage(browser, base, DESKTOP);
    track(page);
    const res = await context.request.post('/api/v1/auth/login', { data: { email: 'apprenante@example.org', password: DEMO_PASSWORD } });
    if (!res.ok()) throw new Error(`connexion de l’apprenante : ${res.status()}`);
    const course = await (await context.request.get(`/api/v1/courses/${DEMO_COURSE}`)).json();
    const running = course.sessions.find((/** @type {{title: string}} */ s) => s.title === 'Session en cours (démo)');
    const enrol = await context.request.post(`/api/v1/sessions/${running.id}/enrolment`, { data: {}, headers: { origin: base } });
    if (!enrol.ok()) throw new Error(`inscription : ${enrol.status()}`);

    await page.goto(`/se-former/cours/${DEMO_COURSE}/quiz`);
    await heading1(page, 'Quiz du cours').waitFor();
    await answerFinalEvaluation(page);
    await shot(page, '8-quiz-rempli');
    await page.getByRole('button', { name: 'Remettre mes réponses' }).click();

    await heading1(page, `Résultat : ${FINAL}`).waitFor();
    await page.getByText('100 %', { exact: true }).waitFor();
    await page.getByText('Réussi', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Correction' }).waitFor();
    await shot(page, '8-resultat');
    const code = await attestationCode(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le PDF' }).click()]);
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 5).toString('latin1');
    assertEqual(head, '%PDF-', 'le fichier téléchargé est un PDF');
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();

    // A stranger scans the QR code: a fresh context on a phone, no account, no cookie.
    const stranger = await verifyAsStranger({ browser, base, track }, code, 'Inès Infirmière (démo)');
    await stranger.page.getByText(DEMO_MOOC_TITLE).waitFor();
    await shot(stranger.page, '8-verification');
    await stranger.page.goto('/verifier/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    await stranger.page.getByText('Attestation introuvable').waitFor();

    // The course's teacher adds a question to the bank, then revokes the attestation with a reason.
    const teacher = await openPage(browser, base, DESKTOP);
    track(teacher.page);
    const t = await teacher.context.request.post('/api/v1/auth/login', { data: { email: 'enseignant@example.org', password: DEMO_PASSWORD } });
    if (!t.ok()) throw new Error(`connexion de l’enseignant : ${t.status()}`);
    await teacher.page.goto(`/se-former/cours/${DEMO_COURSE}/quiz/gestion`);
    await heading1(teacher.page, 'Quiz et banque de questions').waitFor();
    await teacher.page.getByRole('button', { name: 'Nouvelle question' }).click();
    await teacher.page.getByLabel('Type de question').selectOption('true_false');
    await teacher.page.getByLabel('Énoncé').fill('Le MOOC est destiné à tous les professionnels de santé.');
    await teacher.page.getByLabel('Source du contenu').fill('Document source 000');
    await teacher.page.getByRole('button', { name: 'Enregistrer la question' }).click();
    await teacher.page.getByText('Le MOOC est destiné à tous les professionnels de santé.', { exact: true }).waitFor();
    await teacher.page.getByRole('button', { name: 'Révoquer l’attestation de Inès Infirmière (démo)' }).click();
    await teacher.page.getByLabel(/Motif de la révocation/).fill('Démonstration de la révocation');
    await teacher.page.getByRole('button', { name: 'Confirmer la révocation' }).click();
    await teacher.page.getByText('Motif de la révocation : Démonstration de la révocation').waitFor();
    await shot(teacher.page, '8-enseignant');
    if (teacher.problems.length) throw new Error(teacher.problems.join('\n'));
    await teacher.context.close();

    await stranger.page.goto(`/verifier/${code}`);
    await stranger.page.getByText(/^Attestation révoquée le .* : Démonstration de la révocation\.$/).waitFor();
    if (stranger.problems.length) throw new Error(stranger.problems.join('\n'));
    await stranger.context.close();
  },
};
