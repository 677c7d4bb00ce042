import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { publicConfigSchema } from '@palliance/core';
import { adminRoutes } from './accounts/admin-routes';
import { oidcRoutes } from './accounts/oidc/routes';
import { accountRoutes } from './accounts/routes';
import type { AppDeps, AppInstance, RouteEntry } from './app-types';
import { auditRoutes } from './audit/routes';
import { registerErrorHandler } from './http/error-handler';
import { AppError, tooMany } from './http/errors';
import { originCheck } from './http/origin-check';
import { accessHook, sessionHook } from './http/session';
import { devMailRoutes } from './notifications/dev-routes';
import { directoryRoutes } from './directory/routes';
import { directoryInteropRoutes } from './directory/interop/routes';
import { directoryCardRoutes } from './directory/card/routes';
import { learningRoutes } from './learning/routes';
import { privacyRoutes } from './privacy/routes';
import { eventRoutes } from './events/routes';
import { quizRoutes } from './learning/quiz/routes';
import { attestationRoutes } from './learning/attestation/routes';
import { learningContentRoutes } from './learning/content/routes';
import { passedQuizIds } from './learning/quiz/quiz-outcomes';
import { forumRoutes } from './learning/forum/routes';
import { groupRoutes } from './learning/groups/routes';
import { learningAnalyticsRoutes } from './learning/analytics/routes';
import { surveyRoutes } from './surveys/routes';
import { evaluationRoutes } from './evaluation/routes';
import { resourceRoutes } from './resources/routes';
import { billingRoutes } from './billing/routes';
import { coordinationRoutes } from './coordination/routes';
import { indicatorRoutes } from './indicators/routes';
import { coordinationCareRoutes } from './coordination/pathway/care-routes';
import { notificationRoutes } from './notifications/in-app/routes';
import { territoryRoutes } from './territory/routes';

export interface BuildOptions {
  /** The built web assets (web/dist); the API alone when absent. */
  webDir?: string | null;
  logger?: boolean;
}

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<AppInstance> {
  const app = Fastify({
    logger: opts.logger === false || deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>() as unknown as AppInstance;

  app.decorate('deps', deps);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of Array.isArray(r.method) ? r.method : [r.method]) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: r.url,
        access: (r.config as { access?: string } | undefined)?.access ?? null,
        schema: { body: r.schema?.body, querystring: r.schema?.querystring, params: r.schema?.params },
      });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as never);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(deps.config.mapTiles ? [deps.config.mapTiles.origin] : [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: deps.config.publicUrl.startsWith('https://'),
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => tooMany(`Trop de tentatives. Réessayez dans ${Math.ceil(ctx.ttl / 1000)} secondes.`),
  });
  await app.register(swagger, {
    openapi: { info: { title: 'Palliance API', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Server-side duration of every answer, for the benchmarks and the browser's network panel.
  app.addHook('onRequest', async (req) => {
    (req as { startedAt?: bigint }).startedAt = process.hrtime.bigint();
  });
  app.addHook('onSend', async (req, reply) => {
    const started = (req as { startedAt?: bigint }).startedAt;
    if (started) reply.header('server-timing', `app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(2)}`);
  });
  // A NUL character cannot be stored or compared in PostgreSQL text: refuse it in addresses up front.
  app.addHook('onRequest', async (req) => {
    if (/%00/.test(req.url)) throw new AppError(400, 'invalid_input', 'L’adresse contient un caractère nul, qui n’est pas accepté.');
  });
  app.addHook('onRequest', originCheck(deps.config));
  app.addHook('onRequest', sessionHook(deps));
  // Before the body is read: a visitor cannot make us parse a 20 MB import.
  app.addHook('preParsing', async (req) => {
    await accessHook(req);
  });

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await deps.handle.ping();
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', engine: deps.handle.engine });
  });

  app.get(
    '/api/v1/public-config',
    { schema: { tags: ['Plateforme'], summary: 'Réglages utiles à l’interface', response: { 200: publicConfigSchema } } },
    async () => ({ mapTiles: deps.config.mapTiles ? { url: deps.config.mapTiles.url, attribution: deps.config.mapTiles.attribution } : null }),
  );

  await app.register(territoryRoutes);
  await app.register(accountRoutes);
  await app.register(oidcRoutes);
  await app.register(adminRoutes);
  await app.register(auditRoutes);
  await app.register(devMailRoutes);
  await app.register(directoryRoutes);
  await app.register(directoryInteropRoutes);
  await app.register(directoryCardRoutes);
  await app.register(learningRoutes);
  await app.register(privacyRoutes);
  await app.register(eventRoutes);
  await app.register(quizRoutes);
  await app.register(attestationRoutes);
  // Completion counts the quizzes passed, as the quiz module records them.
  await app.register(learningContentRoutes, { quizOutcomes: { passedQuizIds: (userId: string, quizIds: string[]) => passedQuizIds(deps.db, userId, quizIds) } });
  await app.register(forumRoutes);
  await app.register(groupRoutes);
  await app.register(learningAnalyticsRoutes);
  await app.register(surveyRoutes);
  await app.register(evaluationRoutes);
  await app.register(resourceRoutes);
  await app.register(billingRoutes);
  await app.register(coordinationRoutes);
  await app.register(indicatorRoutes);
  await app.register(coordinationCareRoutes);
  await app.register(notificationRoutes);

  const webDir = opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html')) ? opts.webDir : null;
  if (webDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // Vite writes .br and .gz beside each asset; they are sent to browsers that accept them.
      preCompressed: true,
      setHeaders: (res, filePath) => {
        // Hashed file names never change: cache them for a year.
        if (filePath.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const indexHtml = webDir ? fs.readFileSync(path.join(webDir, 'index.html'), 'utf8') : null;

  app.setNotFoundHandler((req, reply) => {
    const wantsPage = req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/fhir/');
    if (wantsPage && indexHtml) {
      // The web app routes this address itself (and shows its own "page introuvable").
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    throw new AppError(404, 'not_found', "Cette adresse n'existe pas.");
  });

  return app;
}
