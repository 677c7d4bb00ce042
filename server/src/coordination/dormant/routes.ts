import { z } from 'zod';
import { dormantDocumentInputSchema, dormantFileInputSchema, dormantFileSchema, dormantFileUpdateSchema } from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { activateDormantFile, addDormantDocument, closeDormantFile, createDormantFile, readDormantDocument, readDormantFile, updateDormantFile } from './dormant-file';

const tags = ['Coordonner : dossier dormant HAD'];
const patientParams = z.object({ id: z.uuid({ error: "Ce dossier patient n'existe pas ou vous ne faites pas partie de son cercle de soins." }) });
const docParams = patientParams.extend({ documentId: z.uuid({ error: "Ce document n'existe pas dans ce dossier." }) });

/** The HAD dormant file of a patient; every route goes through the care-circle check. */
export async function dormantFileRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  app.get(
    '/api/v1/patients/:id/dormant-file',
    { config: { access: 'user' }, schema: { tags, summary: 'Le dossier dormant HAD ouvert (ou null)', params: patientParams, response: { 200: dormantFileSchema.nullable() } } },
    async (req) => readDormantFile(deps, req.actor, req.params.id, req.ctx),
  );
  app.post(
    '/api/v1/patients/:id/dormant-file',
    { config: { access: 'user' }, schema: { tags, summary: 'Préparer un dossier dormant avec une HAD de l’annuaire', params: patientParams, body: dormantFileInputSchema, response: { 201: dormantFileSchema } } },
    async (req, reply) => reply.status(201).send(await createDormantFile(deps, req.actor, req.params.id, req.body, req.ctx)),
  );
  app.put(
    '/api/v1/patients/:id/dormant-file',
    { config: { access: 'user' }, schema: { tags, summary: 'Modifier la fiche URGENCE PALLIA et les contacts', params: patientParams, body: dormantFileUpdateSchema, response: { 200: dormantFileSchema } } },
    async (req) => updateDormantFile(deps, req.actor, req.params.id, req.body, req.ctx),
  );
  app.post(
    '/api/v1/patients/:id/dormant-file/documents',
    { config: { access: 'user' }, schema: { tags, summary: 'Joindre une prescription anticipée (document du kit rempli pour ce patient, gardé en PDF)', params: patientParams, body: dormantDocumentInputSchema, response: { 201: dormantFileSchema } } },
    async (req, reply) => reply.status(201).send(await addDormantDocument(deps, req.actor, req.params.id, req.body, req.ctx)),
  );
  app.get(
    '/api/v1/patients/:id/dormant-file/documents/:documentId',
    { config: { access: 'user' }, schema: { tags, summary: 'Une prescription anticipée (PDF)', params: docParams } },
    async (req, reply) => {
      const d = await readDormantDocument(deps, req.actor, req.params.id, req.params.documentId, req.ctx);
      return reply.header('cache-control', 'no-store').type('application/pdf').header('content-disposition', `attachment; filename="prescription-anticipee-${req.params.documentId.slice(0, 8)}.pdf"`).send(d.pdf);
    },
  );
  app.post(
    '/api/v1/patients/:id/dormant-file/activate',
    { config: { access: 'user' }, schema: { tags, summary: 'Activer le dossier dormant (à toute heure ; une seule fois)', params: patientParams, response: { 200: dormantFileSchema } } },
    async (req) => (await activateDormantFile(deps, req.actor, req.params.id, req.ctx)).file,
  );
  app.post(
    '/api/v1/patients/:id/dormant-file/close',
    { config: { access: 'user' }, schema: { tags, summary: 'Clore le dossier dormant', params: patientParams, response: { 200: dormantFileSchema } } },
    async (req) => closeDormantFile(deps, req.actor, req.params.id, req.ctx),
  );
}
