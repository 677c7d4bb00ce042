import { PHONE, until, assertEqual, openPage, shot, heading1 } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '3',
  name: 'annuaire sur téléphone : « bourg st maur » au clavier, Bourg-Saint-Maurice choisie avec flèche et Entrée, page « Qui appeler ? »',
  async run({ browser, base, track }) {
    const { context, page, problems } = await openPage(browser, base, PHONE);
    track(page);
    await page.goto('/annuaire');
    const input = page.getByRole('combobox', { name: 'Commune du patient' });

    // Escape closes the list without choosing.
    await input.focus();
    await page.keyboard.type('73700', { delay: 30 });
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Escape');
    assertEqual(await input.getAttribute('aria-expanded'), 'false', 'liste refermée par Échap');

    await input.fill('');
    await page.keyboard.type('bourg st maur', { delay: 40 });
    const option = page.getByRole('option', { name: /^Bourg-Saint-Maurice \(73700\) – Savoie/ });
    await option.waitFor();
    assertEqual(await input.getAttribute('aria-expanded'), 'true', 'aria-expanded avec des résultats');
    await shot(page, '3-annuaire-resultats');

    const optionId = /** @type {string} */ (await option.getAttribute('id'));
    const count = await page.getByRole('option').count();
    for (let i = 0; i < count; i += 1) {
      await page.keyboard.press('ArrowDown');
      if ((await input.getAttribute('aria-activedescendant')) === optionId) break;
    }
    assertEqual(await input.getAttribute('aria-activedescendant'), optionId, 'option active après les flèches');
    assertEqual(await option.getAttribute('aria-selected'), 'true', 'aria-selected sur l’option active');
    await page.keyboard.press('Enter');

    // Choosing a commune opens its "Qui appeler ?" page, and focus moves to its heading.
    await heading1(page, 'Qui appeler pour Bourg-Saint-Maurice ?').waitFor();
    assertEqual(new URL(page.url()).pathname, '/annuaire/communes/73054', 'adresse de la page de la commune');
    await page.getByText('73 – Savoie').waitFor();
    await until(() => page.evaluate(() => document.activeElement?.tagName === 'H1'), 'le focus doit aller sur le titre de la page');
    await shot(page, '3-annuaire-commune');
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();
  },
};
