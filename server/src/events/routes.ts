import { z } from 'zod';
import {
  attendanceBodySchema,
  eventDetailSchema,
  eventInputSchema,
  eventListQuerySchema,
  eventSummarySchema,
  feedQuerySchema,
  feedTokenSchema,
  myEventRegistrationSchema,
  occurrenceRegistrantsSchema,
} from '@palliance/core';
import type { AppInstance } from '../app-types';
import { requireActor } from '../http/permissions';
import { attendanceCsv, markAttendance, occurrenceRegistrants } from './attendance';
import { createEvent, updateEvent } from './author-event';
import { createFeedToken, eventIcs, feedTokenStatus, personalFeed, publicFeed, revokeFeedToken } from './calendar';
import { listMyRegistrations } from './queries';
import { listOrganisedEvents, listPublicEvents, loadEventDetail } from './read-events';
import { register, withdraw } from './register';

const eventParams = z.object({ id: z.uuid({ error: "L'identifiant de l'événement n'est pas valide." }) });
const occurrenceParams = z.object({ id: z.uuid({ error: "L'identifiant de la date n'est pas valide." }) });
const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "Cette adresse d'agenda n'est pas valide.") });
const tags = ['Webinaires et événements'];
const ICS = 'text/calendar; charset=utf-8';

export async function eventRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get(
    '/api/v1/events',
    { schema: { tags, summary: 'Événements publiés (filtres : type, département, à venir)', querystring: eventListQuerySchema, response: { 200: z.array(eventSummarySchema) } } },
    async (req) => listPublicEvents(deps, req.actor, req.query),
  );

  app.post(
    '/api/v1/events',
    { config: { access: 'user' }, schema: { tags, summary: 'Créer un événement (organisateurs)', body: eventInputSchema, response: { 201: eventDetailSchema } } },
    async (req, reply) => reply.status(201).send(await createEvent(deps, req.actor, req.body, req.ctx)),
  );

  app.get(
    '/api/v1/events/organised',
    { config: { access: 'user' }, schema: { tags, summary: "Les événements que j'organise (brouillons compris)", response: { 200: z.array(eventSummarySchema) } } },
    async (req) => listOrganisedEvents(deps, requireActor(req.actor)),
  );

  app.get('/api/v1/events/feed.ics', { schema: { tags, summary: 'Flux iCalendar public des événements (filtre : département)', querystring: feedQuerySchema } }, async (req, reply) =>
    reply.type(ICS).header('cache-control', 'public, max-age=300').send(await publicFeed(deps, req.query.departement)),
  );

  app.get('/api/v1/events/feeds/:token/calendar.ics', { schema: { tags, summary: 'Flux iCalendar personnel (adresse secrète)', params: tokenParams } }, async (req, reply) =>
    reply.type(ICS).header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer').send(await personalFeed(deps, req.params.token)),
  );

  app.get('/api/v1/events/:id', { schema: { tags, params: eventParams, response: { 200: eventDetailSchema } } }, async (req) => loadEventDetail(deps, req.actor, req.params.id));

  app.put(
    '/api/v1/events/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Modifier, publier ou annuler (les inscrits sont prévenus)', params: eventParams, body: eventInputSchema, response: { 200: eventDetailSchema } } },
    async (req) => updateEvent(deps, req.actor, req.params.id, req.body, req.ctx),
  );

  app.get('/api/v1/events/:id/calendar.ics', { schema: { tags, summary: "Fichier .ics de l'événement", params: eventParams } }, async (req, reply) =>
    reply
      .type(ICS)
      .header('content-disposition', `attachment; filename="evenement-${req.params.id.slice(0, 8)}.ics"`)
      .header('cache-control', 'private, no-cache')
      .send(await eventIcs(deps, req.actor, req.params.id)),
  );

  app.post(
    '/api/v1/occurrences/:id/registration',
    { config: { access: 'user' }, schema: { tags, summary: "S'inscrire à une date (ou rejoindre la liste d'attente)", params: occurrenceParams, response: { 200: myEventRegistrationSchema, 201: myEventRegistrationSchema } } },
    async (req, reply) => {
      const { registration, created } = await register(deps, req.actor, req.params.id, req.ctx);
      return reply.status(created ? 201 : 200).send(registration);
    },
  );

  app.delete(
    '/api/v1/occurrences/:id/registration',
    { config: { access: 'user' }, schema: { tags, summary: 'Se désinscrire (la place va au suivant de la liste)', params: occurrenceParams, response: { 200: myEventRegistrationSchema } } },
    async (req) => withdraw(deps, req.actor, req.params.id, req.ctx),
  );

  app.get(
    '/api/v1/occurrences/:id/registrants',
    { config: { access: 'user' }, schema: { tags, summary: 'Inscrits, liste d’attente et présences (organisateurs)', params: occurrenceParams, response: { 200: occurrenceRegistrantsSchema } } },
    async (req) => occurrenceRegistrants(deps, req.actor, req.params.id),
  );

  app.put(
    '/api/v1/occurrences/:id/attendance',
    { config: { access: 'user' }, schema: { tags, summary: 'Pointer présents et absents (après le début)', params: occurrenceParams, body: attendanceBodySchema, response: { 200: occurrenceRegistrantsSchema } } },
    async (req) => markAttendance(deps, req.actor, req.params.id, req.body, req.ctx),
  );

  app.get(
    '/api/v1/occurrences/:id/attendance.csv',
    { config: { access: 'user' }, schema: { tags, summary: "Feuille d'émargement (CSV)", params: occurrenceParams } },
    async (req, reply) => {
      const { filename, body } = await attendanceCsv(deps, req.actor, req.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'private, no-store').send(body);
    },
  );

  app.get('/api/v1/me/events', { config: { access: 'user' }, schema: { tags, summary: 'Mes inscriptions', response: { 200: z.array(myEventRegistrationSchema) } } }, async (req) =>
    listMyRegistrations(deps.db, requireActor(req.actor).id),
  );

  app.get('/api/v1/me/events/feed', { config: { access: 'user' }, schema: { tags, summary: 'Mon agenda : adresse secrète active ?', response: { 200: feedTokenSchema } } }, async (req) =>
    feedTokenStatus(deps, req.actor),
  );
  app.post('/api/v1/me/events/feed', { config: { access: 'user' }, schema: { tags, summary: 'Créer (ou remplacer) mon adresse secrète', response: { 201: feedTokenSchema } } }, async (req, reply) =>
    reply.status(201).send(await createFeedToken(deps, req.actor, req.ctx)),
  );
  app.delete('/api/v1/me/events/feed', { config: { access: 'user' }, schema: { tags, summary: 'Révoquer mon adresse secrète', response: { 200: feedTokenSchema } } }, async (req) =>
    revokeFeedToken(deps, req.actor, req.ctx),
  );
}
