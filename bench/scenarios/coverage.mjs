// The directory at national scale: "who covers this commune, whom do I call now?", the structure
// search and the weight of the directory page, on 10,000 generated structures
// (bench/generate-national.mjs) kept in a cached database between runs.
import { DEFAULT_SEED, DEFAULT_STRUCTURES, ensureNationalDatabase } from '../generate-national.mjs';
import { prng, searchQueries, territory } from '../lib/national-data.mjs';
import { pageWeight } from '../lib/page-weight.mjs';

const DATABASE = 'palliance_bench_national';

/**
 * (commune, instant) pairs: communes drawn uniformly among every INSEE code the server knows
 * (~35,000, Paris/Lyon/Marseille arrondissements included), instants uniformly over the week of
 * Monday 9 to Sunday 15 November 2026 (days, nights, the weekend, and Wednesday 11 November, a
 * public holiday), written in Paris time (+01:00 that week).
 */
function coverageRequests(count = 200_000) {
  const codes = territory().communes.map((c) => c.code);
  const random = prng(1109);
  const weekStart = Date.UTC(2026, 10, 8, 23, 0); // Monday 9 November 2026, 00:00 in Paris
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return Array.from({ length: count }, () => {
    const code = /** @type {string} */ (codes[Math.floor(random() * codes.length)]);
    const local = new Date(weekStart + 3_600_000 + Math.floor(random() * 7 * 24 * 60) * 60_000);
    const at = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00+01:00`;
    return `/api/v1/coverage?commune=${code}&at=${encodeURIComponent(at)}`;
  });
}

const coverage = coverageRequests();
const searches = searchQueries();

/** @type {import('../lib/types').Scenario} */
export default {
  name: 'coverage',
  description: `annuaire national (${DEFAULT_STRUCTURES} structures générées) : qui couvre, recherche, poids de la page`,
  async database(ctx) {
    if (ctx.engine !== 'postgres') throw new Error('le scénario coverage tourne sur PostgreSQL seulement (base nationale générée en SQL)');
    return ensureNationalDatabase({
      adminUrl: ctx.adminUrl,
      name: DATABASE,
      structures: DEFAULT_STRUCTURES,
      seed: DEFAULT_SEED,
      regenerate: ctx.options.regenerate,
      log: ctx.log,
      startServer: ctx.startServer,
    });
  },
  requests: [
    {
      name: 'coverage-now',
      description: `GET /api/v1/coverage?commune=…&at=… sur ${coverage.length} couples (commune au hasard parmi toutes, instant au hasard dans une semaine)`,
      path: (i) => /** @type {string} */ (coverage[i % coverage.length]),
      weight: 8,
    },
    {
      name: 'directory-search',
      description: `GET /api/v1/structures?q=…&pageSize=20 sur ${searches.length} textes (mots des descriptions, sigles, lieux, sans accents, fautes)`,
      path: (i) => `/api/v1/structures?q=${encodeURIComponent(/** @type {string} */ (searches[i % searches.length]))}&pageSize=20`,
      weight: 2,
    },
  ],
  probes: [
    {
      name: 'directory-page',
      description: 'premier chargement de /annuaire : HTML, ressources, chunk de la route, appels API',
      requires: ['web'],
      async run({ baseUrl }) {
        const w = await pageWeight({
          baseUrl,
          page: '/annuaire',
          routeChunk: 'DirectoryPage',
          // What the page asks for as it opens (session, structure types, the first page of the list).
          api: ['/api/v1/me', '/api/v1/structure-types', '/api/v1/structures?page=1&pageSize=20'],
        });
        if (w.problems.length) throw new Error(w.problems.join(' ; '));
        return { count: w.files.length, errors: 0, ...w };
      },
    },
  ],
};
