import { z } from 'zod';
import type { AppInstance } from '../app-types';
import { notFound } from '../http/errors';

const caughtMail = z.object({
  id: z.number(),
  receivedAt: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
});

/** The local mailbox of development and tests; absent when a real SMTP server is configured. */
export async function devMailRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/api/v1/dev/mails',
    {
      schema: {
        tags: ['Développement'],
        summary: 'Courriels reçus par le serveur SMTP local (hors production)',
        querystring: z.object({ to: z.string().trim().max(254).optional() }),
        response: { 200: z.array(caughtMail) },
      },
    },
    async (req) => {
      if (!app.deps.catcher) throw notFound();
      return app.deps.catcher.list(req.query.to);
    },
  );
}
