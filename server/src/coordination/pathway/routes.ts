import { z } from 'zod';
import { carePlaceInputSchema, pathwayEventSchema } from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { addCarePlace, readPathway } from './pathway';

const tags = ['Coordonner : parcours'];
const patientParams = z.object({ id: z.uuid({ error: "Ce dossier patient n'existe pas ou vous ne faites pas partie de son cercle de soins." }) });

export async function pathwayRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  app.get(
    '/api/v1/patients/:id/pathway',
    { config: { access: 'user' }, schema: { tags, summary: 'Le parcours : lieux de soins, demandes, RCP, évaluations, dossier dormant, dans l’ordre du temps', params: patientParams, response: { 200: z.array(pathwayEventSchema) } } },
    async (req) => readPathway(deps, req.actor, req.params.id, req.ctx),
  );
  app.post(
    '/api/v1/patients/:id/care-places',
    { config: { access: 'user' }, schema: { tags, summary: 'Ajouter un lieu de soins (domicile, USP, hôpital de jour, HAD, EHPAD, hospitalisation)', params: patientParams, body: carePlaceInputSchema, response: { 201: z.array(pathwayEventSchema) } } },
    async (req, reply) => reply.status(201).send(await addCarePlace(deps, req.actor, req.params.id, req.body, req.ctx)),
  );
}
