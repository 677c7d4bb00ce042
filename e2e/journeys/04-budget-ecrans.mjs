import { DEMO_PASSWORD, DESKTOP, BUDGET, DEMO_STRUCTURE, log, openPage } from '../lib/support.mjs';

/** @type {import('../lib/support.mjs').Journey} */
export default {
  id: '4',
  name: `budget par écran : au plus ${BUDGET.requests} requêtes et ${BUDGET.bytes / 1024} Ko transférés`,
  async run({ browser, base, track }) {
    const screens = [
      { path: '/', as: null },
      { path: '/annuaire', as: null },
      { path: '/annuaire/communes/73054', as: null },
      { path: `/annuaire/structures/${DEMO_STRUCTURE}`, as: null },
      { path: '/annuaire/carte', as: null },
      { path: '/annuaire/structures/nouvelle', as: 'apprenante@example.org' },
      { path: `/annuaire/structures/${DEMO_STRUCTURE}/modifier`, as: 'responsable@example.org' },
      { path: '/annuaire', as: 'editeur@example.org' },
      { path: '/se-former', as: null },
      { path: '/connexion', as: null },
      { path: '/inscription', as: null },
      { path: '/compte', as: 'apprenante@example.org' },
      { path: '/admin/utilisateurs', as: 'admin@example.org' },
    ];
    /** @type {string[]} */
    const over = [];
    /** @type {string[]} */
    const lines = [];
    for (const screen of screens) {
      const { context, page, problems } = await openPage(browser, base, DESKTOP);
      track(page);
      if (screen.as) {
        const res = await context.request.post('/api/v1/auth/login', { data: { email: screen.as, password: DEMO_PASSWORD } });
        if (!res.ok()) throw new Error(`connexion de ${screen.as} : ${res.status()}`);
      }
      let requests = 0;
      /** @type {Promise<number>[]} */
      const sizes = [];
      page.on('requestfinished', (req) => {
        requests += 1;
        sizes.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
      });
      page.on('requestfailed', () => (requests += 1));
      await page.goto(screen.path, { waitUntil: 'networkidle' });
      await page.locator('h1').first().waitFor();
      const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      const kb = Math.round(bytes / 1024);
      lines.push(`${screen.path} ${requests} req. ${kb} Ko`);
      if (requests > BUDGET.requests || bytes > BUDGET.bytes) over.push(`${screen.path} : ${requests} requêtes, ${kb} Ko`);
      if (problems.length) throw new Error(problems.join('\n'));
      await context.close();
    }
    log(`      ${lines.join(' · ')}`);
    if (over.length) throw new Error(`budget dépassé : ${over.join(' ; ')}`);
  },
};
