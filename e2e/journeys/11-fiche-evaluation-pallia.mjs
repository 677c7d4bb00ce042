import fs from 'node:fs';
import { BUDGET, until, assertEqual, openPage, shot, heading1, log } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '11',
  name: 'médecin sur téléphone (390×844) : fiche d’évaluation sans compte, PALLIA 10 au-delà du seuil, équipe mobile de Montpellier proposée, PDF',
  async run({ browser, base, track }) {
    const { context, page, problems } = await openPage(browser, base, { width: 390, height: 844 });
    track(page);
    await budget(browser, base, ['/outils', '/outils/fiche-evaluation', '/outils/cotations', '/outils/kit']);
    await page.goto('/outils');
    await page.getByRole('link', { name: 'Remplir la fiche d’évaluation' }).click();
    await heading1(page, 'Fiche d’évaluation standardisée').waitFor();

    // Pain: the patient can self-report, numeric scale, 6/10: the score shows live.
    await page.getByText('Oui : échelle numérique ou visuelle').click();
    const en = page.locator('[data-scale="en"]');
    await en.locator('label.choice-chip', { hasText: /^6$/ }).click();
    await page.getByTestId('result-en').getByText('EN : 6 / 10').waitFor();

    // PALLIA 10: five "oui" (q1 to q5), five "non".
    const pallia = page.locator('[data-scale="pallia-10"]');
    const items = pallia.locator('fieldset.scale-item');
    await items.nth(0).locator('label.choice-chip', { hasText: /^Oui$/ }).click();
    await until(async () => (await items.count()) === 10, 'les questions 2 à 10 apparaissent après un « oui » à la question 1');
    for (let i = 1; i < 10; i += 1) await items.nth(i).locator('label.choice-chip', { hasText: i < 5 ? /^Oui$/ : /^Non$/ }).click();
    const result = page.getByTestId('result-pallia-10');
    await result.getByText('Pallia 10 : 5 / 10').waitFor();
    await result.getByText(/Au-delà de 3 réponses positives/).waitFor();
    // Questions 7 to 10 are flagged as unconfirmed wording.
    assertEqual(await pallia.getByText('à confirmer par un éditeur').count() >= 4, true, 'questions 7 à 10 signalées « à confirmer »');

    // The specialised teams covering the patient's commune, with the number to call now.
    const teams = page.getByTestId('pallia-teams');
    await teams.getByRole('heading', { name: 'Faire appel à une équipe spécialisée' }).waitFor();
    await teams.getByRole('combobox', { name: 'Commune du patient' }).fill('Montpellier');
    await page.getByRole('option', { name: /^Montpellier \(/ }).click();
    const team = teams.getByTestId('team').filter({ hasText: 'Équipe mobile de soins palliatifs Montpellier (démo)' });
    await team.waitFor();
    const call = team.getByRole('link', { name: /^Appeler le / });
    const href = await call.getAttribute('href');
    if (!href?.startsWith('tel:+33199')) throw new Error(`lien d’appel inattendu : ${href}`);
    await page.getByTestId('mci-justification').getByText(/5 réponse\(s\) positive\(s\) sur 10/).waitFor();
    await shot(page, '11-pallia-equipe-montpellier');

    // ESAS-r, filled by the patient: every item at 2, pain at 5 (highlighted).
    const esas = page.locator('[data-scale="esas-r"]');
    const symptoms = esas.locator('fieldset.scale-item');
    for (let i = 0; i < 9; i += 1) await symptoms.nth(i).locator('label.choice-chip', { hasText: i === 0 ? /^5$/ : /^2$/ }).first().click();
    await esas.getByText('Le patient', { exact: true }).click();
    await page.getByTestId('result-esas-r').getByText(/Items à 4 ou plus .*Douleur/).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger la fiche (PDF)' }).click()]);
    const file = await download.path();
    const head = file ? fs.readFileSync(file).subarray(0, 5).toString('latin1') : '';
    if (!download.suggestedFilename().endsWith('.pdf') || head !== '%PDF-') throw new Error(`fiche PDF : ${download.suggestedFilename()} ${JSON.stringify(head)}`);

    // Nothing overflows the phone's width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 1) throw new Error(`la page déborde de ${overflow} px en largeur sur téléphone`);
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();
  },
};

/**
 * The screens of this domain stay within the per-screen budget (RGESN), measured like journey 4.
 * @param {import('playwright-core').Browser} browser
 * @param {string} base
 * @param {string[]} paths
 */
async function budget(browser, base, paths) {
  const lines = [];
  for (const path of paths) {
    const { context, page } = await openPage(browser, base, { width: 390, height: 844 });
    let requests = 0;
    /** @type {Promise<number>[]} */
    const sizes = [];
    page.on('requestfinished', (req) => {
      requests += 1;
      sizes.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    });
    page.on('requestfailed', () => (requests += 1));
    await page.goto(path, { waitUntil: 'networkidle' });
    await page.locator('h1').first().waitFor();
    const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    lines.push(`${path} ${requests} req. ${Math.round(bytes / 1024)} Ko`);
    await context.close();
    if (requests > BUDGET.requests || bytes > BUDGET.bytes) throw new Error(`budget dépassé : ${path} ${requests} requêtes, ${Math.round(bytes / 1024)} Ko`);
  }
  log(`      ${lines.join(' · ')}`);
}
