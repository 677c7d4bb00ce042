import { DEMO_PASSWORD, DESKTOP, PHONE, heading1, log, login, openPage, shot } from '../lib/support.mjs';

/**
 * Sunday night at a patient's home: the nurse activates the HAD dormant file in one tap; the HAD's
 * nurse and the GP are told at once, and the pathway shows it. The server clock cannot be moved in
 * e2e (no fake-clock setting on the platform): the journey asserts that activation works whatever the
 * hour it runs at (the Sunday-night hour itself is covered by the integration test, which sets the clock).
 */
/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '14',
  name: 'dossier dormant HAD : activé en un geste à toute heure, l’HAD et le médecin traitant prévenus, le parcours le montre',
  async run({ browser, base, track }) {
    const now = new Date();
    log(`      heure de Paris au moment du test : ${now.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', hour: '2-digit', minute: '2-digit' })}`);
    // 1. The nurse opens a file in Savoie (where the demo HAD is) with the demo GP, and prepares the dormant file.
    const nurse = await openPage(browser, base, PHONE);
    track(nurse.page);
    await nurse.page.goto('/connexion?retour=/coordination');
    await login(nurse.page, 'infirmiere-liberale@example.org', DEMO_PASSWORD);
    await heading1(nurse.page, 'Coordination autour du patient').waitFor();
    const created = await nurse.page.request.post('/api/v1/patients', {
      headers: { origin: base },
      data: { firstName: 'Lucienne', lastName: 'Dimanche (démo)', birthDate: '1936-05-03', placeOfLife: 'home', communeCode: '73054', gpEmail: 'medecin-traitant@example.org' },
    });
    if (created.status() !== 201) throw new Error(`création du dossier : ${created.status()} ${await created.text()}`);
    const patientId = (await created.json()).id;
    await nurse.page.goto(`/coordination/patients/${patientId}`);
    await heading1(nurse.page, 'Lucienne Dimanche (démo)').waitFor();
    await nurse.page.getByText('Préparer un dossier dormant avec l’HAD du secteur').click();
    await nurse.page.getByLabel('HAD', { exact: true }).selectOption({ label: 'HAD Savoie (démo)' });
    await nurse.page.getByLabel('Contact (aidant, personne de confiance)').fill('Fils (démo)');
    await nurse.page.getByRole('button', { name: 'Préparer le dossier dormant' }).click();
    await nurse.page.getByText('dossier préparé, non activé').waitFor();

    // 2. Sunday night: one big button, a confirmation, done. A second tap changes nothing.
    nurse.page.on('dialog', (d) => void d.accept());
    await shot(nurse.page, '14-dossier-dormant-avant');
    await nurse.page.getByRole('button', { name: 'Activer le dossier dormant HAD' }).click();
    await nurse.page.getByText(/activé le .* par Nadia Infirmière libérale \(démo\)/).waitFor();
    const again = await nurse.page.request.post(`/api/v1/patients/${patientId}/dormant-file/activate`, { headers: { origin: base } });
    if (again.status() !== 200 || (await again.json()).status !== 'activated') throw new Error('une seconde activation doit répondre le dossier déjà activé');
    await shot(nurse.page, '14-dossier-dormant-active');
    if (nurse.problems.length) throw new Error(nurse.problems.join('\n'));

    // 3. The HAD's nurse and the GP are told (once each), open the file, and the pathway shows the activation.
    for (const email of ['infirmiere-had@example.org', 'medecin-traitant@example.org']) {
      const who = await openPage(browser, base, DESKTOP);
      track(who.page);
      await who.page.goto('/connexion?retour=/notifications');
      await login(who.page, email, DEMO_PASSWORD);
      await heading1(who.page, 'Mes notifications').waitFor();
      const links = who.page.getByRole('link', { name: /Dossier dormant HAD activé pour L\. D\./ });
      await links.first().waitFor();
      if ((await links.count()) !== 1) throw new Error(`${email} : une seule notification attendue, ${await links.count()} reçues`);
      await links.first().click();
      await heading1(who.page, 'Lucienne Dimanche (démo)').waitFor();
      await who.page.getByTestId('pathway').getByText('Dossier dormant HAD activé').waitFor();
      if (who.problems.length) throw new Error(who.problems.join('\n'));
      await who.context.close();
    }
    await nurse.context.close();
  },
};
