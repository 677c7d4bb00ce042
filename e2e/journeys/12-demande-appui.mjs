import { BUDGET, DEMO_PASSWORD, DESKTOP, PHONE, heading1, log, login, openPage, shot } from '../lib/support.mjs';

const OUTCOME = 'Rotation vers l’oxycodone, réévaluation à J3 par l’infirmière (démo).';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '12',
  name: 'demande d’appui : l’infirmière écrit à l’équipe mobile qui couvre sa patiente, l’équipe répond et clôture, le médecin traitant lit le compte rendu',
  async run({ browser, base, track }) {
    // 1. The private-practice nurse, on her phone at the patient's home.
    const nurse = await openPage(browser, base, PHONE);
    track(nurse.page);
    await nurse.page.goto('/connexion?retour=/coordination');
    await login(nurse.page, 'infirmiere-liberale@example.org', DEMO_PASSWORD);
    await heading1(nurse.page, 'Coordination autour du patient').waitFor();
    await nurse.page.getByRole('link', { name: 'Jeanne Exemple (démo)' }).click();
    await heading1(nurse.page, 'Jeanne Exemple (démo)').waitFor();
    await nurse.page.getByRole('link', { name: 'Nouvelle demande d’appui' }).click();
    await heading1(nurse.page, /Demande d’appui pour Jeanne/).waitFor();
    await nurse.page.getByRole('radio', { name: /^Équipe mobile de soins palliatifs Montpellier \(démo\)/ }).check();
    await nurse.page.getByLabel('Motif').selectOption('pain');
    await nurse.page.getByLabel(/Votre question/).fill('Douleurs mal contrôlées la nuit malgré le palier 3. Visite conjointe possible ?');
    await shot(nurse.page, '12-demande-formulaire');
    await nurse.page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await heading1(nurse.page, 'Douleur — Jeanne Exemple (démo)').waitFor();
    await nurse.page.getByText('Statut : Envoyée').waitFor();
    await nurse.page.getByText(/48\u00a0h calendaires/).waitFor();
    const requestPath = new URL(nurse.page.url()).pathname;
    if (nurse.problems.length) throw new Error(nurse.problems.join('\n'));

    // 2. The mobile team finds it in its inbox, accepts, answers and closes with an outcome.
    const team = await openPage(browser, base, DESKTOP);
    track(team.page);
    await team.page.goto('/connexion?retour=/coordination');
    await login(team.page, 'membre@example.org', DEMO_PASSWORD);
    await team.page.getByRole('link', { name: 'Équipe mobile de soins palliatifs Montpellier (démo)' }).click();
    await heading1(team.page, 'Demandes d’appui reçues').waitFor();
    await team.page.locator(`a[href="${requestPath}"]`).click();
    await team.page.getByText('Statut : Reçue').waitFor();
    await team.page.getByRole('button', { name: 'Accepter' }).click();
    await team.page.getByText('Statut : Acceptée').waitFor();
    await team.page.getByLabel('Votre message').fill('Visite conjointe demain à 14 h avec l’infirmière.');
    await team.page.getByRole('button', { name: 'Envoyer le message' }).click();
    await team.page.getByText('Visite conjointe demain à 14 h', { exact: false }).first().waitFor();
    await team.page.getByLabel('Compte rendu de clôture').fill(OUTCOME);
    await team.page.getByRole('button', { name: 'Clôturer avec un compte rendu' }).click();
    await team.page.getByText('Statut : Clôturée').waitFor();
    await shot(team.page, '12-demande-cloturee');
    if (team.problems.length) throw new Error(team.problems.join('\n'));

    // 3. The GP is told and reads the outcome.
    const gp = await openPage(browser, base, DESKTOP);
    track(gp.page);
    await gp.page.goto('/connexion?retour=/notifications');
    await login(gp.page, 'medecin-traitant@example.org', DEMO_PASSWORD);
    await heading1(gp.page, 'Mes notifications').waitFor();
    await gp.page.getByRole('link', { name: /Demande d'appui clôturée par Équipe mobile de soins palliatifs Montpellier \(démo\)/ }).click();
    await gp.page.getByRole('heading', { name: 'Compte rendu de clôture' }).waitFor();
    await gp.page.getByText(OUTCOME).waitFor();
    if (gp.problems.length) throw new Error(gp.problems.join('\n'));

    // Each Coordonner screen stays within the per-screen budget (fresh cache, signed in as the GP).
    const patientPath = String(await gp.page.getByRole('link', { name: 'Jeanne Exemple (démo)' }).first().getAttribute('href'));
    const lines = [];
    for (const path of ['/coordination', patientPath, `${patientPath}/demande`, `${patientPath}/identite`, requestPath, '/coordination/rcp', '/notifications']) {
      const probe = await browser.newContext({ baseURL: base, viewport: DESKTOP, locale: 'fr-FR', storageState: await gp.context.storageState() });
      const page = await probe.newPage();
      let requests = 0;
      /** @type {Promise<number>[]} */
      const sizes = [];
      page.on('requestfinished', (req) => {
        requests += 1;
        sizes.push(req.sizes().then((x) => x.responseBodySize + x.responseHeadersSize));
      });
      await page.goto(path, { waitUntil: 'networkidle' });
      await page.locator('h1').first().waitFor();
      const kb = Math.round((await Promise.all(sizes)).reduce((a, b) => a + b, 0) / 1024);
      lines.push(`${path.replace(/[0-9a-f-]{36}/g, ':id')} ${requests} req. ${kb} Ko`);
      if (requests > BUDGET.requests || kb * 1024 > BUDGET.bytes) throw new Error(`budget dépassé : ${path} ${requests} requêtes, ${kb} Ko`);
      await probe.close();
    }
    log(`      ${lines.join(' · ')}`);
    await Promise.all([nurse.context.close(), team.context.close(), gp.context.close()]);
  },
};
