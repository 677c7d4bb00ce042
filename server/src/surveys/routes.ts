import QRCode from 'qrcode';
import { z } from 'zod';
import {
  draftBodySchema,
  fhirQuestionnaireSchema,
  importRejectedSchema,
  importResultSchema,
  reportOptionsSchema,
  respondentViewSchema,
  savedResponseSchema,
  surveyCreateSchema,
  surveyDetailSchema,
  surveySettingsSchema,
  surveySummarySchema,
  themesBodySchema,
} from '@palliance/core';
import type { AppInstance } from '../app-types';
import { exportResponsesCsv, exportResponsesFhir } from './export-responses';
import { importResponses, ImportRejected } from './import-responses';
import { findSurvey, listSurveyRows, publicUrl, toDetail, toSummary } from './load-survey';
import { createSurvey, replaceQuestionnaire, updateSettings } from './manage-survey';
import { reportToCsv, reportToPdf } from './report-exports';
import { respondentView, saveResponse } from './respond';
import { surveyReport } from './survey-report';
import { tagThemes } from './tag-themes';

const tags = ['Mesurer : questionnaires'];
const idParams = z.object({ id: z.uuid({ error: "L'identifiant du questionnaire n'est pas valide." }) });
const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, "Le lien du questionnaire n'est pas valide.") });
const themeParams = idParams.extend({ responseId: z.uuid({ error: "L'identifiant de la réponse n'est pas valide." }), linkId: z.string().min(1).max(64) });
/** 100,000 responses of 60 items as CSV is about 30 MB. */
const IMPORT_LIMIT = 64 * 1024 * 1024;

const fileName = (title: string, ext: string) =>
  `${title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .toLowerCase() || 'questionnaire'}.${ext}`;

