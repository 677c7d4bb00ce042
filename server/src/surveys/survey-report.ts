import { sql } from 'drizzle-orm';
import { createReportBuilder, ReportProblem, type Answers, type ReportOptionsInput, type SurveyReport } from '@palliance/core';
import type { AppDeps } from '../app-types';
import type { Db } from '../db/client';
import type { Actor } from '../http/actor';
import { badInput } from '../http/errors';
import { assertCan } from '../http/permissions';
import { definitionOf, findSurvey } from './load-survey';

const rows = <T>(res: unknown) => (res as { rows: T[] }).rows;
/** Responses read per query (keyset on id): memory stays flat however many responses there are. */
const PAGE = 10_000;

/** Calls fn for every submitted response of the survey, in id order, page by page. */
export async function forEachResponse(db: Db, surveyId: string, fn: (r: { id: string; answers: Answers }) => void): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // answers as text and one JSON.parse per row: cheaper than letting the driver build each jsonb value.
    const page = rows<{ id: string; a: string }>(
      await db.execute(sql`SELECT id, answers::text AS a FROM survey_response WHERE survey_id = ${surveyId} AND status = 'submitted' AND id > ${after} ORDER BY id LIMIT ${PAGE}`),
    );
    for (const r of page) fn({ id: r.id, answers: JSON.parse(r.a) as Answers });
    if (page.length < PAGE) return;
    after = page[page.length - 1].id;
  }
}

export async function loadThemes(db: Db, surveyId: string): Promise<Map<string, string[]>> {
  const list = rows<{ response_id: string; link_id: string; themes: string[] }>(
    await db.execute(sql`SELECT t.response_id, t.link_id, t.themes FROM survey_text_theme t JOIN survey_response r ON r.id = t.response_id WHERE r.survey_id = ${surveyId}`),
  );
  return new Map(list.map((t) => [`${t.response_id}:${t.link_id}`, t.themes]));
}

/** The analysis report, computed in one streaming pass over the submitted responses. */
export async function surveyReport(deps: AppDeps, actor: Actor | null, surveyId: string, options: ReportOptionsInput): Promise<SurveyReport> {
  assertCan(actor, 'survey.manage');
  const s = await findSurvey(deps.db, surveyId);
  const def = definitionOf(s);
  let builder: ReturnType<typeof createReportBuilder>;
  try {
    builder = createReportBuilder(def, { groupBy: options.groupBy ?? null, crossTables: options.crossTables ?? [], themes: await loadThemes(deps.db, surveyId) });
  } catch (err) {
    if (err instanceof ReportProblem) throw badInput(err.field, err.message);
    throw err;
  }
  await forEachResponse(deps.db, surveyId, (r) => builder.add(r));
  return builder.result();
}
