import { z } from 'zod';
import { analyticsCsvParamsSchema, analyticsQuerySchema, courseAnalyticsSchema, satisfactionAnswerSchema, satisfactionInputSchema, satisfactionStatusSchema } from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { analyticsCsv } from './analytics-csv';
import { courseAnalytics } from './course-analytics';
import { answerSatisfaction, satisfactionStatus } from '../satisfaction/satisfaction';

const courseParams = z.object({ id: z.uuid({ error: "L'identifiant du cours n'est pas valide." }) });
const sessionParams = z.object({ id: z.uuid({ error: "L'identifiant de la session n'est pas valide." }) });
const tags = ['Se former'];

/** Teacher analytics of a course and the learners' end-of-course satisfaction survey. */
export async function learningAnalyticsRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get(
    '/api/v1/courses/:id/analytics',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'Tableau de bord du cours (équipe pédagogique) : inscriptions, profils, achèvement, leçons, quiz, forum, satisfaction', params: courseParams, querystring: analyticsQuerySchema, response: { 200: courseAnalyticsSchema } },
    },
    async (req) => courseAnalytics(deps, req.actor, req.params.id, req.query.session ?? null, req.query.bucket),
  );

  app.get(
    '/api/v1/courses/:id/analytics/:table.csv',
    { config: { access: 'user' }, schema: { tags, summary: 'Un tableau du tableau de bord en CSV (point-virgule, UTF-8 avec BOM)', params: analyticsCsvParamsSchema, querystring: analyticsQuerySchema } },
    async (req, reply) => {
      const a = await courseAnalytics(deps, req.actor, req.params.id, req.query.session ?? null, req.query.bucket);
      const filename = `${req.params.table}-${req.params.id.slice(0, 8)}${req.query.session ? `-${req.query.session.slice(0, 8)}` : ''}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(analyticsCsv(a, req.params.table));
    },
  );

  app.get(
    '/api/v1/sessions/:id/satisfaction',
    { config: { access: 'user' }, schema: { tags, summary: 'Questionnaire de satisfaction de fin de cours : proposé ? déjà répondu ?', params: sessionParams, response: { 200: satisfactionStatusSchema } } },
    async (req) => satisfactionStatus(deps, req.actor, req.params.id),
  );

  app.post(
    '/api/v1/sessions/:id/satisfaction',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'Répondre au questionnaire de satisfaction (une fois par session ; la même réponse renvoyée rend celle enregistrée)', params: sessionParams, body: satisfactionInputSchema, response: { 200: satisfactionAnswerSchema, 201: satisfactionAnswerSchema } },
    },
    async (req, reply) => {
      const r = await answerSatisfaction(deps, req.actor, req.params.id, req.body, req.ctx);
      return reply.status(r.created ? 201 : 200).send(r.answer);
    },
  );
}
