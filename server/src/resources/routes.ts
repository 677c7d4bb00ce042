import { z } from 'zod';
import { kitDocumentInputSchema, kitFillSchema, kitVersionInputSchema } from '@palliance/core';
import type { AppInstance } from '../app-types';
import { fillTemplate } from './fill-template';
import { addKitVersion, createKitDocument, kitDocumentHistory, listKitDocuments, loadKitDocument } from './kit-documents';

const tags = ['Kit urgence palliative'];
// An id or a slug: letters, digits and hyphens only (a NUL or other control byte never reaches the database).
const docParams = z.object({ id: z.string().min(1).max(80).regex(/^[A-Za-z0-9-]+$/, "L'identifiant du document n'est pas valide.") });

export async function resourceRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get('/api/v1/kit/documents', { schema: { tags, summary: 'Documents du kit (version en vigueur)' } }, async () => listKitDocuments(deps.handle));

  app.get(
    '/api/v1/kit/documents/:id',
    {
      schema: {
        tags,
        summary: 'Un document du kit (par identifiant ou adresse courte), version en vigueur ou demandée',
        params: docParams,
        querystring: z.object({ version: z.coerce.number({ error: 'La version est un entier.' }).int().min(1).optional() }),
      },
    },
    async (req) => loadKitDocument(deps.handle, req.params.id, req.query.version),
  );

  app.get('/api/v1/kit/documents/:id/versions', { schema: { tags, summary: 'Historique des versions', params: docParams } }, async (req) =>
    kitDocumentHistory(deps.handle, req.params.id),
  );

  app.post(
    '/api/v1/kit/documents',
    { config: { access: 'reference.edit' }, schema: { tags, summary: 'Éditeurs : créer un document (version 1)', body: kitDocumentInputSchema } },
    async (req, reply) => reply.status(201).send(await createKitDocument(deps, req.actor, req.body, req.ctx)),
  );

  app.post(
    '/api/v1/kit/documents/:id/versions',
    { config: { access: 'reference.edit' }, schema: { tags, summary: 'Éditeurs : publier une nouvelle version (baseVersion = version de départ)', params: docParams, body: kitVersionInputSchema } },
    async (req, reply) => {
      const r = await addKitVersion(deps, req.actor, req.params.id, req.body, req.ctx);
      return reply.status(r.created ? 201 : 200).send(r.document);
    },
  );

  app.post(
    '/api/v1/kit/documents/:id/fill',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'Remplir un modèle et recevoir le PDF (rien n’est enregistré)', params: docParams, body: kitFillSchema },
    },
    async (req, reply) => {
      const filled = await fillTemplate(deps, req.params.id, req.body.values);
      return reply
        .header('cache-control', 'no-store')
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filled.document.slug}-v${filled.document.version}.pdf"`)
        .send(Buffer.from(filled.pdf));
    },
  );
}
