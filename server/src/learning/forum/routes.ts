import { z } from 'zod';
import {
  followStateSchema,
  forumMemberSchema,
  forumMembersQuerySchema,
  forumPostSchema,
  forumQuerySchema,
  forumReportInputSchema,
  forumReportSchema,
  forumSchema,
  forumStatsQuerySchema,
  forumStatsSchema,
  likeStateSchema,
  postEditSchema,
  postHiddenSchema,
  previewInputSchema,
  previewSchema,
  replyInputSchema,
  reportResolutionSchema,
  threadDetailSchema,
  threadInputSchema,
  threadModerationSchema,
} from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { forumStats } from './forum-activity';
import { listReports, moderateThread, reportPost, resolveReport, setHidden } from './moderate';
import { setFollow, setLike } from './react';
import { loadForum, loadThread, searchMembers } from './read-forum';
import { renderMarkdown } from './render-markdown';
import { createThread, deletePost, editPost, replyToThread } from './write-post';

const id = (what: string) => z.object({ id: z.uuid({ error: `L'identifiant ${what} n'est pas valide.` }) });
const courseParams = id('du cours');
const threadParams = id('de la discussion');
const postParams = id('du message');
const reportParams = id('du signalement');
const tags = ['Se former : forum'];
const user = { access: 'user' as const };

export async function forumRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get('/api/v1/courses/:id/forum', { config: user, schema: { tags, summary: 'Forum du cours ou d’un module (?module=)', params: courseParams, querystring: forumQuerySchema, response: { 200: forumSchema } } }, async (req) =>
    loadForum(deps, req.actor, req.params.id, req.query.module),
  );

  app.post(
    '/api/v1/courses/:id/forum/threads',
    { config: user, schema: { tags, summary: 'Ouvrir une discussion (clé d’idempotence possible)', params: courseParams, body: threadInputSchema, response: { 200: threadDetailSchema, 201: threadDetailSchema } } },
    async (req, reply) => {
      const { thread, created } = await createThread(deps, req.actor, req.params.id, req.body, req.ctx);
      return reply.status(created ? 201 : 200).send(thread);
    },
  );

  app.get('/api/v1/courses/:id/forum/members', { config: user, schema: { tags, summary: 'Membres à mentionner', params: courseParams, querystring: forumMembersQuerySchema, response: { 200: z.array(forumMemberSchema) } } }, async (req) =>
    searchMembers(deps, req.actor, req.params.id, req.query.q),
  );

  app.get('/api/v1/courses/:id/forum/reports', { config: user, schema: { tags, summary: 'File de modération', params: courseParams, response: { 200: z.array(forumReportSchema) } } }, async (req) =>
    listReports(deps, req.actor, req.params.id),
  );

  app.get('/api/v1/courses/:id/forum/stats', { config: user, schema: { tags, summary: 'Publications, commentaires et « J’aime » par module et par période', params: courseParams, querystring: forumStatsQuerySchema, response: { 200: forumStatsSchema } } }, async (req) =>
    forumStats(deps, req.actor, req.params.id, req.query.bucket),
  );

  app.post('/api/v1/forum/preview', { config: user, schema: { tags, summary: 'Aperçu Markdown rendu par le serveur', body: previewInputSchema, response: { 200: previewSchema } } }, async (req) => ({
    html: renderMarkdown(req.body.body),
  }));

  app.get('/api/v1/forum/threads/:id', { config: user, schema: { tags, params: threadParams, response: { 200: threadDetailSchema } } }, async (req) => loadThread(deps, req.actor, req.params.id));

  app.post(
    '/api/v1/forum/threads/:id/replies',
    { config: user, schema: { tags, summary: 'Répondre (refusé si la discussion est verrouillée)', params: threadParams, body: replyInputSchema, response: { 200: forumPostSchema, 201: forumPostSchema } } },
    async (req, reply) => {
      const { post, created } = await replyToThread(deps, req.actor, req.params.id, req.body, req.ctx);
      return reply.status(created ? 201 : 200).send(post);
    },
  );

  app.put('/api/v1/forum/threads/:id/moderation', { config: user, schema: { tags, summary: 'Épingler / verrouiller', params: threadParams, body: threadModerationSchema, response: { 200: threadDetailSchema } } }, async (req) =>
    moderateThread(deps, req.actor, req.params.id, req.body, req.ctx),
  );

  app.put('/api/v1/forum/threads/:id/follow', { config: user, schema: { tags, summary: 'Suivre la discussion', params: threadParams, response: { 200: followStateSchema } } }, async (req) =>
    setFollow(deps, req.actor, req.params.id, true, req.ctx),
  );
  app.delete('/api/v1/forum/threads/:id/follow', { config: user, schema: { tags, summary: 'Ne plus suivre', params: threadParams, response: { 200: followStateSchema } } }, async (req) =>
    setFollow(deps, req.actor, req.params.id, false, req.ctx),
  );

  app.put('/api/v1/forum/posts/:id', { config: user, schema: { tags, summary: 'Modifier son message', params: postParams, body: postEditSchema, response: { 200: forumPostSchema } } }, async (req) =>
    editPost(deps, req.actor, req.params.id, req.body.body, req.ctx),
  );
  app.delete('/api/v1/forum/posts/:id', { config: user, schema: { tags, summary: 'Supprimer un message (conservé, texte retiré)', params: postParams, response: { 200: forumPostSchema } } }, async (req) =>
    deletePost(deps, req.actor, req.params.id, req.ctx),
  );

  app.put('/api/v1/forum/posts/:id/like', { config: user, schema: { tags, summary: '« J’aime » (idempotent)', params: postParams, response: { 200: likeStateSchema } } }, async (req) =>
    setLike(deps, req.actor, req.params.id, true),
  );
  app.delete('/api/v1/forum/posts/:id/like', { config: user, schema: { tags, summary: 'Retirer son « J’aime »', params: postParams, response: { 200: likeStateSchema } } }, async (req) =>
    setLike(deps, req.actor, req.params.id, false),
  );

  app.put('/api/v1/forum/posts/:id/hidden', { config: user, schema: { tags, summary: 'Masquer / réafficher (modération)', params: postParams, body: postHiddenSchema, response: { 200: forumPostSchema } } }, async (req) =>
    setHidden(deps, req.actor, req.params.id, req.body.hidden, req.ctx),
  );

  app.post(
    '/api/v1/forum/posts/:id/reports',
    { config: user, schema: { tags, summary: 'Signaler un message', params: postParams, body: forumReportInputSchema, response: { 200: z.object({ id: z.string(), created: z.boolean() }), 201: z.object({ id: z.string(), created: z.boolean() }) } } },
    async (req, reply) => {
      const r = await reportPost(deps, req.actor, req.params.id, req.body.reason, req.ctx);
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );

  app.post(
    '/api/v1/forum/reports/:id/resolution',
    { config: user, schema: { tags, summary: 'Traiter un signalement', params: reportParams, body: reportResolutionSchema, response: { 200: z.object({ id: z.string(), outcome: z.string(), resolvedCount: z.number().int() }) } } },
    async (req) => resolveReport(deps, req.actor, req.params.id, req.body.outcome, req.ctx),
  );
}
