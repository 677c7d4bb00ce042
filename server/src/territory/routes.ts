import { communeListSchema, communeSearchQuery, territoryListsSchema } from '@palliance/core';
import type { AppInstance } from '../app-types';
import { listRegionsAndDepartements } from './queries';
import { warmUpOnListen } from '../http/warm-up';
import { createCommuneSearch } from './search-communes';

export async function territoryRoutes(app: AppInstance): Promise<void> {
  const search = createCommuneSearch(app.deps.handle);
  warmUpOnListen(app, 'communes', () => search.warm());

  app.get(
    '/api/v1/communes',
    {
      schema: {
        tags: ['Territoire'],
        summary: 'Trouver une commune par nom ou code postal',
        querystring: communeSearchQuery,
        response: { 200: communeListSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return search(req.query);
    },
  );

  let lists: Awaited<ReturnType<typeof listRegionsAndDepartements>> | null = null;
  app.get(
    '/api/v1/territory',
    { schema: { tags: ['Territoire'], summary: 'Régions et départements', response: { 200: territoryListsSchema } } },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      lists ??= await listRegionsAndDepartements(app.deps.handle);
      return lists;
    },
  );
}
