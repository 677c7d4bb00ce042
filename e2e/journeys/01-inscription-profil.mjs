import { DESKTOP, until, assertEqual, openPage, shot, login, heading1 } from '../lib/support.mjs';
import { registerLiberalNurse, confirmEmail } from '../lib/learning.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '1',
  name: 'inscription, courriel de vérification, connexion, profil modifié, déconnexion',
  async run({ browser, base, track }) {
    const { context, page, problems } = await openPage(browser, base, DESKTOP);
    track(page);
    const email = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
    const password = 'Une phrase de passe assez longue';

    await page.goto('/inscription');
    await heading1(page, 'Créer un compte').waitFor();

    // An empty submit: errors are announced and focus lands on the first invalid field.
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le formulaire contient' }).waitFor();
    await until(
      () => page.evaluate(() => document.activeElement?.getAttribute('name') === 'email'),
      'le focus doit aller sur le premier champ en erreur (e-mail)',
    );
    await shot(page, '1-inscription-erreurs');

    await registerLiberalNurse(page, { email, password, firstName: 'Camille', lastName: 'Essai', departement: '06', rpps: '10001234567' });
    await shot(page, '1-inscription-envoyee');

    await confirmEmail(page, base, email);
    await shot(page, '1-adresse-verifiee');

    await page.getByRole('link', { name: 'Se connecter' }).click();
    await heading1(page, 'Connexion').waitFor();
    await login(page, email, password);
    await heading1(page, 'Mon compte').waitFor();
    assertEqual(new URL(page.url()).pathname, '/compte', 'page après connexion');

    await page.getByLabel('Profession', { exact: true }).selectOption('masseur_kinesitherapeute');
    await page.getByLabel("Département d'exercice").selectOption('73');
    await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    await page.getByText('Votre profil est enregistré.').waitFor();
    await shot(page, '1-profil-enregistre');

    await page.reload();
    await heading1(page, 'Mon compte').waitFor();
    await until(async () => (await page.getByLabel("Département d'exercice").inputValue()) === '73', 'département 73 après rechargement');
    assertEqual(await page.getByLabel('Profession', { exact: true }).inputValue(), 'masseur_kinesitherapeute', 'profession après rechargement');
    await page.getByText('73 – Savoie').first().waitFor();

    await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('button', { name: 'Déconnexion' }).click();
    await page.getByText('Vous êtes déconnecté(e).').waitFor();
    await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Connexion' }).waitFor();
    await page.goto('/compte');
    await heading1(page, 'Connexion').waitFor();
    assertEqual(new URL(page.url()).searchParams.get('retour'), '/compte', 'retour après redirection');
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();
  },
};
