import { DEMO_PASSWORD, DESKTOP, openPage, shot, heading1 } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '16',
  name: 'éditeur : le formulaire d’une ERISP dit que la description de ce type est à revoir, et pourquoi ; import CSV de mise à jour simulé',
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
    await shot(page, '16-type-a-revoir');

    // The export, one phone changed, checked in a dry run: one update listed, nothing written.
    const csv = await (await context.request.get('/api/v1/structures/export.csv')).text();
    const changed = csv
      .split('\r\n')
      .map((line) => (line.startsWith(erisp.id) ? line.replaceAll('01 99 00 07 50', '01 99 00 07 59') : line))
      .join('\r\n');
    if (changed === csv) throw new Error('numéro de l’ERISP absent de l’export');
    await page.goto('/annuaire');
    await page.getByLabel('Mettre à jour les fiches existantes (même id, FINESS, SIRET ou identifiant ROR)').check();
    await page.getByLabel('Fichier CSV', { exact: true }).setInputFiles({ name: 'annuaire.csv', mimeType: 'text/csv', buffer: Buffer.from(changed, 'utf8') });
    await page.getByRole('button', { name: 'Simuler (sans rien enregistrer)' }).click();
    await page.getByText(/^Simulation \(rien n’a été enregistré\) : 0 structure créée, 1 mise à jour/).waitFor();
    await page.getByRole('cell', { name: 'ERISP Paris et petite couronne (démo)' }).waitFor();
    const after = await (await context.request.get(`/api/v1/structures/${erisp.id}`)).json();
    if (after.contacts[0].value !== '01 99 00 07 50') throw new Error('la simulation a modifié la fiche');
    await shot(page, '16-simulation-import');
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();
  },
};
