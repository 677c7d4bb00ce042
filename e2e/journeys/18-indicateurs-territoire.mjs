import fs from 'node:fs';
import { BUDGET, DEMO_PASSWORD, DESKTOP, PHONE, assertEqual, heading1, login, openPage, shot } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '18',
  name: 'indicateurs : la coordinatrice ouvre le tableau de bord de son département, lit un indicateur et sa définition, exporte le CSV',
  async run({ browser, base, track }) {
    const { page, problems, context } = await openPage(browser, base, DESKTOP);
    track(page);
    await page.goto('/connexion?retour=/mesurer');
    // The demo coordinator of the Savoie (dep:73), whose dashboard the demo support requests feed.
    await login(page, 'coordinatrice@example.org', DEMO_PASSWORD);
    await heading1(page, 'Questionnaires').waitFor();
    await page.getByRole('link', { name: 'Ouvrir le tableau de bord des indicateurs territoriaux' }).click();
    await heading1(page, 'Indicateurs territoriaux').waitFor();
    // Her department opens by default, with every figure (she coordinates it).
    await page.getByText('Savoie (73)').first().waitFor();
    assertEqual(await page.getByText('Vue publique').count(), 0, 'pas de masquage pour la coordinatrice de son département');

    // Monthly view: the last 12 months of the 48 h share.
    await page.getByLabel('Pas de temps').selectOption('month');
    await page.getByText('Tendance : 12 derniers mois').waitFor();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Part des demandes répondues en 48 h' }) });
    await card.waitFor();
    await card.getByText('Tendance en tableau').click();
    const rows = card.getByRole('region', { name: /^Tendance/ }).locator('tbody tr');
    assertEqual(await rows.count(), 12, 'douze mois de tendance');
    // The demo requests of the past months give percentages; months without any say « pas de données ».
    const values = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
    if (values.filter((v) => v.includes('%')).length < 6) throw new Error(`trop peu de mois renseignés : ${values.join(' | ')}`);
    if (values.some((v) => v.trim() === '')) throw new Error('une case vide dans la tendance');
    await card.getByText('Comment c’est calculé').click();
    await card.getByText(/une demande de moins de 48 h encore sans réponse n'est pas encore jugée/).waitFor();
    // Mini-RCP cases come from the coordination module: a figure, not « non disponible ».
    const rcp = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Nombre de cas discutés en mini-RCP' }) });
    await rcp.waitFor();
    assertEqual(await rcp.getByText('non disponible').count(), 0, 'indicateur mini-RCP relié');
    await shot(page, '18-indicateurs');

    // Export CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
    const csv = fs.readFileSync(/** @type {string} */ (await download.path()), 'utf8').replace(/^\ufeff/, '');
    assertEqual(csv.split('\r\n')[0], 'indicateur,libelle,territoire,periode,libelle_periode,ventilation,valeur,unite,numerateur,denominateur,statut,cible', 'en-tête du CSV');
    if (!csv.includes('answered_within_48h') || !csv.includes('dep:73')) throw new Error('le CSV ne contient pas les indicateurs de la Savoie');
    if (problems.length) throw new Error(problems.join('\n'));

    // The screen stays within the per-screen budget (fresh cache, signed in).
    const probe = await browser.newContext({ baseURL: base, viewport: DESKTOP, locale: 'fr-FR', storageState: await context.storageState() });
    const p2 = await probe.newPage();
    let requests = 0;
    /** @type {Promise<number>[]} */
    const sizes = [];
    p2.on('requestfinished', (req) => {
      requests += 1;
      sizes.push(req.sizes().then((x) => x.responseBodySize + x.responseHeadersSize));
    });
    await p2.goto('/mesurer/indicateurs?territoire=dep:34&periode=2026-T4', { waitUntil: 'networkidle' });
    await heading1(p2, 'Indicateurs territoriaux').waitFor();
    const kb = Math.round((await Promise.all(sizes)).reduce((a, b) => a + b, 0) / 1024);
    if (requests > BUDGET.requests || kb * 1024 > BUDGET.bytes) throw new Error(`budget dépassé : ${requests} requêtes, ${kb} Ko`);
    await probe.close();

    // On a phone: the public dashboard of the Hérault fits the screen's width (no sideways scrolling).
    const phone = await openPage(browser, base, PHONE);
    track(phone.page);
    await phone.page.goto('/mesurer/indicateurs?territoire=dep:34');
    await phone.page.getByText('Vue publique').waitFor();
    await phone.page.getByRole('heading', { name: 'Délai moyen de première réponse' }).waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) throw new Error(`la page déborde de ${overflow} px sur un téléphone`);
    await shot(phone.page, '18-indicateurs-telephone');
    if (phone.problems.length) throw new Error(phone.problems.join('\n'));
    await phone.context.close();
    await context.close();
  },
};
