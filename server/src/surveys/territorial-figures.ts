import { sql } from 'drizzle-orm';
import { createReportBuilder, territorialSurveyFigures } from '@palliance/core';
import type { Db } from '../db/client';
import { definitionOf, type SurveyRow } from './load-survey';
import { forEachResponse } from './survey-report';

export interface TerritorialSurveyFigures {
  survey: { id: string; title: string; lastResponseAt: string };
  knowsSupportNumber: { percent: number | null; yes: number; answered: number } | null;
  billsPalliativeCodes: { percent: number | null; yes: number; answered: number } | null;
}

/**
 * For the territorial indicators (another domain calls this, never our tables): the share of
 * respondents who know the territorial support number and the share who bill the palliative codes,
 * from the latest survey that asks both (items `appui-territorial` and `cotations` of the seed-004
 * questionnaire, or the linkIds given). Null when no survey with responses asks them.
 */
export async function latestTerritorialSurveyFigures(
  db: Db,
  items: { supportNumber: string; billing: string } = { supportNumber: 'appui-territorial', billing: 'cotations' },
): Promise<TerritorialSurveyFigures | null> {
  const found = (await db.execute(sql`
    SELECT s.id, s.title, s.questionnaire, max(r.submitted_at) AS last
    FROM survey s JOIN survey_response r ON r.survey_id = s.id AND r.status = 'submitted'
    WHERE NOT s.is_template
    GROUP BY s.id
    ORDER BY max(coalesce(r.submitted_at, r.created_at)) DESC`)) as unknown as { rows: (Pick<SurveyRow, 'id' | 'title' | 'questionnaire'> & { last: Date | null })[] };
  for (const s of found.rows) {
    const def = definitionOf(s);
    const ids = new Set(def.questions.filter((q) => q.kind === 'boolean').map((q) => q.linkId));
    if (!ids.has(items.supportNumber) || !ids.has(items.billing)) continue;
    // Only the two items are counted: a one-pass report restricted to them.
    const builder = createReportBuilder({ ...def, questions: def.questions.filter((q) => q.linkId === items.supportNumber || q.linkId === items.billing) });
    await forEachResponse(db, s.id, (r) => builder.add(r));
    const figures = territorialSurveyFigures(builder.result(), items);
    return { survey: { id: s.id, title: s.title, lastResponseAt: s.last ? new Date(s.last).toISOString() : '' }, ...figures };
  }
  return null;
}
