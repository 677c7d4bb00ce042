import { indicatorDashboardSchema, indicatorQuerySchema, indicatorTargetBodySchema, indicatorTargetSchema } from '@palliance/core';
import type { AppInstance } from '../app-types';
import { computeDashboard } from './compute-dashboard';
import { dashboardToCsv, measureReportsBundle, measuresBundle } from './exports';
import { setIndicatorTarget } from './set-target';
import { defaultIndicatorSources, type IndicatorSources } from './sources';

const tags = ['Mesurer : indicateurs'];
const FHIR = 'application/fhir+json; charset=utf-8';

/**
 * Indicator routes. Reading is public: the figures are aggregates with no personal data, and
 * figures on fewer than 5 cases are withheld from visitors and from users without rights on the
 * territory (coordinators of the department and admins see them). The sources of other domains
 * are injected so that mini-RCP can be wired without touching this file's callers' tests.
 */
export function createIndicatorRoutes(sources: IndicatorSources = defaultIndicatorSources) {
  return async function indicatorRoutes(app: AppInstance): Promise<void> {
    const deps = app.deps;

    app.get(
      '/api/v1/indicators',
      {
        schema: {
          tags,
          summary: 'Tableau de bord des indicateurs d’un territoire (fr, reg:76, dep:34) pour une période (2026-10, 2026-T4, 2026), avec tendance et cibles',
          querystring: indicatorQuerySchema,
          response: { 200: indicatorDashboardSchema },
        },
      },
      async (req) => computeDashboard(deps, sources, req.actor, req.query),
    );

    app.get('/api/v1/indicators/export.csv', { schema: { tags, summary: 'Export CSV du tableau de bord', querystring: indicatorQuerySchema } }, async (req, reply) => {
      const d = await computeDashboard(deps, sources, req.actor, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="indicateurs-${d.territory.code.replace(':', '-')}-${d.period.key}.csv"`)
        .send(dashboardToCsv(d));
    });

    app.get(
      '/api/v1/indicators/fhir/MeasureReport',
      { schema: { tags, summary: 'FHIR R4 : un MeasureReport par indicateur (Bundle), pour le territoire et la période', querystring: indicatorQuerySchema } },
      async (req, reply) => {
        const d = await computeDashboard(deps, sources, req.actor, req.query);
        return reply
          .type(FHIR)
          .header('content-disposition', `attachment; filename="indicateurs-${d.territory.code.replace(':', '-')}-${d.period.key}.measurereport.json"`)
          .send(JSON.stringify(measureReportsBundle(deps.config.publicUrl, d), null, 2));
      },
    );

    app.get('/api/v1/indicators/fhir/Measure', { schema: { tags, summary: 'FHIR R4 : la définition de chaque indicateur (Bundle de Measure)' } }, async (_req, reply) =>
      reply.type(FHIR).send(JSON.stringify(measuresBundle(deps.config.publicUrl), null, 2)),
    );

    app.put(
      '/api/v1/indicators/targets',
      {
        config: { access: 'user' },
        schema: { tags, summary: 'Fixer (ou retirer avec null) la cible d’un indicateur pour un territoire', body: indicatorTargetBodySchema, response: { 200: indicatorTargetSchema } },
      },
      async (req) => setIndicatorTarget(deps, req.actor, req.body, req.ctx),
    );

  };
}

export const indicatorRoutes = createIndicatorRoutes();
