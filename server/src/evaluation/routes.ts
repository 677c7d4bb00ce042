import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import {
  evaluationSheetSchema,
  scaleSummarySchema,
  scaleToQuestionnaire,
  scoreAnswerSchema,
  scoreRequestSchema,
  unconfirmedPoints,
  QUESTIONNAIRE_BASE,
} from '@palliance/core';
import type { AppInstance } from '../app-types';
import { renderSheetPdf, scoreSheet, sheetToFhirBundle } from './evaluation-sheet';
import { AppError } from '../http/errors';
import { currentScale, currentScales, importScaleVersion, scaleAtVersion, scaleHistory } from './scale-versions';
import { scoreAnswers } from './score-scale';
import { toFhirError } from '../directory/interop/operation-outcome';

const tags = ['Évaluer et agir'];
const scaleParams = z.object({ id: z.string().max(40) });

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
// Nothing of a calculator-mode evaluation may be kept by a cache on the way.
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export async function evaluationRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get('/api/v1/scales', { schema: { tags, summary: 'Échelles d’évaluation disponibles (version en vigueur)', response: { 200: z.array(scaleSummarySchema) } } }, async () =>
    (await currentScales(deps.handle)).map((s) => ({
      id: s.id,
      version: s.version,
      date: s.date,
      title: s.title,
      shortTitle: s.shortTitle,
      description: s.description,
      questionnaireUrl: `/fhir/R4/Questionnaire/${s.id}`,
      unconfirmed: s.unconfirmed.length > 0 || s.items.some((i) => i.unconfirmed),
    })),
  );

  app.get('/api/v1/scales/unconfirmed', { schema: { tags, summary: 'Points des échelles à confirmer par un éditeur' } }, async () =>
    unconfirmedPoints(await currentScales(deps.handle)),
  );

  app.get('/api/v1/scales/definitions', { schema: { tags, summary: 'Définition en vigueur de toutes les échelles (pour le calcul en direct dans le navigateur)' } }, async () =>
    currentScales(deps.handle),
  );

  app.get('/api/v1/scales/:id', { schema: { tags, summary: 'Définition complète d’une échelle (questions, cotation, seuil, sources)', params: scaleParams } }, async (req) =>
    currentScale(deps.handle, req.params.id),
  );

  app.get('/api/v1/scales/:id/versions', { schema: { tags, summary: 'Historique des versions d’une échelle', params: scaleParams } }, async (req) =>
    scaleHistory(deps.handle, req.params.id),
  );

  app.post(
    '/api/v1/scales/:id/score',
    {
      schema: {
        tags,
        summary: 'Calculer un score (sans compte, rien n’est enregistré)',
        params: scaleParams,
        body: scoreRequestSchema,
        response: { 200: scoreAnswerSchema },
      },
    },
    async (req, reply) => {
      const scale = await currentScale(deps.handle, req.params.id);
      const r = scoreAnswers(scale, req.body.answers);
      noStore(reply);
      return { scaleId: r.scaleId, version: r.version, score: r.score, interpretation: r.interpretation, thresholdReached: r.thresholdReached, highlighted: r.highlighted };
    },
  );

  app.post(
    '/api/v1/evaluations/sheet',
    { schema: { tags, summary: 'Recalculer une fiche d’évaluation complète (scores, justificatif MCI), sans rien enregistrer', body: evaluationSheetSchema } },
    async (req, reply) => {
      const sheet = await scoreSheet(deps.handle, req.body, deps.now());
      noStore(reply);
      return {
        at: sheet.at.toISOString(),
        results: sheet.parts.map((p) => ({ scaleId: p.scale.id, version: p.scale.version, score: p.result.score, interpretation: p.result.interpretation, thresholdReached: p.result.thresholdReached, highlighted: p.result.highlighted })),
        mciJustification: sheet.mciJustification,
        fhir: sheetToFhirBundle(sheet),
      };
    },
  );

  app.post(
    '/api/v1/evaluations/sheet.pdf',
    { schema: { tags, summary: 'PDF de la fiche d’évaluation, produit à partir des réponses (rien n’est enregistré)', body: evaluationSheetSchema } },
    async (req, reply) => {
      const pdf = await renderSheetPdf(await scoreSheet(deps.handle, req.body, deps.now()));
      return noStore(reply)
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="fiche-evaluation-${deps.now().toISOString().slice(0, 10)}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/v1/evaluations/sheet.fhir.json',
    { schema: { tags, summary: 'La fiche en FHIR R4 : Bundle de QuestionnaireResponse (rien n’est enregistré)', body: evaluationSheetSchema } },
    async (req, reply) => {
      const bundle = sheetToFhirBundle(await scoreSheet(deps.handle, req.body, deps.now()));
      return noStore(reply)
        .type(FHIR_JSON)
        .header('content-disposition', `attachment; filename="fiche-evaluation-${deps.now().toISOString().slice(0, 10)}.fhir.json"`)
        .send(JSON.stringify(bundle));
    },
  );

  await app.register(
    async (fhir: AppInstance) => {
      // Like the directory's FHIR API: every failure is an OperationOutcome, never our {code, message} shape.
      fhir.setErrorHandler((err, req, reply) => {
        const answer = toFhirError(err);
        if (answer.log) req.log.error({ err }, 'request failed');
        if (answer.status === 503) reply.header('retry-after', '5');
        return reply.status(answer.status).type(FHIR_JSON).send(JSON.stringify(answer.body));
      });
      fhir.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_req, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(new AppError(400, 'invalid_json', 'Le contenu envoyé n’est pas un JSON valide.'), undefined);
        }
      });
      fhir.get(
        '/Questionnaire/:id/_history/:vid',
        { schema: { tags: ['FHIR R4 (évaluation)'], summary: 'Une version donnée d’une échelle', params: z.object({ id: z.string().max(40), vid: z.coerce.number({ error: 'Le numéro de version est un entier.' }).int().min(1) }) } },
        async (req, reply) => reply.type(FHIR_JSON).send(JSON.stringify(scaleToQuestionnaire(await scaleAtVersion(deps.handle, req.params.id, req.params.vid)))),
      );
      fhir.put(
        '/Questionnaire/:id',
        {
          config: { access: 'reference.edit' },
          schema: {
            tags: ['FHIR R4 (évaluation)'],
            summary: 'Éditeurs : publier une nouvelle version d’une échelle à partir d’un Questionnaire (linkId stables)',
            params: scaleParams,
            querystring: z.object({ changeNote: z.string().trim().max(1000, 'La note de version ne peut pas dépasser 1000 caractères.').optional().default('') }),
          },
        },
        async (req, reply) => {
          const r = await importScaleVersion(deps, req.actor, req.params.id, req.body, req.query.changeNote, req.ctx);
          return reply.status(r.created ? 201 : 200).type(FHIR_JSON).send(JSON.stringify(scaleToQuestionnaire(r.scale)));
        },
      );
      fhir.get('/Questionnaire/:id', { schema: { tags: ['FHIR R4 (évaluation)'], summary: 'Une échelle en Questionnaire FHIR R4', params: scaleParams } }, async (req, reply) => {
        const q = scaleToQuestionnaire(await currentScale(deps.handle, req.params.id));
        return reply.type(FHIR_JSON).header('cache-control', 'public, max-age=300').send(JSON.stringify(q));
      });
      fhir.get('/Questionnaire', { schema: { tags: ['FHIR R4 (évaluation)'], summary: 'Toutes les échelles (Bundle searchset)' } }, async (_req, reply) => {
        const entries = (await currentScales(deps.handle)).map((s) => ({ fullUrl: `${QUESTIONNAIRE_BASE}${s.id}`, resource: scaleToQuestionnaire(s) }));
        return reply.type(FHIR_JSON).send(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: entries.length, entry: entries }));
      });
    },
    { prefix: '/fhir/R4' },
  );
}
