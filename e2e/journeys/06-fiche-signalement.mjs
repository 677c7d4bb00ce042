import { DEMO_PASSWORD, DESKTOP, PHONE, DEMO_STRUCTURE, until, assertEqual, openPage, shot, heading1 } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '6',
  name: 'fiche de structure : un visiteur signale une erreur, la responsable y répond et modifie la fiche (erreur annoncée, conflit de version)',
  async run({ browser, base, track }) {
    const visitor = await openPage(browser, base, PHONE);
    track(visitor.page);
    await visitor.page.goto(`/annuaire/structures/${DEMO_STRUCTURE}`);
    await heading1(visitor.page, 'Équipe mobile de soins palliatifs Montpellier (démo)').waitFor();
    await visitor.page.getByRole('heading', { name: 'Qui appeler maintenant' }).waitFor();
    await visitor.page.getByLabel('Ce qui est faux').selectOption('contacts');
    await visitor.page.getByLabel('Ce qu’il faudrait corriger').fill('Le secrétariat ferme à 17 h le vendredi.');
    await visitor.page.getByLabel('Votre adresse e-mail').fill('visiteur-e2e@example.org');
    await visitor.page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await visitor.page.getByText('Merci : votre signalement est transmis').waitFor();
    if (visitor.problems.length) throw new Error(visitor.problems.join('\n'));
    await visitor.context.close();

    const { context, page, problems } = await openPage(browser, base, DESKTOP);
    track(page);
    const res = await context.request.post('/api/v1/auth/login', { data: { email: 'responsable@example.org', password: DEMO_PASSWORD } });
    if (!res.ok()) throw new Error(`connexion de la responsable : ${res.status()}`);
    await page.goto(`/annuaire/structures/${DEMO_STRUCTURE}`);
    const report = page.locator('li.report-item', { hasText: 'Le secrétariat ferme à 17 h le vendredi.' });
    await report.waitFor();
    await report.getByText('Répondre', { exact: true }).click();
    await report.getByRole('radio', { name: 'Corrigé' }).check();
    await report.getByLabel('Réponse', { exact: true }).fill('Horaires corrigés, merci.');
    await report.getByRole('button', { name: 'Enregistrer la réponse' }).click();
    await report.getByText('Réponse enregistrée.').waitFor();

    await page.getByRole('link', { name: 'Modifier', exact: true }).click();
    await heading1(page, 'Modifier la fiche').waitFor();
    const phone = page.getByLabel('Numéro de téléphone').first();
    await phone.fill('');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le formulaire contient une erreur.' }).waitFor();
    await until(
      () => page.evaluate(() => document.activeElement?.getAttribute('data-field') === 'contacts.0.value'),
      'le focus doit aller sur le numéro vide (contacts.0.value)',
    );
    await page.getByText('Indiquez le numéro de téléphone.').waitFor();
    await phone.fill('01 99 00 03 42');

    // Someone else saves meanwhile: the form says so instead of overwriting.
    const current = await (await context.request.get(`/api/v1/structures/${DEMO_STRUCTURE}`)).json();
    const body = { ...current, coverage: { departements: current.coverage.departements, communes: current.coverage.communes.map((/** @type {{code: string}} */ c) => c.code) } };
    for (const k of ['id', 'parentName', 'communeName', 'departement', 'timeZone', 'status', 'isDemo', 'confirmedAt', 'toVerify', 'version', 'updatedAt', 'url']) delete body[k];
    const put = await context.request.put(`/api/v1/structures/${DEMO_STRUCTURE}?version=${current.version}`, { data: body });
    if (!put.ok()) throw new Error(`modification concurrente : ${put.status()}`);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée entre-temps' }).waitFor();
    await page.getByRole('button', { name: 'Charger la version actuelle' }).click();
    await page.getByText(`version ${current.version + 1}.`).waitFor();
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText(`Modifications enregistrées (version ${current.version + 2}).`).waitFor();
    assertEqual(new URL(page.url()).pathname, `/annuaire/structures/${DEMO_STRUCTURE}`, 'retour sur la fiche');
    await shot(page, '6-fiche-modifiee');
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();
  },
};
