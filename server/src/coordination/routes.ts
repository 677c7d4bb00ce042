import { z } from 'zod';
import {
  accessLogEntrySchema,
  careCircleToFhir,
  circleMemberInputSchema,
  consentInputSchema,
  createPatientSchema,
  entriesQuerySchema,
  entryInputSchema,
  entrySchema,
  patientFileSchema,
  patientIdentitySchema,
  patientSummarySchema,
} from '@palliance/core';
import type { AppInstance } from '../app-types';
import { addEntry } from './add-entry';
import { createPatient, recordConsent, updatePatientIdentity } from './create-patient';
import { addCircleMember, removeCircleMember } from './manage-circle';
import { listEntries, listMyPatients, readAccessLog, readPatientFile } from './patient-file';
import { requestRoutes } from './request-routes';

const tags = ['Coordonner'];
const patientParams = z.object({ id: z.uuid({ error: "Ce dossier patient n'existe pas ou vous ne faites pas partie de son cercle de soins." }) });
const memberParams = patientParams.extend({ memberId: z.uuid({ error: "L'identifiant du membre n'est pas valide." }) });

/**
 * Patient files and care circles. Every route with a patient id goes through assertCircleMember
 * (patient-access.ts): non-members get 404 and the attempt is audited.
 */
export async function coordinationRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get(
    '/api/v1/patients',
    { config: { access: 'user' }, schema: { tags, summary: 'Mes cercles de soins : les patients que je suis', response: { 200: z.array(patientSummarySchema) } } },
    async (req) => listMyPatients(deps, req.actor, req.ctx),
  );

  app.post(
    '/api/v1/patients',
    { config: { access: 'user' }, schema: { tags, summary: 'Ouvrir un dossier patient (son créateur entre dans le cercle)', body: createPatientSchema, response: { 201: patientFileSchema } } },
    async (req, reply) => reply.status(201).send(await createPatient(deps, req.actor, req.body, req.ctx)),
  );

  app.get(
    '/api/v1/patients/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Le dossier : identité, consentements, cercle de soins', params: patientParams, response: { 200: patientFileSchema } } },
    async (req) => readPatientFile(deps, req.actor, req.params.id, req.ctx),
  );

  app.put(
    '/api/v1/patients/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Modifier l’identité ou le lieu de vie', params: patientParams, body: patientIdentitySchema, response: { 200: patientFileSchema } } },
    async (req) => updatePatientIdentity(deps, req.actor, req.params.id, req.body, req.ctx),
  );

  app.post(
    '/api/v1/patients/:id/consents',
    { config: { access: 'user' }, schema: { tags, summary: 'Enregistrer un consentement (ou son retrait)', params: patientParams, body: consentInputSchema, response: { 201: patientFileSchema } } },
    async (req, reply) => reply.status(201).send(await recordConsent(deps, req.actor, req.params.id, req.body, req.ctx)),
  );

  app.post(
    '/api/v1/patients/:id/circle',
    { config: { access: 'user' }, schema: { tags, summary: 'Ajouter un professionnel, une structure ou un aidant au cercle', params: patientParams, body: circleMemberInputSchema, response: { 201: patientFileSchema } } },
    async (req, reply) => reply.status(201).send(await addCircleMember(deps, req.actor, req.params.id, req.body, req.ctx)),
  );

  app.delete(
    '/api/v1/patients/:id/circle/:memberId',
    { config: { access: 'user' }, schema: { tags, summary: 'Retirer un membre du cercle', params: memberParams, response: { 200: patientFileSchema } } },
    async (req) => removeCircleMember(deps, req.actor, req.params.id, req.params.memberId, req.ctx),
  );

  app.get(
    '/api/v1/patients/:id/entries',
    { config: { access: 'user' }, schema: { tags, summary: 'Notes partagées, cahier de liaison, changements du plan de traitement', params: patientParams, querystring: entriesQuerySchema, response: { 200: z.array(entrySchema) } } },
    async (req) => listEntries(deps, req.actor, req.params.id, req.query.kind, req.ctx),
  );

  app.post(
    '/api/v1/patients/:id/entries',
    { config: { access: 'user' }, schema: { tags, summary: 'Écrire une note, une entrée du cahier de liaison ou un changement de traitement', params: patientParams, body: entryInputSchema, response: { 201: entrySchema } } },
    async (req, reply) => reply.status(201).send(await addEntry(deps, req.actor, req.params.id, req.body, req.ctx)),
  );

  app.get(
    '/api/v1/patients/:id/access-log',
    { config: { access: 'user' }, schema: { tags, summary: 'Qui a consulté ou modifié le dossier', params: patientParams, response: { 200: z.array(accessLogEntrySchema) } } },
    async (req) => readAccessLog(deps, req.actor, req.params.id, req.ctx),
  );

  app.get(
    '/api/v1/patients/:id/care-team.fhir',
    { config: { access: 'user' }, schema: { tags, summary: 'Le cercle de soins en FHIR R4 (CareTeam)', params: patientParams } },
    async (req, reply) => reply.type('application/fhir+json').send(careCircleToFhir(await readPatientFile(deps, req.actor, req.params.id, req.ctx))),
  );

  await requestRoutes(app);
}
