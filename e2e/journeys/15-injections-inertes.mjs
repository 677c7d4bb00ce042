import { DEMO_PASSWORD, DEMO_STRUCTURE, DESKTOP, assertEqual, openPage, shot, login } from '../lib/support.mjs';

const MOOC = '00000000-0000-4000-8000-00000000c001';
const PATIENT = '00000000-0000-4000-8000-0000000d0001';

/**
 * Everything a user may type that another person's browser shows, tried with the usual script
 * injections. Each payload would set window.__xss if it ever ran; a visible marker (INJ-…) says the
 * field is on the page.
 */
const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '<img src=x onerror="window.__xss=1">';
const SVG = '<svg onload="window.__xss=1"></svg>';
const JS_LINK = 'javascript:window.__xss=1';
const payload = (/** @type {string} */ marker) => `${marker} ${SCRIPT} ${IMG} ${SVG} [cliquez ici](${JS_LINK}) <a href="${JS_LINK}">lien</a> ${JS_LINK}`;
const short = (/** @type {string} */ marker) => `${marker} ${IMG}`;

/**
 * Calls the API with the page's session (same cookies, and the Origin the server checks).
 * @param {import('playwright-core').Page} page
 * @param {string} base
 * @param {string} method
 * @param {string} url
 * @param {unknown} [data]
 */
