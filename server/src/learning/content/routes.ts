import { z } from 'zod';
import {
  blockInputSchema,
  completionRuleInputSchema,
  courseDetailSchema,
  courseProgressSchema,
  lessonBlockSchema,
  lessonInputSchema,
  lessonPageSchema,
  MEDIA_LIMITS,
  mediaFileSchema,
  mediaUploadQuerySchema,
  moduleUpdateSchema,
  orderInputSchema,
  progressInputSchema,
  sessionInputSchema,
  videoProgressSchema,
} from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { addBlock, deleteBlock, reorderBlocks, updateBlock } from './author-blocks';
import { deleteLesson, deleteModule, deleteSession, renameModule, reorderLessons, reorderModules, updateLesson, updateSession } from './author-structure';
import { courseProgress, loadCompletionRule, setCompletionRule } from './course-progress';
import { lockCourseForEdit } from './edit-access';
import { listCourseMedia } from './media-queries';
import { recordVisit, reportProgress } from './progress';
import { noQuizOutcomes, type QuizOutcomes } from './quiz-outcomes';
import { readLesson } from './read-lesson';
import { serveMedia } from './serve-media';
import { uploadMedia } from './upload-media';

const id = (label: string) => z.object({ id: z.uuid({ error: `L'identifiant ${label} n'est pas valide.` }) });
const courseParams = id('du cours');
const sessionParams = id('de la session');
const moduleParams = id('du module');
const lessonParams = id('de la leçon');
const blockParams = id('du bloc');
const mediaParams = id('du fichier');
const tags = ['Se former : leçons et progression'];

export interface LearningContentOptions {
  /** The quiz module's answer to "which quizzes has this learner passed?" (see quiz-outcomes.ts). */
  quizOutcomes?: QuizOutcomes;
}

