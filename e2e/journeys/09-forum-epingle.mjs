import { DEMO_PASSWORD, PHONE, DESKTOP, assertEqual, openPage, shot, login, heading1 } from '../lib/support.mjs';

const MOOC = '00000000-0000-4000-8000-00000000c001';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '9',
  name: 'apprenante : ouvre une discussion au forum du MOOC ; animatrice : l’épingle',
  async run({ browser, base, track }) {
    // The demo learner (enrolled by the demo data) posts from her phone.
    const learner = await openPage(browser, base, PHONE);
    track(learner.page);
    const page = learner.page;
    await page.goto(`/connexion?retour=${encodeURIComponent(`/se-former/cours/${MOOC}`)}`);
    await login(page, 'apprenante@example.org', DEMO_PASSWORD);
    await heading1(page, 'MOOC soins palliatifs (démo)').waitFor();
    await page.getByRole('link', { name: 'Forum du cours' }).click();
    await heading1(page, 'Forum : MOOC soins palliatifs (démo)').waitFor();
    await page.getByRole('link', { name: 'Présentez-vous !' }).waitFor();

    const title = `Visite du samedi : qui appeler ? (parcours 9, ${Date.now()})`;
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Message', { exact: true }).fill('Bonjour, comment vous **organisez-vous** le week-end ? <script>alert(1)</script>');
    await page.getByRole('button', { name: 'Aperçu' }).click();
    const preview = page.getByLabel('Aperçu du message');
    await preview.locator('strong', { hasText: 'organisez-vous' }).waitFor();
    assertEqual(await preview.locator('script').count(), 0, 'balise script dans l’aperçu');
    await shot(page, '9-nouvelle-discussion');
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await heading1(page, title).waitFor();
    await page.getByRole('button', { name: 'Ne plus suivre' }).waitFor();
    const threadUrl = new URL(page.url()).pathname;
    assertEqual(await page.getByRole('button', { name: 'Épingler' }).count(), 0, 'bouton Épingler pour une apprenante');
    if (learner.problems.length) throw new Error(learner.problems.join('\n'));
    await learner.context.close();

    // The learner-animator of the course pins it.
    const animator = await openPage(browser, base, DESKTOP);
    track(animator.page);
    const p2 = animator.page;
    await p2.goto(`/connexion?retour=${encodeURIComponent(threadUrl)}`);
    await login(p2, 'animatrice@example.org', DEMO_PASSWORD);
    await heading1(p2, title).waitFor();
    await p2.getByRole('button', { name: 'Épingler' }).click();
    await p2.getByText('Discussion épinglée en tête du forum.').waitFor();
    await p2.getByRole('button', { name: 'Désépingler' }).waitFor();
    await p2.goto(`/se-former/cours/${MOOC}/forum`);
    const first = p2.getByRole('listitem').filter({ has: p2.getByRole('heading', { level: 3 }) }).first();
    await first.getByRole('link', { name: title }).waitFor();
    await first.getByText('épinglé').waitFor();
    await p2.getByRole('link', { name: /File de modération/ }).waitFor();
    await shot(p2, '9-forum-epingle');
    if (animator.problems.length) throw new Error(animator.problems.join('\n'));
    await animator.context.close();
  },
};
