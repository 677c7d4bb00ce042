import { z } from 'zod';
import {
  inboxPageSchema,
  REQUEST_REASONS,
  supportRequestToFhir,
  inboxQuerySchema,
  myStructuresSchema,
  requestActionInputSchema,
  requestMessageInputSchema,
  structureSettingSchema,
  suggestedStructuresSchema,
  supportRequestInputSchema,
  supportRequestSchema,
  supportRequestSummarySchema,
} from '@palliance/core';
import type { AppInstance } from '../app-types';
import { changeRequestStatus, postRequestMessage } from './act-on-request';
import { createSupportRequest } from './create-support-request';
import { myStructures, setResponseHours, structureInbox } from './inbox';
import { listMyRequests, listPatientRequests, readSupportRequest } from './read-support-request';
import { ALLOWED_FILE_TYPES, attachFile, MAX_FILE_BYTES, readFile } from './request-files';
import { suggestStructures } from './suggest-structures';

const tags = ["Coordonner : demandes d'appui"];
const patientParams = z.object({ id: z.uuid({ error: "Ce dossier patient n'existe pas ou vous ne faites pas partie de son cercle de soins." }) });
const requestParams = z.object({ id: z.uuid({ error: "Cette demande d'appui n'existe pas." }) });
const fileParams = requestParams.extend({ fileId: z.uuid({ error: "Ce fichier n'existe pas." }) });
const structureParams = z.object({ id: z.uuid({ error: "L'identifiant de la structure n'est pas valide." }) });
const fileQuery = z.object({ name: z.string().trim().min(1, 'Donnez le nom du fichier (paramètre name).').max(200, 'Le nom du fichier ne peut pas dépasser 200 caractères.') });

/** Support requests: sending, the structure inbox, statuses, the thread, files. */
export async function requestRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  // Files arrive as the raw body (PDF, JPEG, PNG), only on these routes.
  app.addContentTypeParser(Object.keys(ALLOWED_FILE_TYPES), { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));

  app.get(
    '/api/v1/patients/:id/suggested-structures',
    { config: { access: 'user' }, schema: { tags, summary: 'Structures couvrant la commune du patient (annuaire)', params: patientParams, response: { 200: suggestedStructuresSchema } } },
    async (req) => suggestStructures(deps, req.actor, req.params.id, req.ctx),
  );

  app.get(
    '/api/v1/patients/:id/requests',
    { config: { access: 'user' }, schema: { tags, summary: "Les demandes d'appui pour ce patient", params: patientParams, response: { 200: z.array(supportRequestSummarySchema) } } },
    async (req) => listPatientRequests(deps, req.actor, req.params.id, req.ctx),
  );

  app.post(
    '/api/v1/patients/:id/requests',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "Envoyer une demande d'appui (idempotente : la même clé renvoie la même demande)",
        params: patientParams,
        body: supportRequestInputSchema,
        response: { 200: supportRequestSchema, 201: supportRequestSchema },
      },
    },
    async (req, reply) => {
      const { request, created } = await createSupportRequest(deps, req.actor, req.params.id, req.body, req.ctx);
      return reply.status(created ? 201 : 200).send(request);
    },
  );

  app.get(
    '/api/v1/me/requests',
    { config: { access: 'user' }, schema: { tags, summary: "Les demandes d'appui que j'ai envoyées", response: { 200: z.array(supportRequestSummarySchema) } } },
    async (req) => listMyRequests(deps, req.actor, req.ctx),
  );

  app.get(
    '/api/v1/me/structures',
    { config: { access: 'user' }, schema: { tags, summary: 'Les structures dont je reçois les demandes', response: { 200: myStructuresSchema } } },
    async (req) => myStructures(deps, req.actor),
  );

  app.get(
    '/api/v1/structures/:id/requests',
    { config: { access: 'user' }, schema: { tags, summary: 'Boîte de réception de la structure (pages par curseur)', params: structureParams, querystring: inboxQuerySchema, response: { 200: inboxPageSchema } } },
    async (req) => structureInbox(deps, req.actor, req.params.id, req.query, req.ctx),
  );

  app.put(
    '/api/v1/structures/:id/request-settings',
    { config: { access: 'user' }, schema: { tags, summary: 'Délai de réponse de la structure (heures calendaires)', params: structureParams, body: structureSettingSchema, response: { 200: structureSettingSchema } } },
    async (req) => setResponseHours(deps, req.actor, req.params.id, req.body.responseHours, req.ctx),
  );

  app.get(
    '/api/v1/requests/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Une demande, son fil de discussion, ses fichiers et son historique', params: requestParams, response: { 200: supportRequestSchema } } },
    async (req) => readSupportRequest(deps, req.actor, req.params.id, req.ctx),
  );

  app.get(
    '/api/v1/requests/:id/fhir',
    { config: { access: 'user' }, schema: { tags, summary: 'La demande en FHIR R4 : Bundle ServiceRequest + Task + QuestionnaireResponse', params: requestParams } },
    async (req, reply) => {
      const r = await readSupportRequest(deps, req.actor, req.params.id, req.ctx);
      return reply.type('application/fhir+json').send(supportRequestToFhir({ ...r, reasonLabel: REQUEST_REASONS[r.reason as keyof typeof REQUEST_REASONS] ?? r.reason }));
    },
  );

  app.post(
    '/api/v1/requests/:id/status',
    { config: { access: 'user' }, schema: { tags, summary: 'Accuser réception, accepter, décliner, démarrer, clôturer', params: requestParams, body: requestActionInputSchema, response: { 200: supportRequestSchema } } },
    async (req) => changeRequestStatus(deps, req.actor, req.params.id, req.body, req.ctx),
  );

  app.post(
    '/api/v1/requests/:id/messages',
    { config: { access: 'user' }, schema: { tags, summary: 'Écrire dans le fil de la demande', params: requestParams, body: requestMessageInputSchema, response: { 201: supportRequestSchema } } },
    async (req, reply) => reply.status(201).send(await postRequestMessage(deps, req.actor, req.params.id, req.body.body, req.ctx)),
  );

  app.post(
    '/api/v1/requests/:id/files',
    {
      config: { access: 'user' },
      bodyLimit: MAX_FILE_BYTES,
      schema: { tags, summary: 'Joindre un fichier (corps brut PDF, JPEG ou PNG ; ?name=)', params: requestParams, querystring: fileQuery, response: { 201: supportRequestSchema } },
    },
    async (req, reply) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const mediaType = String(req.headers['content-type'] ?? '');
      return reply.status(201).send(await attachFile(deps, req.actor, req.params.id, { name: req.query.name, mediaType, bytes }, req.ctx));
    },
  );

  app.get(
    '/api/v1/requests/:id/files/:fileId',
    { config: { access: 'user' }, schema: { tags, summary: 'Télécharger un fichier joint', params: fileParams } },
    async (req, reply) => {
      const { file, bytes } = await readFile(deps, req.actor, req.params.id, req.params.fileId, req.ctx);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
}
