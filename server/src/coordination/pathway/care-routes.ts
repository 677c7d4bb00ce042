import type { AppInstance } from '../../app-types';
import { savedEvaluationRoutes } from '../../evaluation/saved/routes';
import { dormantFileRoutes } from '../dormant/routes';
import { rcpRoutes } from '../rcp/routes';
import { pathwayRoutes } from './routes';

/** Coordonner, second half: saved evaluations, the HAD dormant file, mini-RCP and the pathway (one line in app.ts). */
export async function coordinationCareRoutes(app: AppInstance): Promise<void> {
  await savedEvaluationRoutes(app);
  await dormantFileRoutes(app);
  await rcpRoutes(app);
  await pathwayRoutes(app);
}
