import { DEMO_PASSWORD, DESKTOP, assertEqual, openPage, shot, login, heading1 } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '2',
  name: "coordinatrice : accès refusé à l'administration ; administratrice : liste des utilisateurs",
  async run({ browser, base, track }) {
    const { context, page, problems } = await openPage(browser, base, DESKTOP);
    track(page);
    await page.goto('/connexion');
    await login(page, 'coordinatrice@example.org', DEMO_PASSWORD);
    await heading1(page, 'Mon compte').waitFor();
    const account = page.getByRole('navigation', { name: 'Mon espace' });
    await account.getByRole('link', { name: 'Mon compte' }).waitFor();
    assertEqual(await account.getByRole('link', { name: 'Administration' }).count(), 0, "lien Administration pour la coordinatrice");

    await page.goto('/admin/utilisateurs');
    await heading1(page, 'Accès refusé').waitFor();
    assertEqual((await page.request.get('/api/v1/admin/users')).status(), 403, "réponse de l'API admin pour la coordinatrice");
    await shot(page, '2-acces-refuse');

    await account.getByRole('button', { name: 'Déconnexion' }).click();
    await page.getByText('Vous êtes déconnecté(e).').waitFor();

    await page.goto(`/connexion?retour=${encodeURIComponent('/admin/utilisateurs')}`);
    await login(page, 'admin@example.org', DEMO_PASSWORD);
    await heading1(page, 'Utilisateurs').waitFor();
    await page.getByText(/\d+ utilisateurs trouvés/).waitFor();
    await page.getByText('coordinatrice@example.org').waitFor();
    await account.getByRole('link', { name: 'Administration' }).waitFor();
    await shot(page, '2-admin-utilisateurs');
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();
  },
};
