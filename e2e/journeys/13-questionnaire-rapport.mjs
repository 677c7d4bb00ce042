import { DEMO_PASSWORD, DESKTOP, PHONE, openPage, shot, heading1, assertEqual } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '13',
  name: 'questionnaire : la coordinatrice part du modèle de l’enquête régionale, importe les réponses, regroupe par profession, lit un tableau croisé et exporte le PDF',
  async run({ browser, base, track }) {
    const { context, page, problems } = await openPage(browser, base, DESKTOP);
    track(page);
    const res = await context.request.post('/api/v1/auth/login', { data: { email: 'coordinatrice@example.org', password: DEMO_PASSWORD } });
    if (!res.ok()) throw new Error(`connexion de la coordinatrice : ${res.status()}`);

    // The sample file (40 fictional responses) as the demo survey holds it, in the import format.
    const surveys = await (await context.request.get('/api/v1/surveys')).json();
    const demo = surveys.find((/** @type {{isDemo: boolean}} */ s) => s.isDemo);
    if (!demo) throw new Error('questionnaire de démonstration absent');
    const sample = await (await context.request.get(`/api/v1/surveys/${demo.id}/responses.csv`)).body();

    await page.goto('/mesurer');
    await heading1(page, 'Questionnaires').waitFor();
    await page.getByRole('button', { name: 'Partir du modèle' }).first().click();
    await page.getByRole('heading', { name: 'Diffusion' }).waitFor();
    const publicLink = await page.getByTestId('public-link').getAttribute('href');
    if (!publicLink) throw new Error('lien public absent');

    // A respondent, on a phone and without an account: answers are saved as they go, then sent.
    const respondent = await openPage(browser, base, PHONE);
    track(respondent.page);
    await respondent.page.goto(new URL(publicLink).pathname);
    await heading1(respondent.page, 'Modèle : pratiques et besoins des professionnels libéraux en soins palliatifs (enquête régionale, seed 004)').waitFor();
    await respondent.page.getByRole('radio', { name: 'Infirmier(e)', exact: true }).check();
    await respondent.page.getByText('Réponses enregistrées à').waitFor();
    await respondent.page.getByRole('group', { name: 'Utilisez-vous des outils pour évaluer la douleur ?' }).getByRole('radio', { name: 'Oui' }).check();
    // The follow-up question appears only after "Oui".
    await respondent.page.getByRole('group', { name: 'Lesquels ?' }).getByRole('checkbox', { name: 'EN', exact: true }).check();
    await respondent.page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await respondent.page.getByText('Merci : vos réponses ont été envoyées.').waitFor();
    if (respondent.problems.length) throw new Error(respondent.problems.join('\n'));
    await respondent.context.close();
    track(page);

    await page.getByLabel('Importer des réponses (CSV)').setInputFiles({ name: 'reponses.csv', mimeType: 'text/csv', buffer: sample });
    await page.getByText('40 réponse(s) importée(s)').waitFor();
    await page.getByText('41 réponse(s) envoyée(s)').waitFor();
    // A wrong file is refused whole, with the line and the column.
    await page.getByLabel('Importer des réponses (CSV)').setInputFiles({ name: 'faux.csv', mimeType: 'text/csv', buffer: Buffer.from('profession,formation-sp\ninfirmier,peut-etre\n') });
    await page.getByRole('alert').filter({ hasText: "Le fichier n'a pas été importé" }).waitFor();
    await page.getByRole('cell', { name: 'formation-sp', exact: true }).waitFor();
    await shot(page, '13-import');

    await page.getByRole('link', { name: 'Lire le rapport d’analyse' }).click();
    await heading1(page, 'Rapport d’analyse').waitFor();
    await page.getByText('41 réponses.', { exact: false }).first().waitFor();
    await page.getByLabel('Regrouper selon').selectOption('profession');
    await page.getByLabel('Médecin généraliste').check();
    await page.getByLabel('Médecin spécialiste').check();
    await page.getByLabel('Nom du regroupement').fill('Médecins');
    await page.getByRole('button', { name: 'Fusionner' }).click();
    await page.getByLabel('En lignes').selectOption('profession');
    await page.getByLabel('En colonnes').selectOption('connaissance-dac');
    await page.getByRole('button', { name: 'Ajouter le tableau croisé' }).click();
    await page.getByRole('button', { name: 'Calculer le rapport' }).click();

    const groups = page.getByTestId('groups');
    await groups.getByRole('rowheader', { name: 'Médecins' }).waitFor();
    const cross = page.getByTestId('cross-table');
    await cross.waitFor();
    const header = await cross.locator('thead th').allInnerTexts();
    assertEqual(header[1], "Je connais et j'interpelle", 'première colonne du tableau croisé');
    const doctors = cross.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'Médecins', exact: true }) });
    const cells = await doctors.locator('td').allInnerTexts();
    if (!/^\d+ \(\d+(,\d)?\s%\)$/.test(cells[0].replace(/\u00a0/g, ' '))) throw new Error(`cellule inattendue : ${cells[0]}`);
    await shot(page, '13-rapport');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF imprimable' }).click()]);
    const path = await download.path();
    const fs = await import('node:fs');
    const head = fs.readFileSync(/** @type {string} */ (path)).subarray(0, 5).toString();
    assertEqual(head, '%PDF-', 'le rapport PDF est un PDF');
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();
  },
};
