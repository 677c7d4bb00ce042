import type { AppDeps } from '../app-types';
import { rcpCasesDiscussed } from '../coordination/rcp/rcp';
import { latestTerritorialSurveyFigures, type TerritorialSurveyFigures } from '../surveys/territorial-figures';

/** Filter passed to the mini-RCP source: the patients' departments (null = all of France) and [from, to). */
export interface RcpCasesFilter {
  departements: string[] | null;
  from: Date;
  to: Date;
}

/**
 * Number of patient cases discussed in mini-RCP meetings held in [from, to), for patients of the
 * departments given; null when the source cannot tell (the dashboard then shows « non disponible »).
 */
export type RcpCasesDiscussed = (deps: Pick<AppDeps, 'db'>, filter: RcpCasesFilter) => Promise<number | null>;

/** What the dashboard reads from the other domains; tests and the integrator pass their own. */
export interface IndicatorSources {
  rcpCasesDiscussed: RcpCasesDiscussed;
  surveyFigures: (deps: Pick<AppDeps, 'db'>) => Promise<TerritorialSurveyFigures | null>;
}

/** A source that cannot tell: the indicator is shown as not available (tests use it). */
export const rcpNotYetAvailable: RcpCasesDiscussed = async () => null;

/**
 * Cases discussed, from the mini-RCP module: it counts by the department of the meeting series (the
 * territory of the meeting), over an inclusive window, hence the millisecond taken off `to`.
 */
export const rcpCasesFromCoordination: RcpCasesDiscussed = async (deps, { departements, from, to }) => {
  const r = await rcpCasesDiscussed(deps, { from, to: new Date(to.getTime() - 1) });
  if (departements === null) return r.count;
  return departements.reduce((sum, d) => sum + (r.byDepartement[d] ?? 0), 0);
};

/**
 * The survey figures take one pass over the latest survey's responses (up to 100,000): on a public
 * dashboard that pass is shared for a minute rather than repeated on every visit.
 */
const SURVEY_CACHE_MS = 60_000;
const surveyCache = new WeakMap<object, { at: number; value: Promise<TerritorialSurveyFigures | null> }>();
export function cachedSurveyFigures(deps: Pick<AppDeps, 'db'>): Promise<TerritorialSurveyFigures | null> {
  const hit = surveyCache.get(deps.db);
  if (hit && Date.now() - hit.at < SURVEY_CACHE_MS) return hit.value;
  const value = latestTerritorialSurveyFigures(deps.db);
  surveyCache.set(deps.db, { at: Date.now(), value });
  // A failed read is not kept.
  value.catch(() => surveyCache.delete(deps.db));
  return value;
}

export const defaultIndicatorSources: IndicatorSources = {
  rcpCasesDiscussed: rcpCasesFromCoordination,
  surveyFigures: cachedSurveyFigures,
};
