import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createReportBuilder, ReportProblem, type Answers, type ReportOptionsInput, type SurveyReport } from '@palliance/core';
import type { AppDeps } from '../app-types';
import type { Db } from '../db/client';
import type { Actor } from '../http/actor';
import { badInput, notFound } from '../http/errors';
import { assertCan } from '../http/permissions';
import { definitionOf, type SurveyRow } from './load-survey';

const rows = <T>(res: unknown) => (res as { rows: T[] }).rows;
/** Responses read per query (keyset on id): memory stays flat however many responses there are. */
const PAGE = 10_000;

/**
 * Calls fn for every submitted response of the survey, in id order, page by page. The next page is
 * asked for before the current one is processed, so the database and Node work at the same time.
 * Answers travel as the jsonb object's text, parsed once per row: picking them out in SQL as a bare
 * array in question order (jsonb_build_array(answers -> k, …), json_build_array, jsonb_to_record)
 * was measured and saves Node about 0.6 s of CPU on 100,000 responses but costs PostgreSQL 1.2 s more.
 */
export async function forEachResponse(db: Db, surveyId: string, fn: (r: { id: string; answers: Answers }) => void): Promise<void> {
  const page = (after: string) =>
    db
      .execute(sql`SELECT id, answers::text AS a FROM survey_response WHERE survey_id = ${surveyId} AND status = 'submitted' AND id > ${after} ORDER BY id LIMIT ${PAGE}`)
      .then((res) => rows<{ id: string; a: string }>(res));
  let next = page('00000000-0000-0000-0000-000000000000');
  for (;;) {
    const current = await next;
    const more = current.length === PAGE;
    if (more) {
      next = page(current[current.length - 1].id);
      // If fn throws, this read is abandoned: its failure must not surface as an unhandled rejection.
      next.catch(() => undefined);
    }
    // answers as text and one JSON.parse per row: cheaper than letting the driver build each jsonb value.
    for (const r of current) fn({ id: r.id, answers: JSON.parse(r.a) as Answers });
    if (!more) return;
  }
}

export async function loadThemes(db: Db, surveyId: string): Promise<Map<string, string[]>> {
  const list = rows<{ response_id: string; link_id: string; themes: string[] }>(
    await db.execute(sql`SELECT t.response_id, t.link_id, t.themes FROM survey_text_theme t JOIN survey_response r ON r.id = t.response_id WHERE r.survey_id = ${surveyId}`),
  );
  return new Map(list.map((t) => [`${t.response_id}:${t.link_id}`, t.themes]));
}

/** Reports kept per database handle (tests run several platforms in one process), at most CACHE_SIZE each. */
const CACHE_SIZE = 16;
const caches = new WeakMap<Db, Map<string, SurveyReport>>();

type ReportSurvey = Pick<SurveyRow, 'id' | 'title' | 'questionnaire'> & { version: string | number | null };

/**
 * The survey and the version of what its report reads (survey_report_version, moved by triggers on
 * every write of responses and themes), in one query and without findSurvey's response counts, which
 * cost a scan of the responses at every view. Read before the responses: a write that lands during
 * the computation moves the version, so the next view computes again.
 */
async function findReportSurvey(db: Db, surveyId: string): Promise<ReportSurvey> {
  const [s] = rows<ReportSurvey>(
    await db.execute(sql`SELECT s.id, s.title, s.questionnaire, v.version FROM survey s LEFT JOIN survey_report_version v ON v.survey_id = s.id WHERE s.id = ${surveyId}`),
  );
  if (!s) throw notFound("Ce questionnaire n'existe pas.");
  return s;
}

/** What a report depends on: the responses and themes (version), the questionnaire and title, the options. */
function reportKey(s: ReportSurvey, options: ReportOptionsInput): string {
  const definition = createHash('sha256').update(JSON.stringify([s.title, s.questionnaire])).digest('base64url');
  return JSON.stringify([s.id, String(s.version ?? 0), definition, options.groupBy ?? null, options.crossTables ?? []]);
}

/**
 * The analysis report, computed in one streaming pass over the submitted responses, or the one
 * already computed for the same responses, themes, questionnaire and options. The returned report is
 * shared between views: callers read it, never change it.
 */
export async function surveyReport(deps: AppDeps, actor: Actor | null, surveyId: string, options: ReportOptionsInput): Promise<SurveyReport> {
  assertCan(actor, 'survey.manage');
  const s = await findReportSurvey(deps.db, surveyId);
  const key = reportKey(s, options);
  let cache = caches.get(deps.db);
  if (!cache) caches.set(deps.db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const report = await computeReport(deps.db, s, options);
  cache.set(key, report);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return report;
}

async function computeReport(db: Db, s: ReportSurvey, options: ReportOptionsInput): Promise<SurveyReport> {
  const def = definitionOf(s);
  let builder: ReturnType<typeof createReportBuilder>;
  try {
    builder = createReportBuilder(def, { groupBy: options.groupBy ?? null, crossTables: options.crossTables ?? [], themes: await loadThemes(db, s.id) });
  } catch (err) {
    if (err instanceof ReportProblem) throw badInput(err.field, err.message);
    throw err;
  }
  await forEachResponse(db, s.id, (r) => builder.add(r));
  return builder.result();
}
