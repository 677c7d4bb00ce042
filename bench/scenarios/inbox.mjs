// A structure's inbox with 10,000 open support requests (bulk SQL seed on PostgreSQL): the first page
// of the inbox, and sending a new request (issue #6 budgets: p95 under 50 ms each).
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, freshDatabase } from '../lib/server.mjs';

const OPEN_REQUESTS = 10_000;
const STRUCTURE = '00000000-0000-4000-8000-00000000a001'; // demo EMSP of Montpellier (seed/demo.ts)
const PATIENTS = ['00000000-0000-4000-8000-0000000d0001', '00000000-0000-4000-8000-0000000d0002']; // demo patients (coordination/demo-patients.ts)
const PASSWORD = 'Palliance-demo-2026';

const pg = () => /** @type {typeof import('pg')} */ (createRequire(path.join(ROOT, 'server', 'package.json'))('pg'));

/**
 * 10,000 open requests of the demo GP to the demo EMSP, spread over 30 days and the four open
 * statuses. They are marked as answered in time (first_response_at) so the reminder and escalation
 * sweep leaves them alone during the measure.
 */
const SEED_SQL = `
INSERT INTO support_request (patient_id, structure_id, requester_id, structure_name, requester_name, idempotency_key, reason, urgency, body, status,
  patient_commune_code, patient_departement, response_hours, sent_at, due_at, reminder_at, received_at, first_response_at, updated_at)
SELECT (ARRAY[$1::uuid, $2::uuid])[1 + g % 2], $3::uuid, u.id, 'Équipe mobile de soins palliatifs Montpellier (démo)', 'Gilles Généraliste (démo)',
       'bench-inbox-' || g, (ARRAY['pain','other_symptoms','sedation','complex_decision','orientation'])[1 + g % 5], (ARRAY['routine','routine','urgent'])[1 + g % 3],
       'Demande générée pour le banc d’essai.', (ARRAY['sent','received','accepted','in_progress'])[1 + g % 4],
       '34172', '34', 48, t, t + interval '48 hours', t + interval '36 hours', t + interval '10 minutes', t + interval '1 hour', t
FROM generate_series(1, ${OPEN_REQUESTS}) AS g
CROSS JOIN LATERAL (SELECT now() - (g % 43200) * interval '1 minute' AS t) AS times
CROSS JOIN (SELECT id FROM app_user WHERE email = 'medecin-traitant@example.org') AS u`;

let sent = 0;
const RUN = Date.now().toString(36);

/** @type {import('../lib/types').Scenario} */
export default {
  name: 'inbox',
  description: `boîte de réception d’une structure avec ${OPEN_REQUESTS} demandes ouvertes : première page, envoi d’une demande`,
  server: { demoData: true },
  async database(ctx) {
    if (ctx.engine !== 'postgres') throw new Error('le scénario inbox tourne sur PostgreSQL seulement (données en SQL en masse)');
    const target = await freshDatabase('postgres', 'inbox', ctx.adminUrl, ctx.options.keep);
    // A first start migrates and loads the demo accounts, directory and patients; then the bulk seed.
    const first = await ctx.startServer(target, { logName: 'inbox-setup' });
    await first.stop();
    const client = new (pg().Client)({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      const started = Date.now();
      const r = await client.query(SEED_SQL, [...PATIENTS, STRUCTURE]);
      await client.query('ANALYZE support_request');
      ctx.log(`inbox : ${r.rowCount} demandes ouvertes insérées en ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (r.rowCount !== OPEN_REQUESTS) throw new Error('les comptes de démonstration manquent (DEMO_DATA)');
    } finally {
      await client.end();
    }
    return target;
  },
  requests: [
    {
      name: 'inbox-first-page',
      description: `GET /api/v1/structures/:id/requests?state=open : première page de la boîte de réception (${OPEN_REQUESTS} demandes ouvertes), par un membre de l’équipe`,
      async setup(ctx) {
        return { headers: { cookie: await ctx.login('membre@example.org', PASSWORD) } };
      },
      path: () => `/api/v1/structures/${STRUCTURE}/requests?state=open`,
    },
    {
      name: 'request-send',
      method: 'POST',
      description: 'POST /api/v1/patients/:id/requests : le médecin traitant envoie une demande d’appui (nouvelle clé à chaque envoi)',
      async setup(ctx) {
        return { headers: { cookie: await ctx.login('medecin-traitant@example.org', PASSWORD), origin: ctx.baseUrl, 'content-type': 'application/json' } };
      },
      path: () => `/api/v1/patients/${PATIENTS[0]}/requests`,
      body: () => {
        sent += 1;
        return JSON.stringify({ structureId: STRUCTURE, reason: 'pain', urgency: 'routine', body: 'Banc d’essai : demande envoyée.', evaluations: [], idempotencyKey: `bench-send-${RUN}-${sent}` });
      },
    },
  ],
};
