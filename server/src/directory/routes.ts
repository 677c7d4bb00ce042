import { z } from 'zod';
import {
  coverageAnswerSchema,
  coverageQuerySchema,
  reportAnswerSchema,
  reportInputSchema,
  structureInputSchema,
  structureReportSchema,
  structureSchema,
  structureSearchAnswerSchema,
  structureSearchQuerySchema,
  structureTypeSchema,
  structureVersionSchema,
} from '@palliance/core';
import type { CoverageAnswer } from '@palliance/core';
import type { AppInstance } from '../app-types';
import type { Actor } from '../http/actor';
import { notFound } from '../http/errors';
import { can } from '../http/permissions';
import { getStructure } from './queries';
import { createStructure, setStructureStatus, updateStructure } from './save-structure';
import { searchStructures, warmSearch } from './search-structures';
import { warmUpOnListen } from '../http/warm-up';
import { answerReport, listReports, reportError } from './structure-reports';
import { listStructureTypes } from './structure-types';
import { whoCoversOf } from './who-covers';

const idParams = z.object({ id: z.uuid({ error: "L'identifiant de la structure n'est pas valide." }) });
const tags = ['Annuaire'];

export async function directoryRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const whoCovers = whoCoversOf(deps);
  warmUpOnListen(app, 'annuaire : qui couvre', () => whoCovers.warm());
  warmUpOnListen(app, 'annuaire : recherche', () => warmSearch(deps));

  async function mayReview(actor: Actor | null, s: { id: string; departement: string | null }): Promise<boolean> {
    if (can(actor, 'directory.edit', { structureId: s.id, departement: s.departement })) return true;
    if (!actor) return false;
    const author = await deps.handle.query('SELECT 1 FROM structure_version WHERE structure_id = $1 AND version = 1 AND changed_by = $2', [s.id, actor.id]);
    return author.length > 0;
  }

  app.get(
    '/api/v1/coverage',
    {
      schema: {
        tags,
        summary: 'Qui couvre cette commune, et quel numéro appeler à ce moment',
        querystring: coverageQuerySchema,
        response: { 200: coverageAnswerSchema },
      },
    },
    // The hottest route of the directory: the answer is written as JSON text by who-covers.ts, from
    // parts kept between requests, and sent as is (the schema above documents it in the OpenAPI).
    async (req, reply) => reply.type('application/json; charset=utf-8').send((await whoCovers(req.query)) as unknown as CoverageAnswer),
  );

  app.get('/api/v1/structure-types', { schema: { tags, response: { 200: z.array(structureTypeSchema) } } }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return listStructureTypes(deps.handle);
  });

  app.get('/api/v1/structures', { schema: { tags, querystring: structureSearchQuerySchema, response: { 200: structureSearchAnswerSchema } } }, async (req) =>
    searchStructures(deps, req.actor, req.query),
  );

  app.post(
    '/api/v1/structures',
    { config: { access: 'directory.propose' }, schema: { tags, body: structureInputSchema, response: { 201: structureSchema } } },
    async (req, reply) => reply.status(201).send(await createStructure(deps, req.actor, req.body, req.ctx)),
  );

  app.get('/api/v1/structures/:id', { schema: { tags, params: idParams, response: { 200: structureSchema } } }, async (req) => {
    const s = await getStructure(deps.db, req.params.id, deps.now());
    // An entry awaiting approval is seen only by its author and by those who may approve or edit it.
    if (!s || (s.status !== 'published' && !(await mayReview(req.actor, s)))) throw notFound('Cette structure n’existe pas.');
    return s;
  });

  app.put(
    '/api/v1/structures/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        body: structureInputSchema,
        response: { 200: structureSchema },
      },
    },
    async (req) => updateStructure(deps, req.actor, req.params.id, req.body, req.query.version, req.ctx),
  );

  app.post(
    '/api/v1/structures/:id/status',
    {
      config: { access: 'user' },
      schema: { tags, params: idParams, body: z.object({ status: z.enum(['published', 'archived'], { error: 'Statut inconnu.' }) }), response: { 200: structureSchema } },
    },
    async (req) => setStructureStatus(deps, req.actor, req.params.id, req.body.status, req.ctx),
  );

  app.get(
    '/api/v1/structures/:id/versions',
    { schema: { tags, params: idParams, response: { 200: z.array(structureVersionSchema) } } },
    async (req) => {
      const s = await getStructure(deps.db, req.params.id, deps.now());
      if (!s || (s.status !== 'published' && !(await mayReview(req.actor, s)))) throw notFound('Cette structure n’existe pas.');
      const rows = await deps.handle.query<{ version: number; changed_at: Date; changed_by_email: string | null; change_kind: string; changed_fields: string[] }>(
        'SELECT version, changed_at, changed_by_email, change_kind, changed_fields FROM structure_version WHERE structure_id = $1 ORDER BY version DESC',
        [req.params.id],
      );
      return rows.map((r) => ({
        version: r.version,
        changedAt: new Date(r.changed_at).toISOString(),
        changedByEmail: r.changed_by_email,
        changeKind: r.change_kind,
        changedFields: r.changed_fields,
      }));
    },
  );

  app.post(
    '/api/v1/structures/:id/reports',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Signaler une erreur', params: idParams, body: reportInputSchema, response: { 201: structureReportSchema } },
    },
    async (req, reply) => reply.status(201).send(await reportError(deps, req.actor, req.params.id, req.body, req.ctx)),
  );

  app.get(
    '/api/v1/structures/:id/reports',
    { config: { access: 'user' }, schema: { tags, params: idParams, response: { 200: z.array(structureReportSchema) } } },
    async (req) => listReports(deps, req.actor, req.params.id),
  );

  app.post(
    '/api/v1/structures/:id/reports/:reportId',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: idParams.extend({ reportId: z.uuid({ error: "L'identifiant du signalement n'est pas valide." }) }),
        body: reportAnswerSchema,
        response: { 200: structureReportSchema },
      },
    },
    async (req) => answerReport(deps, req.actor, req.params.id, req.params.reportId, req.body, req.ctx),
  );
}
