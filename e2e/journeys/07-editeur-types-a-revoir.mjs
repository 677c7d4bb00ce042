import { DEMO_PASSWORD, DESKTOP, openPage, shot, heading1 } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '7',
  name: 'éditeur : le formulaire d’une ERISP dit que la description de ce type est à revoir, et pourquoi',
  async run({ browser, base, track }) {
    const { context, page, problems } = await openPage(browser, base, DESKTOP);
    track(page);
    const res = await context.request.post('/api/v1/auth/login', { data: { email: 'admin@example.org', password: DEMO_PASSWORD } });
    if (!res.ok()) throw new Error(`connexion de l’administratrice : ${res.status()}`);
    const found = await (await context.request.get('/api/v1/structures?q=ERISP')).json();
    const erisp = found.items.find((/** @type {{name: string}} */ s) => s.name.startsWith('ERISP Paris'));
    if (!erisp) throw new Error('ERISP de démonstration introuvable');

    // Visitors see the type flagged on the entry page.
    await page.goto(`/annuaire/structures/${erisp.id}`);
    await page.getByText('Équipe ressource d\'intervention en soins palliatifs (ERISP)', { exact: true }).first().click();
    await page.getByText('Description à revoir par un éditeur').first().waitFor();

    // Editors are told why in the form.
    await page.goto(`/annuaire/structures/${erisp.id}/modifier`);
    await heading1(page, 'Modifier la fiche').waitFor();
    await page.getByLabel(/Équipe ressource d'intervention en soins palliatifs \(ERISP\) — à revoir/).waitFor();
    const note = page.getByTestId('type-review');
    await note.getByText('La page source (seeds/003) ne mentionne pas les ERISP').waitFor();
    await shot(page, '7-type-a-revoir');
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();
  },
};
