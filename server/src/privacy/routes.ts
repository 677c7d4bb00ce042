import { z } from 'zod';
import { deleteAccountBody } from '@palliance/core';
import type { AppInstance } from '../app-types';
import { requireActor } from '../http/permissions';
import { clearSessionCookie } from '../http/session';
import { deleteAccount } from './delete-account';
import { exportMyData } from './export-my-data';

export async function privacyRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const tags = ['Comptes'];

  app.get(
    '/api/v1/me/data-export',
    { config: { access: 'user' }, schema: { tags, summary: 'Télécharger mes données (JSON)', response: { 200: z.record(z.string(), z.unknown()) } } },
    async (req, reply) => {
      const data = await exportMyData(deps, requireActor(req.actor), req.ctx);
      const day = deps.now().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="palliance-mes-donnees-${day}.json"`);
      reply.header('cache-control', 'no-store');
      return data;
    },
  );

  app.post(
    '/api/v1/me/delete',
    {
      config: { access: 'user', rateLimit: { max: deps.config.authRatePerMinute, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Supprimer mon compte', body: deleteAccountBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteAccount(deps, requireActor(req.actor), req.body, req.ctx);
      clearSessionCookie(reply, deps.config);
      return reply.status(204).send(null);
    },
  );
}
