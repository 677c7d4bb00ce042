import { z } from 'zod';
import { answerBodySchema, answerResultSchema, attemptSchema, questionInputSchema, questionSchema, questionStatsSchema, quizForLearnerSchema, quizInputSchema, quizSchema } from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { createQuiz, updateQuiz } from './author-quiz';
import { answerQuestion, courseQuizzes, quizForLearner, readAttempt, startAttempt, submitAttempt } from './attempts';
import { createQuestion, deleteQuestion, listQuestions, updateQuestion } from './question-bank';
import { quizResultsForTeacher } from './quiz-results';

const uuid = (label: string) => z.uuid({ error: `L'identifiant ${label} n'est pas valide.` });
const courseParams = z.object({ id: uuid('du cours') });
const questionParams = z.object({ id: uuid('de la question') });
const quizParams = z.object({ id: uuid('du quiz') });
const attemptParams = z.object({ id: uuid('de la tentative') });
const answerParams = z.object({ id: uuid('de la tentative'), questionId: uuid('de la question') });
const tags = ['Se former : quiz'];

export async function quizRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  // Question bank (teaching team)
  app.get('/api/v1/courses/:id/questions', { config: { access: 'user' }, schema: { tags, summary: 'Banque de questions du cours', params: courseParams, response: { 200: z.array(questionSchema) } } }, async (req) =>
    listQuestions(deps, req.actor, req.params.id),
  );
  app.post(
    '/api/v1/courses/:id/questions',
    { config: { access: 'user' }, schema: { tags, params: courseParams, body: questionInputSchema, response: { 201: questionSchema } } },
    async (req, reply) => reply.status(201).send(await createQuestion(deps, req.actor, req.params.id, req.body, req.ctx)),
  );
  app.put('/api/v1/questions/:id', { config: { access: 'user' }, schema: { tags, params: questionParams, body: questionInputSchema, response: { 200: questionSchema } } }, async (req) =>
    updateQuestion(deps, req.actor, req.params.id, req.body, req.ctx),
  );
  app.delete('/api/v1/questions/:id', { config: { access: 'user' }, schema: { tags, params: questionParams } }, async (req, reply) => {
    await deleteQuestion(deps, req.actor, req.params.id, req.ctx);
    return reply.status(204).send();
  });

  // Quizzes
  app.get('/api/v1/courses/:id/quizzes', { config: { access: 'user' }, schema: { tags, summary: 'Quiz du cours et mes tentatives', params: courseParams, response: { 200: z.array(quizForLearnerSchema) } } }, async (req) =>
    courseQuizzes(deps, req.actor, req.params.id),
  );
  app.post(
    '/api/v1/courses/:id/quizzes',
    { config: { access: 'user' }, schema: { tags, params: courseParams, body: quizInputSchema, response: { 201: quizSchema } } },
    async (req, reply) => reply.status(201).send(await createQuiz(deps, req.actor, req.params.id, req.body, req.ctx)),
  );
  app.put('/api/v1/quizzes/:id', { config: { access: 'user' }, schema: { tags, params: quizParams, body: quizInputSchema, response: { 200: quizSchema } } }, async (req) =>
    updateQuiz(deps, req.actor, req.params.id, req.body, req.ctx),
  );
  app.get('/api/v1/quizzes/:id', { config: { access: 'user' }, schema: { tags, params: quizParams, response: { 200: quizForLearnerSchema } } }, async (req) =>
    quizForLearner(deps, req.actor, req.params.id),
  );
  app.get(
    '/api/v1/quizzes/:id/results',
    { config: { access: 'user' }, schema: { tags, summary: 'Résultats par question (équipe enseignante)', params: quizParams, response: { 200: z.array(questionStatsSchema) } } },
    async (req) => quizResultsForTeacher(deps, req.actor, req.params.id),
  );

  // Attempts
  app.post(
    '/api/v1/quizzes/:id/attempts',
    { config: { access: 'user' }, schema: { tags, summary: 'Commencer (ou reprendre) une tentative', params: quizParams, response: { 200: attemptSchema, 201: attemptSchema } } },
    async (req, reply) => {
      const { attempt, created } = await startAttempt(deps, req.actor, req.params.id, req.ctx);
      return reply.status(created ? 201 : 200).send(attempt);
    },
  );
  app.get('/api/v1/attempts/:id', { config: { access: 'user' }, schema: { tags, params: attemptParams, response: { 200: attemptSchema } } }, async (req) =>
    readAttempt(deps, req.actor, req.params.id),
  );
  app.put(
    '/api/v1/attempts/:id/answers/:questionId',
    { config: { access: 'user' }, schema: { tags, summary: 'Répondre à une question (idempotent)', params: answerParams, body: answerBodySchema, response: { 200: answerResultSchema } } },
    async (req) => answerQuestion(deps, req.actor, req.params.id, req.params.questionId, req.body.response),
  );
  app.post(
    '/api/v1/attempts/:id/submit',
    { config: { access: 'user' }, schema: { tags, summary: 'Remettre la tentative (idempotent)', params: attemptParams, response: { 200: attemptSchema } } },
    async (req) => submitAttempt(deps, req.actor, req.params.id, req.ctx),
  );
}
