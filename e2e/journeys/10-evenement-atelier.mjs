import fs from 'node:fs';
import { DEMO_PASSWORD, DESKTOP, PHONE, until, openPage, shot, heading1 } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '10',
  name: 'événements : une infirmière s’inscrit à un atelier sur son téléphone, télécharge le .ics, la coordinatrice pointe sa présence',
  async run({ browser, base, track }) {
    // The coordinator of Savoie (demo) opens a workshop starting in a few seconds: registration
    // closes at the start and attendance opens at it, so the journey waits for it in between.
    const org = await openPage(browser, base, DESKTOP);
    const orgLogin = await org.context.request.post('/api/v1/auth/login', { data: { email: 'coordinatrice@example.org', password: DEMO_PASSWORD } });
    if (!orgLogin.ok()) throw new Error(`connexion de la coordinatrice : ${orgLogin.status()}`);
    const startsAt = new Date(Date.now() + 40_000);
    const title = `Atelier soins de bouche e2e ${startsAt.getTime()} (démo)`;
    const created = await org.context.request.post('/api/v1/events', {
      data: {
        kind: 'workshop',
        title,
        description: 'Atelier fictif du parcours de bout en bout.',
        organiserName: 'CPTS des Vallées (démo)',
        organiserEmail: 'cpts-vallees@example.org',
        organiserPhone: '01 99 00 12 34',
        departement: '73',
        communeCode: '73006',
        address: 'Maison de santé (démo), 1 place fictive',
        seatCap: 8,
        status: 'published',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      },
    });
    if (created.status() !== 201) throw new Error(`création de l’atelier : ${created.status()} ${await created.text()}`);
    const event = await created.json();

    // The nurse, on her phone: from the events list to the workshop, registers, adds it to her calendar.
    const pro = await openPage(browser, base, PHONE);
    track(pro.page);
    const proLogin = await pro.context.request.post('/api/v1/auth/login', { data: { email: 'apprenante@example.org', password: DEMO_PASSWORD } });
    if (!proLogin.ok()) throw new Error(`connexion de l’infirmière : ${proLogin.status()}`);
    await pro.page.goto('/se-former');
    await pro.page.getByRole('link', { name: 'Voir les événements à venir' }).click();
    await heading1(pro.page, 'Webinaires et événements').waitFor();
    await pro.page.getByLabel('Département').selectOption('73');
    await pro.page.getByRole('button', { name: 'Filtrer' }).click();
    await pro.page.getByRole('link', { name: title }).click();
    await heading1(pro.page, title).waitFor();
    await pro.page.getByRole('button', { name: /^S’inscrire/ }).click();
    await pro.page.getByText('Inscription confirmée').waitFor();
    await pro.page.getByText('Vous êtes inscrit(e)').waitFor();
    const [download] = await Promise.all([pro.page.waitForEvent('download'), pro.page.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' }).click()]);
    const ics = fs.readFileSync(/** @type {string} */ (await download.path()), 'utf8');
    if (!ics.startsWith('BEGIN:VCALENDAR\r\n') || !ics.includes(`UID:${event.occurrences[0].id}@palliance`) || !ics.includes('Aime-la-Plagne')) {
      throw new Error(`fichier .ics inattendu :\n${ics.slice(0, 400)}`);
    }
    await shot(pro.page, '10-inscrite');
    if (pro.problems.length) throw new Error(pro.problems.join('\n'));
    await pro.context.close();

    // After the start, the coordinator ticks her present on the attendance sheet.
    track(org.page);
    await until(async () => Date.now() > startsAt.getTime() + 1000, 'le début de l’atelier', 60_000);
    await org.page.goto(`/se-former/evenements/${event.id}`);
    await heading1(org.page, title).waitFor();
    await org.page.getByRole('link', { name: /Inscrits et présences/ }).first().click();
    await heading1(org.page, 'Inscrits et présences').waitFor();
    await org.page.getByRole('group', { name: 'Présence de Inès Infirmière (démo)' }).getByLabel('Présent(e)').check();
    await org.page.getByRole('button', { name: 'Enregistrer les présences' }).click();
    await org.page.getByText('Présences enregistrées.').waitFor();
    await org.page.getByText(/Taux de présence : 100/).waitFor();
    const csv = await org.context.request.get(`/api/v1/occurrences/${event.occurrences[0].id}/attendance.csv`);
    if (!(await csv.text()).includes('apprenante@example.org;Infirmier(e);Inscrit(e);Présent(e)')) throw new Error('la feuille CSV ne montre pas la présence');
    await shot(org.page, '10-presences');
    if (org.problems.length) throw new Error(org.problems.join('\n'));
    await org.context.close();
  },
};
