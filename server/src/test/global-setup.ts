import { buildPgliteTemplate, buildPostgresTemplate, engine } from './template';

export default async function setup(): Promise<void> {
  if (engine() === 'postgres') await buildPostgresTemplate();
  else process.env.PALLIANCE_TEST_TEMPLATE = await buildPgliteTemplate();
}
