import { DEMO_PASSWORD, DESKTOP, PHONE, heading1, login, openPage, shot } from '../lib/support.mjs';

/**
 * After a mini-RCP: the coordinator writes the report of a case and picks the owner of its action in
 * the list of the people who can own it (the patient's circle, the meeting's participants), records who
 * attended a meeting already held, and changes a series' schedule. The owner (the nurse) closes the
 * action from "Mes actions"; the pathway of the patient shows it done. The GP corrects the identity and
 * records a dated consent on the identity screen.
 */
/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '19',
  name: 'mini-RCP : responsable d’action choisi dans la liste, présence relevée, horaire modifié ; identité et consentement',
  async run({ browser, base, track }) {
    const headers = { origin: base };
    // 1. The GP opens a file in Savoie with the nurse in the circle, and puts the case on the Savoie mini-RCP.
    const gp = await openPage(browser, base, DESKTOP);
    track(gp.page);
    await gp.page.goto('/connexion?retour=/coordination');
    await login(gp.page, 'medecin-traitant@example.org', DEMO_PASSWORD);
    await heading1(gp.page, 'Coordination autour du patient').waitFor();
    const created = await gp.page.request.post('/api/v1/patients', { headers, data: { firstName: 'Albertine', lastName: 'Concertée (démo)', birthDate: '1934-09-09', placeOfLife: 'home', communeCode: '73054' } });
    if (created.status() !== 201) throw new Error(`création du dossier : ${created.status()} ${await created.text()}`);
    const patientId = (await created.json()).id;
    const added = await gp.page.request.post(`/api/v1/patients/${patientId}/circle`, { headers, data: { kind: 'professional', email: 'infirmiere-liberale@example.org', circleRole: 'nurse' } });
    if (added.status() !== 201) throw new Error(`ajout de l’infirmière : ${added.status()}`);
    /** @type {{ id: string, title: string, criteria: { id: string }[], upcoming: { meetingAt: string }[] }[]} */
    const all = await (await gp.page.request.get('/api/v1/rcp/series?departement=73')).json();
    const series = all.find((s) => s.title === 'Mini-RCP flash Savoie (démo)');
    if (!series) throw new Error('la mini-RCP de Savoie de démonstration est absente');
    const submitted = await gp.page.request.post(`/api/v1/patients/${patientId}/rcp-cases`, {
      headers,
      data: { seriesId: series.id, question: 'Qui passe la nuit en cas d’aggravation ? (question fictive)', criteriaChecked: series.criteria.map((c) => c.id), idempotencyKey: `e2e-19-${Date.now()}` },
    });
    if (submitted.status() !== 201) throw new Error(`inscription du cas : ${submitted.status()} ${await submitted.text()}`);
    const caseMeeting = (await submitted.json()).meetingAt;
    const row = series.upcoming.findIndex((m) => m.meetingAt === caseMeeting);
    if (row < 0) throw new Error(`la réunion ${caseMeeting} n’est pas parmi les prochaines`);

    // 2. The coordinator opens that meeting, writes the report and picks the nurse as owner from the list.
    const coord = await openPage(browser, base, DESKTOP);
    track(coord.page);
    await coord.page.goto('/connexion?retour=/coordination/rcp');
    await login(coord.page, 'coordinatrice@example.org', DEMO_PASSWORD);
    await heading1(coord.page, 'Mini-RCP flash').waitFor();
    const card = coord.page.locator('li.card').filter({ has: coord.page.getByRole('heading', { name: 'Mini-RCP flash Savoie (démo)' }) });
    await card.getByRole('button', { name: 'Voir', exact: true }).nth(row).click();
    const agenda = coord.page.getByRole('region', { name: /Ordre du jour du/ });
    const item = agenda.getByRole('listitem').filter({ hasText: 'Qui passe la nuit en cas d’aggravation' });
    await item.getByText('Écrire le compte-rendu').click();
    await item.getByLabel('Synthèse').fill('Aggravation possible la nuit ; aidante épuisée (fictif).');
    await item.getByLabel('Décisions').fill('Astreinte infirmière de nuit à organiser.');
    await item.getByLabel('Action', { exact: true }).fill('Organiser l’astreinte infirmière de nuit');
    const owner = item.getByLabel('Responsable');
    await owner.locator('option', { hasText: 'Nadia Infirmière libérale (démo)' }).waitFor({ state: 'attached' });
    const options = await owner.locator('option').allTextContents();
    if (options.some((o) => o.includes('Coordinatrice'))) throw new Error(`la coordinatrice n’est ni du cercle ni inscrite : ${options.join(' | ')}`);
    await owner.selectOption({ label: options.find((o) => o.startsWith('Nadia Infirmière libérale (démo)')) });
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await item.getByLabel('Échéance').fill(due);
    await shot(coord.page, '19-compte-rendu-responsable');
    await item.getByRole('button', { name: 'Enregistrer le compte-rendu' }).click();
    await item.getByText(/discuté\)/).waitFor();

    // 3. The meeting of March 2024 was held: the coordinator records who took part.
    await card.getByRole('row').filter({ hasText: '2024' }).getByRole('button', { name: /la présence/ }).click();
    const held = coord.page.getByRole('region', { name: /Réunion du/ });
    await held.getByRole('heading', { name: 'Présence à la réunion' }).waitFor();
    await held.getByLabel(/Gilles Généraliste \(démo\)/).check();
    await held.getByLabel(/Chloé Coordinatrice \(démo\)/).check();
    await held.getByRole('button', { name: 'Enregistrer la présence' }).click();
    const presents = held.getByTestId('rcp-presents');
    await presents.getByText(/Chloé Coordinatrice \(démo\), Gilles Généraliste \(démo\)/).waitFor();
    await card.getByRole('row').filter({ hasText: '2024' }).getByRole('button', { name: 'Voir la présence' }).waitFor();
    await shot(coord.page, '19-presence-relevee');

    // 4. The coordinator sets up a series of her own and moves it to Thursday 18:30 (the demo series stays as it is).
    await coord.page.getByText('Organiser une mini-RCP (coordinateurs)').click();
    await coord.page.locator('#rcp-title').fill('Mini-RCP Tarentaise (démo e2e)');
    await coord.page.getByRole('button', { name: 'Créer la réunion' }).click();
    const mine = coord.page.locator('li.card').filter({ has: coord.page.getByRole('heading', { name: 'Mini-RCP Tarentaise (démo e2e)' }) });
    await mine.getByText('chaque mardi à 20:00').waitFor();
    await mine.getByText('Modifier cette mini-RCP').click();
    await mine.getByLabel('Jour').selectOption({ label: 'jeudi' });
    await mine.getByLabel('Heure (Paris)').fill('18:30');
    await mine.getByLabel('Durée (minutes)').fill('45');
    await shot(coord.page, '19-modifier-serie');
    await mine.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await mine.getByText('chaque jeudi à 18:30').waitFor();
    if (coord.problems.length) throw new Error(coord.problems.join('\n'));
    await coord.context.close();

    // 5. The nurse finds the action in "Mes actions" and marks it done; the pathway shows it done.
    const nurse = await openPage(browser, base, PHONE);
    track(nurse.page);
    await nurse.page.goto('/connexion?retour=/coordination/rcp/actions');
    await login(nurse.page, 'infirmiere-liberale@example.org', DEMO_PASSWORD);
    await heading1(nurse.page, 'Mes actions ouvertes').waitFor();
    const action = nurse.page.getByRole('listitem').filter({ hasText: 'Organiser l’astreinte infirmière de nuit' });
    await action.getByRole('button', { name: 'Fait' }).click();
    await action.waitFor({ state: 'detached' });
    await nurse.page.goto(`/coordination/patients/${patientId}`);
    await heading1(nurse.page, 'Albertine Concertée (démo)').waitFor();
    await nurse.page.getByTestId('pathway').getByText(/Action : Organiser l’astreinte infirmière de nuit — Nadia Infirmière libérale \(démo\), pour le .* \(faite\)/).waitFor();
    if (nurse.problems.length) throw new Error(nurse.problems.join('\n'));
    await nurse.context.close();

    // 6. The GP corrects the identity (EHPAD, INS) and records a consent given two days ago by the trusted person.
    await gp.page.goto(`/coordination/patients/${patientId}`);
    await gp.page.getByRole('link', { name: 'Modifier l’identité, le lieu de vie ou les consentements' }).click();
    await heading1(gp.page, 'Identité et consentements').waitFor();
    await gp.page.getByLabel('Lieu de vie', { exact: true }).selectOption({ label: 'EHPAD' });
    await gp.page.getByLabel(/Matricule INS/).fill('2340973054123');
    await gp.page.getByRole('button', { name: 'Enregistrer l’identité' }).click();
    await gp.page.getByText('Identité et lieu de vie enregistrés.').waitFor();
    await gp.page.getByLabel('Pour quoi').selectOption({ label: 'Télé-expertise' });
    await gp.page.getByLabel('Qui l’a exprimé').selectOption({ label: 'Sa personne de confiance' });
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await gp.page.getByLabel(/^Quand/).fill(twoDaysAgo);
    await gp.page.getByRole('button', { name: 'Enregistrer le consentement' }).click();
    await gp.page.getByRole('cell', { name: 'Télé-expertise' }).waitFor();
    await shot(gp.page, '19-identite-consentement');
    const file = await (await gp.page.request.get(`/api/v1/patients/${patientId}`)).json();
    if (file.placeOfLife !== 'ehpad' || file.consents.at(-1)?.givenOn !== twoDaysAgo) throw new Error(`identité ou consentement non enregistrés : ${JSON.stringify(file)}`);
    if (gp.problems.length) throw new Error(gp.problems.join('\n'));
    await gp.context.close();
  },
};
