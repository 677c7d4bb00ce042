import { DESKTOP, DEMO_PASSWORD, until, assertEqual, openPage, shot, login, heading1 } from '../lib/support.mjs';

const MOOC = '00000000-0000-4000-8000-00000000c001';
const LESSON = 'Soins palliatifs : droit des patients – sédation';

/** @param {import('playwright-core').Page} page */
const videoState = (page) =>
  page.evaluate(() => {
    const v = document.querySelector('video');
    return v ? { t: v.currentTime, ready: v.readyState, tracks: Array.from(v.querySelectorAll('track')).map((t) => t.getAttribute('srclang')) } : null;
  });

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
    await heading1(page, 'MOOC soins palliatifs (démo)').waitFor();
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
    const ready = await until(async () => {
      const s = await videoState(page);
      return s && s.ready >= 1 ? s : null;
    }, 'métadonnées de la vidéo chargées');
    assertEqual(JSON.stringify(ready.tracks), JSON.stringify(['fr']), 'piste de sous-titres en français');

    // Watch from 10 s for about 3 s (muted, as a browser allows without a gesture), then pause.
    await page.evaluate(async () => {
      const v = /** @type {HTMLVideoElement} */ (document.querySelector('video'));
      v.muted = true;
      v.currentTime = 10;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      await v.play();
    });
    await page.waitForTimeout(3200);
    const watchedTo = await page.evaluate(() => {
      const v = /** @type {HTMLVideoElement} */ (document.querySelector('video'));
      v.pause();
      return v.currentTime;
    });
    if (watchedTo < 11.5) throw new Error(`la vidéo n’a pas avancé (position ${watchedTo} s)`);
    await shot(page, '7-lecon-video');

    // Leave the lesson: the player reports its position as the page goes.
    const lessonUrl = page.url();
    await page.getByRole('link', { name: 'Retour au cours' }).click();
    await heading1(page, 'MOOC soins palliatifs (démo)').waitFor();
    const lessonId = new URL(lessonUrl).pathname.split('/').pop();
    const stored = await until(async () => {
      const p = await page.evaluate(async (id) => (await fetch(`/api/v1/lessons/${id}`)).json(), lessonId);
      const v = p.videoProgress?.[0];
      return v && Math.abs(v.positionSeconds - watchedTo) < 0.3 ? v : null;
    }, 'position enregistrée au départ de la leçon');
    if (stored.watchedPercent < 5) throw new Error(`part regardée trop faible : ${stored.watchedPercent} %`);

    // Come back through the resume link, on a fresh page load: the player is at the same second.
    await page.goto(`/se-former/cours/${MOOC}`);
    await page.getByRole('link', { name: 'Reprendre là où je me suis arrêté(e)' }).click();
    await heading1(page, LESSON).waitFor();
    const resumed = await until(async () => {
      const s = await videoState(page);
      return s && s.ready >= 1 && s.t > 0 ? s : null;
    }, 'vidéo replacée à la position enregistrée');
    if (Math.abs(resumed.t - stored.positionSeconds) > 0.5) throw new Error(`reprise à ${resumed.t} s au lieu de ${stored.positionSeconds} s`);

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