async function api(page, base, method, url, data) {
  const res = await page.request.fetch(base + url, { method, data, headers: { origin: base } });
  const text = await res.text();
  if (res.status() >= 300) throw new Error(`${method} ${url} : ${res.status()} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Opens a page showing a payload and checks nothing of it ran or became an element.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @param {string} marker
 * @param {string[]} dialogs
 */
async function assertInert(page, url, marker, dialogs) {
  await page.goto(url);
  // Attached is enough (some texts sit in a closed <details>): what matters is what the DOM holds.
  await page.getByText(marker).first().waitFor({ state: 'attached' });
  await page.waitForTimeout(300);
  const where = `${url} (${marker})`;
  assertEqual(await page.evaluate(() => /** @type {any} */ (window).__xss), undefined, `window.__xss sur ${where}`);
  assertEqual(dialogs.length, 0, `boîte de dialogue ouverte sur ${where}`);
  assertEqual(await page.locator('img[src="x"]').count(), 0, `image injectée sur ${where}`);
  assertEqual(await page.locator('[onerror], [onload], [onclick]').count(), 0, `attribut d’évènement injecté sur ${where}`);
  assertEqual(await page.locator('a[href^="javascript:" i]').count(), 0, `lien javascript: sur ${where}`);
  const injectedScript = await page.evaluate(() => [...document.scripts].some((s) => (s.textContent ?? '').includes('__xss')));
  assertEqual(injectedScript, false, `balise script injectée sur ${where}`);
  assertEqual(await page.locator('svg[onload]').count(), 0, `svg injecté sur ${where}`);
  await shot(page, `15-${marker}`);
}

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '15',
  name: 'injections de script dans chaque champ saisi : inertes à l’affichage',
  async run({ browser, base, track }) {
    const stamp = Date.now().toString(36);
    const m = (/** @type {string} */ name) => `INJ-${name}-${stamp}`;

    /**
     * A signed-in desktop page that records any dialog (alert, confirm, prompt) and dismisses it.
     * @param {string} email
     */
    async function as(email) {
      const opened = await openPage(browser, base, DESKTOP);
      track(opened.page);
      /** @type {string[]} */
      const dialogs = [];
      opened.page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss().catch(() => {});
      });
      await opened.page.goto('/connexion');
      await login(opened.page, email, DEMO_PASSWORD);
      await opened.page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
      return { ...opened, dialogs };
    }

    // 1. The forum animator: her name, a thread title and a Markdown message.
    const animator = await as('animatrice@example.org');
    {
      const { page, dialogs } = animator;
      const me = await api(page, base, 'GET', '/api/v1/me');
      const profile = me.user ?? me;
      const keep = { firstName: profile.firstName, lastName: profile.lastName };
      const editable = {
        firstName: short(m('prenom')),
        lastName: `${SVG} Nom`,
        profession: profile.profession,
        professionOther: profile.professionOther ?? null,
        practiceMode: profile.practiceMode,
        departement: profile.departement,
        rpps: profile.rpps ?? null,
      };
      await api(page, base, 'PUT', '/api/v1/me/profile', editable);
      try {
        const thread = await api(page, base, 'POST', `/api/v1/courses/${MOOC}/forum/threads`, { title: short(m('sujet')), body: payload(m('message')) });
        const threadId = thread.id ?? thread.thread?.id;
        await api(page, base, 'POST', `/api/v1/forum/threads/${threadId}/replies`, { body: `${payload(m('reponse'))}\n\n<iframe src="${JS_LINK}"></iframe>` });
        await assertInert(page, `/se-former/forum/sujets/${threadId}`, m('reponse'), dialogs);
        await assertInert(page, `/se-former/forum/sujets/${threadId}`, m('prenom'), dialogs);
        assertEqual(await page.locator('iframe').count(), 0, 'iframe injectée dans le forum');
        await assertInert(page, `/se-former/cours/${MOOC}/forum`, m('sujet'), dialogs);
      } finally {
        await api(page, base, 'PUT', '/api/v1/me/profile', { ...editable, ...keep });
      }
      if (animator.problems.length) throw new Error(animator.problems.join('\n'));
      await animator.context.close();
    }

    // 2. The content editor: a course, an event, a structure, a survey (FHIR import), a kit document.
    const editor = await as('editeur@example.org');
    {
      const { page, dialogs } = editor;
      const course = await api(page, base, 'POST', '/api/v1/courses', {
        slug: `cours-injection-${stamp}`,
        title: short(m('cours')),
        kind: 'mooc',
        summary: `${m('resume')} ${SCRIPT}`,
        description: payload(m('description-cours')),
        estimatedHoursPerWeek: 1,
        status: 'draft',
      });
      await assertInert(page, `/se-former/cours/${course.id}`, m('description-cours'), dialogs);

      const inAWeek = Date.now() + 7 * 86_400_000;
      const event = await api(page, base, 'POST', '/api/v1/events', {
        kind: 'webinar',
        title: short(m('evenement')),
        description: payload(m('description-evenement')),
        organiserName: `${SVG} Organisation`,
        videoUrl: 'https://visio.example.org/parcours-15',
        departement: '34',
        status: 'published',
        startsAt: new Date(inAWeek).toISOString(),
        endsAt: new Date(inAWeek + 3_600_000).toISOString(),
      });
      const eventId = event.id ?? event.event?.id;
      await assertInert(page, `/se-former/evenements/${eventId}`, m('description-evenement'), dialogs);
      await assertInert(page, '/se-former/evenements', m('evenement'), dialogs);

      const types = await api(page, base, 'GET', '/api/v1/structure-types');
      const typeId = (types.items ?? types)[0].id ?? (types.items ?? types)[0].code;
      const structure = await api(page, base, 'POST', '/api/v1/structures', {
        name: short(m('structure')),
        types: [typeId],
        communeCode: '34172',
        description: payload(m('description-structure')),
      });
      await assertInert(page, `/annuaire/structures/${structure.id}`, m('description-structure'), dialogs);

      const survey = await api(page, base, 'POST', '/api/v1/surveys', {
        questionnaire: {
          resourceType: 'Questionnaire',
          status: 'active',
          title: short(m('questionnaire')),
          item: [
            { linkId: 'q1', type: 'string', text: payload(m('question')) },
            { linkId: 'q2', type: 'choice', text: short(m('question-choix')), answerOption: [{ valueCoding: { code: 'a', display: `${SVG} Oui` } }, { valueCoding: { code: 'b', display: 'Non' } }] },
          ],
        },
      });
      const surveyId = survey.id ?? survey.survey?.id;
      await assertInert(page, `/mesurer/questionnaires/${surveyId}`, m('question'), dialogs);
      // The public answering page, as a respondent sees it.
      await assertInert(page, new URL(survey.publicUrl).pathname, m('question'), dialogs);

      const kit = await api(page, base, 'GET', '/api/v1/kit/documents');
      const doc = (kit.items ?? kit)[0];
      const docKey = doc.slug ?? doc.documentId ?? doc.id;
      const current = await api(page, base, 'GET', `/api/v1/kit/documents/${docKey}`);
      await api(page, base, 'POST', `/api/v1/kit/documents/${docKey}/versions`, {
        title: short(m('kit')),
        body: `${payload(m('texte-kit'))}\n\n${current.body}`,
        placeholders: current.placeholders ?? [],
        authors: [`${IMG} Auteur`],
        source: `${SCRIPT} Source`,
        reviewDate: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
        changeNote: 'Contrôle des injections (parcours 15)',
        baseVersion: current.version,
      });
      await assertInert(page, `/outils/kit/${current.slug ?? docKey}`, m('texte-kit'), dialogs);
      if (editor.problems.length) throw new Error(editor.problems.join('\n'));
      await editor.context.close();
    }

    // 3. The GP of a demo patient: a shared note and a support request.
    const gp = await as('medecin-traitant@example.org');
    {
      const { page, dialogs } = gp;
      await api(page, base, 'POST', `/api/v1/patients/${PATIENT}/entries`, { kind: 'note', body: payload(m('note')) });
      await assertInert(page, `/coordination/patients/${PATIENT}`, m('note'), dialogs);
      const request = await api(page, base, 'POST', `/api/v1/patients/${PATIENT}/requests`, {
        structureId: DEMO_STRUCTURE,
        reason: 'pain',
        urgency: 'routine',
        body: payload(m('demande')),
        idempotencyKey: `injection-${stamp}`,
      });
      await api(page, base, 'POST', `/api/v1/requests/${request.id}/messages`, { body: payload(m('fil')) });
      await assertInert(page, `/coordination/demandes/${request.id}`, m('demande'), dialogs);
      await assertInert(page, `/coordination/demandes/${request.id}`, m('fil'), dialogs);
      if (gp.problems.length) throw new Error(gp.problems.join('\n'));
      await gp.context.close();
    }
  },
};
