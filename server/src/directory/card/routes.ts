import { z } from 'zod';
import { directoryMapQuerySchema, directoryMapSchema } from '@palliance/core';
import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../../app-types';
import { notFound } from '../../http/errors';
import { communeInfo } from '../queries';
import { communeCard, territoryCard, type CardFile } from './build-card';
import { createDirectoryMap } from './directory-map';
import { communePageUrl, structurePageUrl } from './public-links';
import { qrPng, qrSvg } from './qr-code';

const tags = ['Annuaire'];
const structureParams = z.object({ id: z.uuid({ error: "L'identifiant de la structure n'est pas valide." }) });
const communeParams = z.object({
  code: z.string().trim().regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE de commune non valide (5 caractères).'),
});
const cardQuery = z.object({
  at: z.iso
    .datetime({ offset: true, error: 'Le moment doit être une date ISO 8601 avec fuseau (ex. 2026-11-21T21:00:00+01:00).' })
    .optional(),
});

// Posters are printed from these images: they may be cached a day, and embedded by other sites.
const QR_HEADERS = { 'cache-control': 'public, max-age=86400', 'cross-origin-resource-policy': 'cross-origin' };
// Generating a card costs a few database queries and a PDF: bounded per client.
const CARD_RATE_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };

function sendCard(reply: FastifyReply, card: CardFile) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${card.fileName}"`)
    .header('cache-control', 'private, no-cache')
    .send(Buffer.from(card.pdf));
}

export async function directoryCardRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const directoryMap = createDirectoryMap(deps);

  async function publishedStructure(id: string) {
    const rows = await deps.handle.query<{ name: string }>(`SELECT name FROM structure WHERE id = $1 AND status = 'published'`, [id]);
    if (!rows[0]) throw notFound('Cette structure n’existe pas.');
    return rows[0];
  }

  async function knownCommune(code: string) {
    const commune = await communeInfo(deps.handle, code);
    if (!commune) throw notFound(`Commune inconnue : ${code}.`);
    return commune;
  }

  const structureQrTitle = (name: string, url: string) => `Code QR vers la fiche de ${name} dans l’annuaire Palliance : ${url}`;
  const communeQrTitle = (nom: string, url: string) => `Code QR vers la page « Qui appeler ? » de ${nom} dans l’annuaire Palliance : ${url}`;

  app.get(
    '/api/v1/structures/:id/qr.svg',
    { schema: { tags, summary: 'Code QR (SVG) vers la fiche de la structure', params: structureParams } },
    async (req, reply) => {
      const s = await publishedStructure(req.params.id);
      const url = structurePageUrl(deps.config.publicUrl, req.params.id);
      return reply.type('image/svg+xml; charset=utf-8').headers(QR_HEADERS).send(await qrSvg(url, structureQrTitle(s.name, url)));
    },
  );

  app.get(
    '/api/v1/structures/:id/qr.png',
    { schema: { tags, summary: 'Code QR (PNG) vers la fiche de la structure', params: structureParams } },
    async (req, reply) => {
      await publishedStructure(req.params.id);
      return reply.type('image/png').headers(QR_HEADERS).send(await qrPng(structurePageUrl(deps.config.publicUrl, req.params.id)));
    },
  );

  app.get(
    '/api/v1/communes/:code/qr.svg',
    { schema: { tags, summary: 'Code QR (SVG) vers la page « qui appeler » de la commune', params: communeParams } },
    async (req, reply) => {
      const c = await knownCommune(req.params.code);
      const url = communePageUrl(deps.config.publicUrl, c.code);
      return reply.type('image/svg+xml; charset=utf-8').headers(QR_HEADERS).send(await qrSvg(url, communeQrTitle(c.nom, url)));
    },
  );

  app.get(
    '/api/v1/communes/:code/qr.png',
    { schema: { tags, summary: 'Code QR (PNG) vers la page « qui appeler » de la commune', params: communeParams } },
    async (req, reply) => {
      const c = await knownCommune(req.params.code);
      return reply.type('image/png').headers(QR_HEADERS).send(await qrPng(communePageUrl(deps.config.publicUrl, c.code)));
    },
  );

  app.get(
    '/api/v1/communes/:code/card.pdf',
    {
      config: CARD_RATE_LIMIT,
      schema: { tags, summary: 'Fiche « Qui appeler ? » à imprimer (PDF A4) pour une commune', params: communeParams, querystring: cardQuery },
    },
    async (req, reply) => sendCard(reply, await communeCard(deps, req.params.code, req.query.at ? new Date(req.query.at) : deps.now())),
  );

  app.get(
    '/api/v1/structures/:id/card.pdf',
    {
      config: CARD_RATE_LIMIT,
      schema: {
        tags,
        summary: 'Fiche « Qui appeler ? » à imprimer (PDF A4) pour le territoire que couvre la structure',
        params: structureParams,
        querystring: cardQuery,
      },
    },
    async (req, reply) => sendCard(reply, await territoryCard(deps, req.params.id, req.query.at ? new Date(req.query.at) : deps.now())),
  );

  app.get(
    '/api/v1/directory/map',
    {
      schema: {
        tags,
        summary: 'Données de la carte : structures par département et structures localisées',
        querystring: directoryMapQuerySchema,
        response: { 200: directoryMapSchema, 304: z.null().describe('Carte inchangée (If-None-Match)') },
      },
    },
    async (req, reply) => {
      const { map, etag } = await directoryMap(req.query);
      // Always revalidated: a write shows at once, and an unchanged map costs a 304.
      reply.header('cache-control', 'no-cache').header('etag', etag);
      if (req.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return map;
    },
  );
}
