import { z } from 'zod';
import { autoMixInputSchema, groupInputSchema, groupSpaceSchema, groupsOverviewSchema, reviewInputSchema, submissionInputSchema } from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { autoMixGroups, createGroup } from './manage-groups';
import { groupsOverview, loadGroupSpace } from './read-groups';
import { readSubmissionFile, reviewWork, submitWork } from './submit-work';

const courseParams = z.object({ id: z.uuid({ error: "L'identifiant du cours n'est pas valide." }) });
const groupParams = z.object({ id: z.uuid({ error: "L'identifiant du groupe n'est pas valide." }) });
const fileParams = groupParams.extend({ submissionId: z.uuid({ error: "L'identifiant du rendu n'est pas valide." }) });
const submissionParams = z.object({ id: z.uuid({ error: "L'identifiant du rendu n'est pas valide." }) });
const tags = ['Se former : groupes'];
const user = { access: 'user' as const };

export async function groupRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get('/api/v1/courses/:id/groups', { config: user, schema: { tags, summary: 'Groupes (tous pour l’équipe, le sien pour un apprenant)', params: courseParams, response: { 200: groupsOverviewSchema } } }, async (req) =>
    groupsOverview(deps, req.actor, req.params.id),
  );

  app.post('/api/v1/courses/:id/groups', { config: user, schema: { tags, summary: 'Créer un groupe à la main', params: courseParams, body: groupInputSchema, response: { 201: groupsOverviewSchema } } }, async (req, reply) =>
    reply.status(201).send(await createGroup(deps, req.actor, req.params.id, req.body, req.ctx)),
  );

  app.post('/api/v1/courses/:id/groups/auto-mix', { config: user, schema: { tags, summary: 'Répartir les inscrits en N groupes pluriprofessionnels', params: courseParams, body: autoMixInputSchema, response: { 201: groupsOverviewSchema } } }, async (req, reply) =>
    reply.status(201).send(await autoMixGroups(deps, req.actor, req.params.id, req.body, req.ctx)),
  );

  app.get('/api/v1/groups/:id', { config: user, schema: { tags, summary: 'Espace du groupe', params: groupParams, response: { 200: groupSpaceSchema } } }, async (req) => loadGroupSpace(deps, req.actor, req.params.id));

  app.post(
    '/api/v1/groups/:id/submissions',
    // A file travels base64-encoded in JSON: up to 5 MB, so the body may reach about 7 MB.
    { config: user, bodyLimit: 8 * 1024 * 1024, schema: { tags, summary: 'Déposer une version du travail', params: groupParams, body: submissionInputSchema, response: { 200: groupSpaceSchema, 201: groupSpaceSchema } } },
    async (req, reply) => {
      const { space, created } = await submitWork(deps, req.actor, req.params.id, req.body, req.ctx);
      return reply.status(created ? 201 : 200).send(space);
    },
  );

  app.get('/api/v1/groups/:id/submissions/:submissionId/file', { config: user, schema: { tags, summary: 'Fichier d’une version (groupe et équipe)', params: fileParams } }, async (req, reply) => {
    const f = await readSubmissionFile(deps, req.actor, req.params.id, req.params.submissionId);
    // Always a download, never rendered by the browser in our origin.
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${f.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .header('cache-control', 'private, no-store')
      .send(f.bytes);
  });

  app.post('/api/v1/group-submissions/:id/reviews', { config: user, schema: { tags, summary: 'Évaluer une version (à revoir / validé)', params: submissionParams, body: reviewInputSchema, response: { 201: groupSpaceSchema } } }, async (req, reply) =>
    reply.status(201).send(await reviewWork(deps, req.actor, req.params.id, req.body, req.ctx)),
  );
}
