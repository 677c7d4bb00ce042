import { DESKTOP, DEMO_PASSWORD, until, assertEqual, openPage, shot, login, heading1 } from '../lib/support.mjs';
import { DEMO_MOOC as MOOC, DEMO_MOOC_TITLE, DEMO_LESSON as LESSON, videoReady, watchVideo, leaveLesson, resumeLesson } from '../lib/learning.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '7',
  name: 'infirmière inscrite au MOOC : regarde une partie de la vidéo, quitte la leçon, revient et reprend à la même seconde ; l’enseignant ajoute un document et le déplace',
  async run({ browser, base, track }) {
    const { context, page, problems } = await openPage(browser, base, DESKTOP);
    track(page);
    await page.goto('/connexion');
    await login(page, 'apprenante@example.org', DEMO_PASSWORD);
    await until(async () => !new URL(page.url()).pathname.startsWith('/connexion'), 'connexion de la démo apprenante');

    await page.goto(`/se-former/cours/${MOOC}`);
    await heading1(page, DEMO_MOOC_TITLE).waitFor();
    // The demo forum already enrols the demo learner in the MOOC; a fresh data folder may not.
    const enrol = page.getByRole('button', { name: 'S’inscrire (gratuit, obligatoire)' });
    const progress = page.getByRole('heading', { name: 'Ma progression' });
    await enrol.or(progress).first().waitFor();
    if (await enrol.isVisible()) {
      await enrol.click();
      await page.getByText('Inscription confirmée').waitFor();
    }
    await progress.waitFor();
    // Module 1 is open (the session started a week ago); a later module is shown locked with its date.
    await page.getByText(/Prise en charge des soins de bouche \(verrouillée jusqu’au/).waitFor();
    await page.getByRole('link', { name: LESSON }).click();

    await heading1(page, LESSON).waitFor();
    await page.getByText(/Texte provisoire de démonstration/).waitFor();
    await page.getByText('Afficher la transcription').click();
    await page.getByText(/Transcription de la vidéo de démonstration/).waitFor();
    const ready = await videoReady(page);
    assertEqual(JSON.stringify(ready.tracks), JSON.stringify(['fr']), 'piste de sous-titres en français');

    // Watch from 10 s for about 3 s, then pause.
    const watchedTo = await watchVideo(page, 10);
    await shot(page, '7-lecon-video');

    // Leave the lesson: the player reports its position as the page goes.
    const lessonUrl = page.url();
    const stored = await leaveLesson(page, watchedTo);
    if (stored.watchedPercent < 5) throw new Error(`part regardée trop faible : ${stored.watchedPercent} %`);

    // Come back through the resume link, on a fresh page load: the player is at the same second.
    await resumeLesson(page, stored);

    // Budget: the lesson page, loaded afresh, weighs under 300 KB before the video plays.
    await page.goto(lessonUrl);
    await heading1(page, LESSON).waitFor();
    await page.waitForLoadState('networkidle');
    const bytes = await page.evaluate(() =>
      /** @type {PerformanceResourceTiming[]} */ ([...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')])
        .filter((e) => !e.name.includes('/api/v1/media/'))
        .reduce((sum, e) => sum + (e.transferSize || 0), 0),
    );
    if (bytes > 300 * 1024) throw new Error(`page de leçon trop lourde avant la vidéo : ${Math.round(bytes / 1024)} Ko`);
    await shot(page, '7-lecon-reprise');
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();

    // The teacher adds a document to the next lesson and moves it above the placeholder text.
    const t = await openPage(browser, base, DESKTOP);
    track(t.page);
    await t.page.goto('/connexion');
    await login(t.page, 'enseignant@example.org', DEMO_PASSWORD);
    await until(async () => !new URL(t.page.url()).pathname.startsWith('/connexion'), 'connexion de l’enseignant');
    await t.page.goto(`/se-former/cours/${MOOC}`);
    await t.page.getByRole('heading', { name: 'Organisation du cours (équipe enseignante)' }).waitFor();
    await t.page.getByRole('link', { name: 'Vidéo législation' }).click();
    await heading1(t.page, 'Vidéo législation').waitFor();
    await t.page.getByLabel('Type de bloc').selectOption('document');
    await t.page.getByLabel('Titre du bloc').fill('Fiche de démonstration');
    await t.page.getByLabel('Document').setInputFiles({ name: 'fiche-demo.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% fiche fictive\n') });
    await t.page.getByRole('button', { name: 'Ajouter le bloc' }).click();
    await t.page.getByRole('link', { name: 'Télécharger « Fiche de démonstration »' }).waitFor();
    await t.page.getByRole('button', { name: 'Monter le bloc 2' }).click();
    await until(
      async () => (await t.page.locator('.lesson-block').first().getAttribute('class'))?.includes('lesson-block-document'),
      'document placé en premier',
    );
    await shot(t.page, '7-enseignant-blocs');
    if (t.problems.length) throw new Error(t.problems.join('\n'));
    await t.context.close();
  },
};
