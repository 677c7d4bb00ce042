import fs from 'node:fs';
import { PHONE, nextSaturday, until, assertEqual, openPage, shot, heading1 } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '5',
  name: 'infirmière sur téléphone, samedi 21 h : Bourg-Saint-Maurice, ligne de nuit du réseau de Haute-Tarentaise, fiche PDF téléchargée',
  async run({ browser, base, track }) {
    const { context, page, problems } = await openPage(browser, base, PHONE);
    track(page);
    await page.goto('/annuaire');
    await page.getByRole('combobox', { name: 'Commune du patient' }).fill('Bourg-Saint-Maurice');
    await page.getByRole('option', { name: /^Bourg-Saint-Maurice \(73700\)/ }).click();
    await heading1(page, 'Qui appeler pour Bourg-Saint-Maurice ?').waitFor();
    assertEqual(new URL(page.url()).pathname, '/annuaire/communes/73054', 'page de la commune');

    // Saturday, 21:00: the daytime secretariat is closed, the night / weekend line answers.
    const saturday = nextSaturday(new Date());
    await page.getByText('Voir à un autre moment', { exact: true }).click();
    await page.getByLabel('Date', { exact: true }).fill(saturday);
    await page.getByLabel('Heure', { exact: true }).fill('21:00');
    await page.getByRole('button', { name: 'Afficher ce moment' }).click();
    await until(async () => new URL(page.url()).searchParams.get('at') === `${saturday}T21:00`, 'moment choisi dans l’adresse (?at=)');
    await page.getByText(/Au moment choisi : samedi .* à 21 h 00/).waitFor();

    const card = page.locator('li.call-card', { hasText: 'Réseau de soins palliatifs de Haute-Tarentaise (démo)' });
    await card.waitFor();
    await card.getByText('Ligne de nuit / week-end / jours fériés').waitFor();
    await card.getByText('Fiche de démonstration').waitFor();
    const call = card.getByRole('link', { name: /01 99 00 07 80/ });
    assertEqual(await call.getAttribute('href'), 'tel:+33199000780', 'lien tel: de la ligne de nuit');
    await card.getByText(/jusqu’à lundi 8 h 00/).waitFor();
    const box = await call.boundingBox();
    if (!box || box.height < 44 || box.width < 200) throw new Error(`bouton d’appel trop petit pour un doigt : ${JSON.stringify(box)}`);

    // The "?" beside the type explains what a palliative-care network is.
    const help = page.getByRole('button', { name: /Qu’est-ce que : Réseau de soins palliatifs/ });
    await help.click();
    assertEqual(await help.getAttribute('aria-expanded'), 'true', 'description du type dépliée');
    await page.getByText(/Les réseaux coordonnent/).waitFor();
    await shot(page, '5-qui-appeler-samedi-21h');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Télécharger la fiche «\s*Qui appeler\s*\?\s*» \(PDF\)$/ }).click(),
    ]);
    const fileName = download.suggestedFilename();
    const file = await download.path();
    const head = file ? fs.readFileSync(file).subarray(0, 5).toString('latin1') : '';
    if (!fileName.endsWith('.pdf') || !head.startsWith('%PDF')) {
      throw new Error(
        `fiche PDF : nom « ${fileName} », premiers octets ${JSON.stringify(head)} — GET /api/v1/communes/73054/card.pdf ne renvoie pas un PDF (route absente du serveur ?)`,
      );
    }
    if (problems.length) throw new Error(problems.join('\n'));
    await context.close();
  },
};
