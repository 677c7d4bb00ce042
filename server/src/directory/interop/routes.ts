import {
  apiErrorSchema,
  csvImportFailureSchema,
  DIRECTORY_CSV_MAX_BYTES,
  directoryExportQuerySchema,
  directoryImportAnswerSchema,
  directoryImportQuerySchema,
  directoryImportReportSchema,
} from '@palliance/core';
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../../app-types';
import { AppError } from '../../http/errors';
import { accessHook } from '../../http/session';
import { exportDirectoryCsv, importDirectoryCsv, importDirectoryCsvWithUpdates } from './directory-csv';
import { exportDirectoryBundle, importDirectoryBundle, importDirectoryBundleWithUpdates, readFhir, searchFhir } from './directory-fhir';
import { FHIR_RESOURCE_TYPES } from './fhir-resources';
import { FHIR_JSON, operationOutcome, toFhirError } from './operation-outcome';

const tags = ['Annuaire : import et export'];
/** A whole national export comes back as a Bundle of a few resources per structure. */
const FHIR_MAX_BYTES = 20 * 1024 * 1024;

const sendFhir = (reply: FastifyReply, status: number, body: unknown) => reply.status(status).type(FHIR_JSON).send(JSON.stringify(body));

export async function directoryInteropRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  // Scoped to this plugin: the rest of the API still takes JSON only.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: DIRECTORY_CSV_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.get(
    '/api/v1/structures/export.csv',
    {
      schema: {
        tags,
        summary: 'Annuaire publié au format CSV (UTF-8 avec BOM, séparateur « ; »), pour Excel',
        querystring: directoryExportQuerySchema,
      },
    },
    async (req, reply) => {
      const csv = await exportDirectoryCsv(deps, req.query);
      const day = deps.now().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="annuaire-palliance-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.post(
    '/api/v1/structures/import',
    {
      bodyLimit: DIRECTORY_CSV_MAX_BYTES,
      config: { access: 'directory.import' },
      // Refuse visitors and plain users before reading up to 5 MB.
      onRequest: accessHook,
      schema: {
        tags,
        summary: 'Importer des structures depuis un fichier CSV (tout ou rien)',
        description:
          'Corps : le fichier CSV (Content-Type: text/csv), séparateur « ; » ou « , », UTF-8 ou Windows-1252. ' +
          'Chaque ligne est vérifiée avant toute écriture ; en cas de problème, réponse 400 {code: "invalid_csv", message, errors: [{line, column, reason}]} et rien n’est enregistré. ' +
          'Une ligne dont l’id, le FINESS, l’identifiant ROR ou le nom dans la même commune existe déjà est refusée. ' +
          'Avec ?mode=update, une ligne dont l’id, le FINESS, le SIRET ou l’identifiant ROR désigne une fiche existante la met à jour ' +
          '(nouvelle version, historique conservé) ; réponse 200 : rapport ligne par ligne (création, mise à jour, inchangée, erreur). ' +
          'Ajoutez dryRun=true pour obtenir ce rapport sans rien enregistrer. En cas de problème, 400 avec ce même rapport et rien n’est enregistré.',
        querystring: directoryImportQuerySchema,
        // 400: the list of problems of the file, or the usual error shape (e.g. a bad Content-Type).
        response: {
          200: directoryImportReportSchema,
          201: directoryImportAnswerSchema,
          400: z.union([csvImportFailureSchema, directoryImportReportSchema, apiErrorSchema]),
        },
      },
    },
    async (req, reply) => {
      const body = req.body as unknown;
      if (!(Buffer.isBuffer(body) || typeof body === 'string')) {
        throw new AppError(415, 'unsupported_media_type', 'Envoyez le fichier CSV lui-même, avec l’en-tête Content-Type: text/csv.');
      }
      if (req.query.mode === 'update') {
        const report = await importDirectoryCsvWithUpdates(deps, req.actor, body, req.ctx, req.query.dryRun);
        return reply.status(report.applied || report.dryRun ? 200 : 400).send(report);
      }
      const result = await importDirectoryCsv(deps, req.actor, body, req.ctx);
      if (!result.ok) return reply.status(400).send(result.failure);
      return reply.status(201).send(result.answer);
    },
  );

  await app.register(fhirRoutes, { prefix: '/fhir/R4' });
}

/** FHIR R4 read API and import; every failure is an OperationOutcome. */
async function fhirRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const fhirTags = ['FHIR R4 (annuaire)'];

  app.setErrorHandler((err, req, reply) => {
    const answer = toFhirError(err);
    if (answer.log) req.log.error({ err }, 'request failed');
    if (answer.status === 503) reply.header('retry-after', '5');
    return sendFhir(reply, answer.status, answer.body);
  });
  app.setNotFoundHandler((req, reply) =>
    sendFhir(reply, 404, operationOutcome([{ code: 'not-found', diagnostics: `Cette adresse FHIR n’existe pas : ${req.method} ${req.url.split('?')[0]}.` }])),
  );
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError(400, 'invalid_json', 'Le contenu envoyé n’est pas un JSON valide.'), undefined);
    }
  });

  for (const type of FHIR_RESOURCE_TYPES) {
    app.get(
      `/${type}`,
      { schema: { tags: fhirTags, summary: `Rechercher (${type}) : address-city, address-postalcode, type, _count, _offset` } },
      async (req, reply) => sendFhir(reply, 200, await searchFhir(deps, type, req.query as Record<string, string | string[]>)),
    );
    app.get(`/${type}/:id`, { schema: { tags: fhirTags, summary: `Lire une ressource ${type}` } }, async (req, reply) =>
      sendFhir(reply, 200, await readFhir(deps, type, (req.params as { id: string }).id)),
    );
  }

  app.get(
    '/$export-directory',
    { schema: { tags: fhirTags, summary: 'Tout l’annuaire publié : Bundle collection d’Organization, HealthcareService et Location' } },
    async (_req, reply) => {
      reply.header('content-disposition', `attachment; filename="annuaire-palliance-fhir-${deps.now().toISOString().slice(0, 10)}.json"`);
      return sendFhir(reply, 200, await exportDirectoryBundle(deps));
    },
  );

  app.post(
    '/',
    {
      bodyLimit: FHIR_MAX_BYTES,
      config: { access: 'directory.import' },
      onRequest: accessHook,
      schema: {
        tags: fhirTags,
        summary: 'Importer un Bundle (collection ou transaction) de structures, tout ou rien',
        description:
          'Avec ?mode=update, une entrée dont l’id, le FINESS, le SIRET ou l’identifiant ROR désigne une fiche existante la met à jour ' +
          '(nouvelle version, historique conservé). dryRun=true : OperationOutcome informatif, une ligne par structure, rien n’est enregistré.',
      },
    },
    async (req, reply) => {
      const query = directoryImportQuerySchema.safeParse(req.query);
      if (!query.success) throw new AppError(400, 'invalid_query', query.error.issues[0].message);
      if (query.data.mode === 'update') {
        return sendFhir(reply, 200, await importDirectoryBundleWithUpdates(deps, req.actor, req.body, req.ctx, query.data.dryRun));
      }
      return sendFhir(reply, 200, await importDirectoryBundle(deps, req.actor, req.body, req.ctx));
    },
  );
}
