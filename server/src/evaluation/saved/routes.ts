import { z } from 'zod';
import { palliaRequestSchema, saveEvaluationSchema, savedEvaluationSchema, supportRequestSchema, trendSchema } from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { requestFromPallia } from './pallia-request';
import { evaluationFhir, evaluationPdf, listEvaluations, readEvaluation } from './read-evaluations';
import { saveEvaluation } from './save-evaluation';

const tags = ['Coordonner'];
const notHere = "Ce dossier patient n'existe pas ou vous ne faites pas partie de son cercle de soins.";
const patientParams = z.object({ id: z.uuid({ error: notHere }) });
const evalParams = patientParams.extend({ evaluationId: z.uuid({ error: "Cette évaluation n'existe pas dans ce dossier." }) });

/** Saved evaluations of a patient: every route goes through the care-circle check (404 + audit otherwise). */
export async function savedEvaluationRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  app.post(
    '/api/v1/patients/:id/evaluations',
    { config: { access: 'user' }, schema: { tags, summary: 'Enregistrer une évaluation pour ce patient (scores recalculés par le serveur)', params: patientParams, body: saveEvaluationSchema, response: { 200: savedEvaluationSchema, 201: savedEvaluationSchema } } },
    async (req, reply) => {
      const r = await saveEvaluation(deps, req.actor, req.params.id, req.body, req.ctx);
      return reply.status(r.created ? 201 : 200).send(r.evaluation);
    },
  );
  app.get(
    '/api/v1/patients/:id/evaluations',
    { config: { access: 'user' }, schema: { tags, summary: 'Évaluations enregistrées et évolution de chaque item dans le temps', params: patientParams, response: { 200: trendSchema } } },
    async (req) => listEvaluations(deps, req.actor, req.params.id, req.ctx),
  );
  app.get(
    '/api/v1/patients/:id/evaluations/:evaluationId',
    { config: { access: 'user' }, schema: { tags, summary: 'Une évaluation enregistrée', params: evalParams, response: { 200: savedEvaluationSchema } } },
    async (req) => readEvaluation(deps, req.actor, req.params.id, req.params.evaluationId, req.ctx),
  );
  app.get(
    '/api/v1/patients/:id/evaluations/:evaluationId/pdf',
    { config: { access: 'user' }, schema: { tags, summary: 'Une évaluation enregistrée, à imprimer (PDF)', params: evalParams } },
    async (req, reply) => {
      const pdf = await evaluationPdf(deps, req.actor, req.params.id, req.params.evaluationId, req.ctx);
      return reply.header('cache-control', 'no-store').type('application/pdf').header('content-disposition', `attachment; filename="evaluation-${req.params.evaluationId.slice(0, 8)}.pdf"`).send(Buffer.from(pdf));
    },
  );
  app.get(
    '/api/v1/patients/:id/evaluations/:evaluationId/fhir',
    { config: { access: 'user' }, schema: { tags, summary: 'Une évaluation enregistrée en FHIR R4 (Bundle de QuestionnaireResponse)', params: evalParams } },
    async (req, reply) =>
      reply.header('cache-control', 'no-store').type('application/fhir+json; charset=utf-8').send(JSON.stringify(await evaluationFhir(deps, req.actor, req.params.id, req.params.evaluationId, req.ctx))),
  );
  app.post(
    '/api/v1/patients/:id/evaluations/:evaluationId/support-request',
    { config: { access: 'user' }, schema: { tags, summary: 'Pallia 10 au seuil : demande d’appui en un clic à l’équipe mobile qui couvre la commune du patient', params: evalParams, body: palliaRequestSchema, response: { 200: supportRequestSchema, 201: supportRequestSchema } } },
    async (req, reply) => {
      const r = await requestFromPallia(deps, req.actor, req.params.id, req.params.evaluationId, req.body, req.ctx);
      return reply.status(r.created ? 201 : 200).send(r.request);
    },
  );
}
