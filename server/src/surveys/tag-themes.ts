import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, notFound } from '../http/errors';
import { assertCan } from '../http/permissions';
import { definitionOf, findSurvey } from './load-survey';

const rows = <T>(res: unknown) => (res as { rows: T[] }).rows;

/** An analyst sets the themes of one free-text answer (an empty list removes them). */
export async function tagThemes(
  deps: AppDeps,
  actor: Actor | null,
  surveyId: string,
  responseId: string,
  linkId: string,
  themes: string[],
  ctx: RequestContext,
): Promise<{ themes: string[] }> {
  assertCan(actor, 'survey.manage');
  const unique = [...new Set(themes.map((t) => t.trim()))];
  return deps.db.transaction(async (tx) => {
    const s = await findSurvey(tx, surveyId);
    const q = definitionOf(s).questions.find((x) => x.linkId === linkId);
    if (!q || q.kind !== 'text') throw badInput('linkId', `« ${linkId} » n'est pas une question à texte libre de ce questionnaire.`);
    const [r] = rows<{ id: string }>(await tx.execute(sql`SELECT id FROM survey_response WHERE id = ${responseId} AND survey_id = ${surveyId} AND status = 'submitted'`));
    if (!r) throw notFound("Cette réponse n'existe pas.");
    if (unique.length === 0) await tx.execute(sql`DELETE FROM survey_text_theme WHERE response_id = ${responseId} AND link_id = ${linkId}`);
    else {
      await tx.execute(sql`
        INSERT INTO survey_text_theme (response_id, link_id, themes, updated_at) VALUES (${responseId}, ${linkId}, ${sql.raw('ARRAY[')}${sql.join(
          unique.map((t) => sql`${t}`),
          sql`, `,
        )}${sql.raw(']::text[]')}, ${deps.now()})
        ON CONFLICT (response_id, link_id) DO UPDATE SET themes = EXCLUDED.themes, updated_at = EXCLUDED.updated_at`);
    }
    await recordAuditEvent(tx, actor, ctx, { action: 'survey.themes_tagged', objectType: 'survey_response', objectId: responseId, details: { linkId, themes: unique } });
    return { themes: unique };
  });
}
