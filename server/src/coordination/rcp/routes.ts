import { z } from 'zod';
import {
  rcpActionSchema,
  rcpAgendaSchema,
  rcpAttendanceSheetSchema,
  rcpCaseInputSchema,
  rcpCaseSchema,
  rcpOwnerCandidateSchema,
  rcpReportInputSchema,
  rcpSeriesInputSchema,
  rcpSeriesSchema,
  rcpSeriesUpdateSchema,
} from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { listOwnerCandidates } from './action-owners';
import { recordAttendance } from './attendance-sheet';
import { agenda, attend, createSeries, listPatientCases, listSeries, markActionDone, myActions, submitCase, writeReport } from './rcp';
import { updateSeries } from './series-edit';

const tags = ['Coordonner : mini-RCP'];
const patientParams = z.object({ id: z.uuid({ error: "Ce dossier patient n'existe pas ou vous ne faites pas partie de son cercle de soins." }) });
const seriesParams = z.object({ id: z.uuid({ error: "Cette réunion n'existe pas." }) });
const caseParams = z.object({ id: z.uuid({ error: "Ce cas n'existe pas." }) });
const meetingQuery = z.object({ meetingAt: z.iso.datetime({ offset: true, error: 'La date de la réunion doit être une date et heure ISO.' }) });
const agendaSchema = rcpAgendaSchema;

export async function rcpRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  app.get(
    '/api/v1/rcp/series',
    { config: { access: 'user' }, schema: { tags, summary: 'Les mini-RCP flash (d’un département) et leurs prochaines dates', querystring: z.object({ departement: z.string().max(3).optional() }), response: { 200: z.array(rcpSeriesSchema) } } },
    async (req) => listSeries(deps, req.query.departement),
  );
  app.post(
    '/api/v1/rcp/series',
    { config: { access: 'user' }, schema: { tags, summary: 'Coordinateurs : créer une mini-RCP récurrente du territoire', body: rcpSeriesInputSchema, response: { 201: rcpSeriesSchema } } },
    async (req, reply) => reply.status(201).send(await createSeries(deps, req.actor, req.body, req.ctx)),
  );
  app.put(
    '/api/v1/rcp/series/:id',
    { config: { access: 'user' }, schema: { tags, summary: 'Coordinateurs : modifier une mini-RCP (les prochaines réunions suivent, les passées gardent leur date)', params: seriesParams, body: rcpSeriesUpdateSchema, response: { 200: rcpSeriesSchema } } },
    async (req) => updateSeries(deps, req.actor, req.params.id, req.body, req.ctx),
  );
  app.put(
    '/api/v1/rcp/series/:id/attendance-sheet',
    { config: { access: 'user' }, schema: { tags, summary: 'Coordinateurs : relever qui a participé à une réunion commencée', params: seriesParams, body: rcpAttendanceSheetSchema, response: { 200: agendaSchema } } },
    async (req) => {
      await recordAttendance(deps, req.actor, req.params.id, req.body, req.ctx);
      return agenda(deps, req.actor, req.params.id, new Date(req.body.meetingAt), req.ctx);
    },
  );
  app.get(
    '/api/v1/rcp/cases/:id/owners',
    { config: { access: 'user' }, schema: { tags, summary: 'Qui peut porter une action de ce cas : le cercle de soins et les participants de la réunion', params: caseParams, response: { 200: z.array(rcpOwnerCandidateSchema) } } },
    async (req) => listOwnerCandidates(deps, req.actor, req.params.id, req.ctx),
  );
  app.get(
    '/api/v1/rcp/series/:id/agenda',
    { config: { access: 'user' }, schema: { tags, summary: 'Ordre du jour d’une réunion (participants inscrits et coordinateurs)', params: seriesParams, querystring: meetingQuery, response: { 200: agendaSchema } } },
    async (req) => agenda(deps, req.actor, req.params.id, new Date(req.query.meetingAt), req.ctx),
  );
  app.post(
    '/api/v1/rcp/series/:id/attendance',
    { config: { access: 'user' }, schema: { tags, summary: 'S’inscrire comme participant à une réunion', params: seriesParams, body: meetingQuery, response: { 200: agendaSchema } } },
    async (req) => attend(deps, req.actor, req.params.id, new Date(req.body.meetingAt), req.ctx),
  );
  app.get(
    '/api/v1/patients/:id/rcp-cases',
    { config: { access: 'user' }, schema: { tags, summary: 'Les cas de ce patient présentés en mini-RCP, comptes-rendus et actions', params: patientParams, response: { 200: z.array(rcpCaseSchema) } } },
    async (req) => listPatientCases(deps, req.actor, req.params.id, req.ctx),
  );
  app.post(
    '/api/v1/patients/:id/rcp-cases',
    { config: { access: 'user' }, schema: { tags, summary: 'Présenter le cas de ce patient à la prochaine mini-RCP qui a de la place', params: patientParams, body: rcpCaseInputSchema, response: { 201: rcpCaseSchema } } },
    async (req, reply) => reply.status(201).send(await submitCase(deps, req.actor, req.params.id, req.body, req.ctx)),
  );
  app.post(
    '/api/v1/rcp/cases/:id/report',
    { config: { access: 'user' }, schema: { tags, summary: 'Compte-rendu type d’un cas (synthèse, décisions, actions)', params: caseParams, body: rcpReportInputSchema, response: { 200: rcpCaseSchema } } },
    async (req) => writeReport(deps, req.actor, req.params.id, req.body, req.ctx),
  );
  app.get(
    '/api/v1/me/rcp-actions',
    { config: { access: 'user' }, schema: { tags, summary: 'Mes actions ouvertes issues des mini-RCP (en retard signalées)', response: { 200: z.array(rcpActionSchema) } } },
    async (req) => myActions(deps, req.actor),
  );
  app.post(
    '/api/v1/rcp/actions/:id/done',
    { config: { access: 'user' }, schema: { tags, summary: 'Marquer une de mes actions comme faite', params: z.object({ id: z.uuid({ error: "Cette action n'existe pas." }) }), response: { 200: z.array(rcpActionSchema) } } },
    async (req) => markActionDone(deps, req.actor, req.params.id, req.ctx),
  );
}
