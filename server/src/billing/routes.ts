import { billingEligibility, billingEligibilitySchema, billingMemoInputSchema } from '@palliance/core';
import type { AppInstance } from '../app-types';
import { billingMemoHistory, currentBillingMemo, publishBillingMemo } from './billing-memo';

const tags = ['Mémo des cotations'];

export async function billingRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get('/api/v1/billing/codes', { schema: { tags, summary: 'Mémo des cotations en vigueur (VSP, VL, MCI, PLL, BSI, MD) avec sources' } }, async () =>
    currentBillingMemo(deps.handle),
  );

  app.get('/api/v1/billing/versions', { schema: { tags, summary: 'Historique des versions du mémo' } }, async () => billingMemoHistory(deps.handle));

  app.put(
    '/api/v1/billing/codes',
    { config: { access: 'reference.edit' }, schema: { tags, summary: 'Éditeurs : publier une nouvelle version du mémo', body: billingMemoInputSchema } },
    async (req, reply) => {
      const r = await publishBillingMemo(deps, req.actor, req.body, req.ctx);
      return reply.status(r.created ? 201 : 200).send(r.memo);
    },
  );

  app.post(
    '/api/v1/billing/eligibility',
    { schema: { tags, summary: 'Quelles cotations s’appliquent, pourquoi, avec quel justificatif', body: billingEligibilitySchema } },
    async (req) => {
      const memo = await currentBillingMemo(deps.handle);
      return { version: memo.version, date: memo.date, answers: billingEligibility(req.body, memo.codes) };
    },
  );
}