export async function learningContentRoutes(app: AppInstance, opts: LearningContentOptions = {}): Promise<void> {
  const deps = app.deps;
  const quizOutcomes = opts.quizOutcomes ?? noQuizOutcomes;

  // Learners

  app.get(
    '/api/v1/lessons/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Une leçon : ses blocs, la position de reprise de ses vidéos, les leçons voisines', params: lessonParams, response: { 200: lessonPageSchema } } },
    async (req) => readLesson(deps, req.actor, req.params.id),
  );

  app.post(
    '/api/v1/lessons/:id/visit',
    { config: { access: 'user' }, schema: { tags, summary: 'Leçon ouverte (vue)', params: lessonParams, response: { 200: z.object({ tracked: z.boolean() }) } } },
    async (req) => recordVisit(deps, req.actor, req.params.id),
  );

  app.post(
    '/api/v1/blocks/:id/progress',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'Progression dans une vidéo (toutes les 30 s et au départ de la page)', params: blockParams, body: progressInputSchema, response: { 200: videoProgressSchema } },
    },
    async (req) => reportProgress(deps, req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/v1/courses/:id/progress',
    { config: { access: 'user' }, schema: { tags, summary: 'Ma progression par module et dans le cours, et où reprendre', params: courseParams, response: { 200: courseProgressSchema } } },
    async (req) => courseProgress(deps, quizOutcomes, req.actor, req.params.id),
  );

  app.get(
    '/api/v1/media/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Un fichier (vidéo avec requêtes de plage, sous-titres, document)', params: mediaParams } },
    async (req, reply) => serveMedia(deps, req, reply, req.params.id),
  );

  // Authors and teachers

  // Uploads: the body is streamed to disk as it arrives, never parsed nor held in memory. The
  // parsers of this scope hand over the raw stream whatever the declared type; the use case
  // refuses (400, in French) the types we do not keep.
  await app.register(async (scope: AppInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.post(
      '/api/v1/courses/:id/media',
      {
        config: { access: 'user' },
        bodyLimit: MEDIA_LIMITS.video,
        schema: {
          tags,
          summary: 'Envoyer une vidéo (video/webm, video/mp4), des sous-titres (text/vtt) ou un document (PDF, ODT, DOCX…) : le corps est le fichier',
          params: courseParams,
          querystring: mediaUploadQuerySchema,
          response: { 201: mediaFileSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await uploadMedia(deps, req.actor, req.params.id, { contentType: req.headers['content-type'], body: req.body, name: req.query.name, duration: req.query.duration }, req.ctx)),
    );
  });

  app.get(
    '/api/v1/courses/:id/media',
    { config: { access: 'user' }, schema: { tags, summary: 'Fichiers envoyés pour ce cours (équipe enseignante)', params: courseParams, response: { 200: z.array(mediaFileSchema) } } },
    async (req) => {
      await deps.db.transaction(async (tx) => lockCourseForEdit(tx, req.actor, req.params.id));
      return listCourseMedia(deps.db, req.params.id);
    },
  );

  const blocksAnswer = { 200: z.array(lessonBlockSchema), 201: z.array(lessonBlockSchema) };
  app.post(
    '/api/v1/lessons/:id/blocks',
    { config: { access: 'user' }, schema: { tags, summary: 'Ajouter un bloc à la fin de la leçon', params: lessonParams, body: blockInputSchema, response: blocksAnswer } },
    async (req, reply) => reply.status(201).send(await addBlock(deps, req.actor, req.params.id, req.body, req.ctx)),
  );
  app.put(
    '/api/v1/lessons/:id/blocks/order',
    { config: { access: 'user' }, schema: { tags, summary: 'Réordonner les blocs (tous, dans le nouvel ordre)', params: lessonParams, body: orderInputSchema, response: blocksAnswer } },
    async (req) => reorderBlocks(deps, req.actor, req.params.id, req.body.ids, req.ctx),
  );
  app.put(
    '/api/v1/blocks/:id',
    { config: { access: 'user' }, schema: { tags, params: blockParams, body: blockInputSchema, response: blocksAnswer } },
    async (req) => updateBlock(deps, req.actor, req.params.id, req.body, req.ctx),
  );
  app.delete(
    '/api/v1/blocks/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Supprimer un bloc (refusé si des apprenants ont regardé sa vidéo)', params: blockParams, response: blocksAnswer } },
    async (req) => deleteBlock(deps, req.actor, req.params.id, req.ctx),
  );

  const courseAnswer = { 200: courseDetailSchema };
  app.put(
    '/api/v1/sessions/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Modifier une session (les dates d’ouverture des modules suivent)', params: sessionParams, body: sessionInputSchema, response: courseAnswer } },
    async (req) => updateSession(deps, req.actor, req.params.id, req.body, req.ctx),
  );
  app.delete(
    '/api/v1/sessions/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Supprimer une session sans inscrits', params: sessionParams, response: courseAnswer } },
    async (req) => deleteSession(deps, req.actor, req.params.id, req.ctx),
  );
  app.put(
    '/api/v1/courses/:id/modules/order',
    { config: { access: 'user' }, schema: { tags, summary: 'Réordonner les modules', params: courseParams, body: orderInputSchema, response: courseAnswer } },
    async (req) => reorderModules(deps, req.actor, req.params.id, req.body.ids, req.ctx),
  );
  app.put(
    '/api/v1/modules/:id',
    { config: { access: 'user' }, schema: { tags, params: moduleParams, body: moduleUpdateSchema, response: courseAnswer } },
    async (req) => renameModule(deps, req.actor, req.params.id, req.body.title, req.ctx),
  );
  app.delete(
    '/api/v1/modules/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Supprimer un module sans progression d’apprenants', params: moduleParams, response: courseAnswer } },
    async (req) => deleteModule(deps, req.actor, req.params.id, req.ctx),
  );
  app.put(
    '/api/v1/modules/:id/lessons/order',
    { config: { access: 'user' }, schema: { tags, summary: 'Réordonner les leçons d’un module', params: moduleParams, body: orderInputSchema, response: courseAnswer } },
    async (req) => reorderLessons(deps, req.actor, req.params.id, req.body.ids, req.ctx),
  );
  app.put(
    '/api/v1/lessons/:id',
    { config: { access: 'user' }, schema: { tags, params: lessonParams, body: lessonInputSchema, response: courseAnswer } },
    async (req) => updateLesson(deps, req.actor, req.params.id, req.body, req.ctx),
  );
  app.delete(
    '/api/v1/lessons/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Supprimer une leçon que personne n’a encore ouverte', params: lessonParams, response: courseAnswer } },
    async (req) => deleteLesson(deps, req.actor, req.params.id, req.ctx),
  );

  app.get(
    '/api/v1/courses/:id/completion-rule',
    { config: { access: 'user' }, schema: { tags, params: courseParams, response: { 200: completionRuleInputSchema } } },
    async (req) => loadCompletionRule(deps.db, req.params.id),
  );
  app.put(
    '/api/v1/courses/:id/completion-rule',
    { config: { access: 'user' }, schema: { tags, summary: 'Règle d’achèvement du cours', params: courseParams, body: completionRuleInputSchema, response: { 200: completionRuleInputSchema } } },
    async (req) => setCompletionRule(deps, req.actor, req.params.id, req.body, req.ctx),
  );
}
