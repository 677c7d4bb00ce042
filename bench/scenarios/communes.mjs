// Commune search (the commune field of every form and the directory's "who covers this commune?")
// and the login page, the first page most visitors load.
import { longTailQueries, typedQueries } from '../lib/commune-queries.mjs';

const typed = typedQueries();
const longTail = longTailQueries();

/** @type {import('../lib/types').Scenario} */
export default {
  name: 'communes',
  description: 'recherche de communes et page de connexion',
  requests: [
    {
      name: 'communes-search',
      description: `GET /api/v1/communes?q=… sur ${typed.length} textes saisis (préfixes, accents, « st », codes postaux)`,
      path: (i) => `/api/v1/communes?q=${encodeURIComponent(/** @type {string} */ (typed[i % typed.length]))}`,
      // One pass over the texts first: the server keeps recent answers, and this kind measures
      // the steady state of a busy platform, where common texts have been asked before.
      warmupRequests: typed.length,
      weight: 8,
    },
    {
      name: 'communes-search-long-tail',
      description: `GET /api/v1/communes?q=… sur ${longTail.length} textes distincts (plus que le cache du serveur : la base répond)`,
      path: (i) => `/api/v1/communes?q=${encodeURIComponent(/** @type {string} */ (longTail[i % longTail.length]))}`,
      weight: 1,
    },
    {
      name: 'login-page',
      description: 'GET /connexion (HTML de l’application web)',
      path: () => '/connexion',
      requires: ['web'],
      weight: 1,
    },
  ],
};