export async function surveyRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  // Encapsulated in this plugin: only the import route reads CSV bodies.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_LIMIT }, (_req, body, done) => done(null, body));

  app.get('/api/v1/surveys', { config: { access: 'survey.manage' }, schema: { tags, summary: 'Questionnaires et modèles', response: { 200: z.array(surveySummarySchema) } } }, async () =>
    (await listSurveyRows(deps.db)).map((r) => toSummary(r, deps.now(), deps.config.publicUrl)),
  );

  app.post(
    '/api/v1/surveys',
    { config: { access: 'survey.manage' }, schema: { tags, summary: 'Créer un questionnaire (import FHIR Questionnaire ou copie d’un modèle)', body: surveyCreateSchema, response: { 201: surveyDetailSchema } } },
    async (req, reply) => reply.status(201).send(await createSurvey(deps, req.actor, req.body, req.ctx)),
  );

  app.get('/api/v1/surveys/:id', { config: { access: 'survey.manage' }, schema: { tags, params: idParams, response: { 200: surveyDetailSchema } } }, async (req) =>
    toDetail(await findSurvey(deps.db, req.params.id), deps.now(), deps.config.publicUrl),
  );

  app.put(
    '/api/v1/surveys/:id/settings',
    { config: { access: 'survey.manage' }, schema: { tags, summary: 'Diffusion : titre, mode anonyme ou identifié, dates d’ouverture et de clôture', params: idParams, body: surveySettingsSchema, response: { 200: surveyDetailSchema } } },
    async (req) => updateSettings(deps, req.actor, req.params.id, req.body, req.ctx),
  );

  app.put(
    '/api/v1/surveys/:id/questionnaire',
    { config: { access: 'survey.manage' }, schema: { tags, summary: 'Remplacer le questionnaire (FHIR R4)', params: idParams, body: fhirQuestionnaireSchema, response: { 200: surveyDetailSchema } } },
    async (req) => replaceQuestionnaire(deps, req.actor, req.params.id, req.body, req.ctx),
  );

  app.get('/api/v1/surveys/:id/questionnaire', { config: { access: 'survey.manage' }, schema: { tags, summary: 'Export FHIR R4 Questionnaire', params: idParams } }, async (req, reply) => {
    const s = await findSurvey(deps.db, req.params.id);
    return reply
      .type('application/fhir+json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(s.title, 'questionnaire.json')}"`)
      .send(JSON.stringify(s.questionnaire, null, 2));
  });

  app.get('/api/v1/surveys/:id/qr.svg', { config: { access: 'survey.manage' }, schema: { tags, summary: 'QR code du lien public', params: idParams } }, async (req, reply) => {
    const s = await findSurvey(deps.db, req.params.id);
    const svg = await QRCode.toString(publicUrl(deps.config.publicUrl, s.public_token), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
  });

  app.post(
    '/api/v1/surveys/:id/responses/import',
    {
      config: { access: 'survey.manage' },
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags,
        summary: 'Importer des réponses (CSV, tout ou rien)',
        description: 'Corps text/csv : en-tête = linkId des questions, choix multiples séparés par « ; », booléens true/false, vide = sans réponse. En-tête Idempotency-Key facultatif.',
        params: idParams,
        body: z.string({ error: 'Envoyez le fichier CSV (Content-Type: text/csv).' }),
        response: { 200: importResultSchema, 201: importResultSchema, 400: importRejectedSchema.or(z.object({ code: z.string(), message: z.string(), field: z.string().optional() })) },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      try {
        const r = await importResponses(deps, req.actor, req.params.id, req.body, typeof key === 'string' ? key : undefined, req.ctx);
        return reply.status(r.alreadyImported ? 200 : 201).send(r);
      } catch (err) {
        if (err instanceof ImportRejected) return reply.status(400).send({ code: 'invalid_file' as const, message: err.message, problems: err.problems, problemCount: err.problemCount });
        throw err;
      }
    },
  );

  app.get('/api/v1/surveys/:id/responses.csv', { config: { access: 'survey.manage' }, schema: { tags, summary: 'Export des réponses (format d’import)', params: idParams } }, async (req, reply) => {
    const s = await findSurvey(deps.db, req.params.id);
    const csv = await exportResponsesCsv(deps, req.actor, req.params.id);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName(s.title, 'reponses.csv')}"`).send(csv);
  });

  app.get('/api/v1/surveys/:id/responses.fhir.json', { config: { access: 'survey.manage' }, schema: { tags, summary: 'Export FHIR R4 (Bundle de QuestionnaireResponse)', params: idParams } }, async (req, reply) => {
    const bundle = await exportResponsesFhir(deps, req.actor, req.params.id);
    return reply.type('application/fhir+json; charset=utf-8').send(JSON.stringify(bundle));
  });

  app.post(
    '/api/v1/surveys/:id/report',
    { config: { access: 'survey.manage' }, schema: { tags, summary: 'Rapport d’analyse (JSON)', params: idParams, body: reportOptionsSchema } },
    async (req, reply) => reply.type('application/json; charset=utf-8').send(JSON.stringify(await surveyReport(deps, req.actor, req.params.id, req.body))),
  );

  app.post(
    '/api/v1/surveys/:id/report/csv',
    { config: { access: 'survey.manage' }, schema: { tags, summary: 'Rapport d’analyse (CSV)', params: idParams, body: reportOptionsSchema } },
    async (req, reply) => {
      const r = await surveyReport(deps, req.actor, req.params.id, req.body);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName(r.questionnaire.title, 'rapport.csv')}"`).send(reportToCsv(r));
    },
  );

  app.post(
    '/api/v1/surveys/:id/report/pdf',
    { config: { access: 'survey.manage' }, schema: { tags, summary: 'Rapport d’analyse (PDF imprimable)', params: idParams, body: reportOptionsSchema } },
    async (req, reply) => {
      const r = await surveyReport(deps, req.actor, req.params.id, req.body);
      const pdf = await reportToPdf(r, deps.now());
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName(r.questionnaire.title, 'rapport.pdf')}"`).send(Buffer.from(pdf));
    },
  );

  app.put(
    '/api/v1/surveys/:id/responses/:responseId/themes/:linkId',
    { config: { access: 'survey.manage' }, schema: { tags, summary: 'Thèmes d’une réponse en texte libre (analyste)', params: themeParams, body: themesBodySchema, response: { 200: themesBodySchema } } },
    async (req) => tagThemes(deps, req.actor, req.params.id, req.params.responseId, req.params.linkId, req.body.themes, req.ctx),
  );

  // Respondents (public link): no account needed in anonymous mode.
  app.get(
    '/api/v1/public/surveys/:token',
    { schema: { tags, summary: 'Le questionnaire à remplir', params: tokenParams, querystring: z.object({ draftKey: z.string().max(64).optional() }), response: { 200: respondentViewSchema } } },
    async (req) => respondentView(deps, req.actor, req.params.token, req.query.draftKey),
  );

  app.put(
    '/api/v1/public/surveys/:token/draft',
    { schema: { tags, summary: 'Enregistrer les réponses en cours (brouillon)', params: tokenParams, body: draftBodySchema, response: { 200: savedResponseSchema } } },
    async (req) => saveResponse(deps, req.actor, req.params.token, req.body, false, req.ctx),
  );

  app.post(
    '/api/v1/public/surveys/:token/submit',
    { schema: { tags, summary: 'Envoyer ses réponses', params: tokenParams, body: draftBodySchema, response: { 200: savedResponseSchema } } },
    async (req) => saveResponse(deps, req.actor, req.params.token, req.body, true, req.ctx),
  );

}
