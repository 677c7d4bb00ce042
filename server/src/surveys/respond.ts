import { sql } from 'drizzle-orm';
import { validateAnswers, type DraftBody, type RespondentView } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import type { Actor, RequestContext } from '../http/actor';
import { AppError, badInput, conflict, unauthenticated } from '../http/errors';
import { compactWriter } from './compact-answers';
import { definitionOf, findSurveyByToken, surveyState, type SurveyRow } from './load-survey';

interface ResponseRow {
  id: string;
  status: 'draft' | 'submitted';
  answers: Record<string, unknown>;
  updated_at: Date;
  submitted_at: Date | null;
}
const rows = <T>(res: unknown) => (res as { rows: T[] }).rows;

/** jsonb keeps its own key order: compare answers key by key. */
const canonical = (a: Record<string, unknown>) => JSON.stringify(Object.keys(a).sort().map((k) => [k, a[k]]));

const frDay = (d: Date) => new Date(d).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });

async function own(db: Db, s: SurveyRow, actor: Actor | null, draftKey: string | undefined): Promise<ResponseRow | null> {
  if (s.mode === 'identified') {
    if (!actor) return null;
    return rows<ResponseRow>(await db.execute(sql`SELECT id, status, answers, updated_at, submitted_at FROM survey_response WHERE survey_id = ${s.id} AND respondent_id = ${actor.id}`))[0] ?? null;
  }
  if (!draftKey) return null;
  return rows<ResponseRow>(await db.execute(sql`SELECT id, status, answers, updated_at, submitted_at FROM survey_response WHERE survey_id = ${s.id} AND draft_key = ${draftKey}`))[0] ?? null;
}

/** What the public page shows: the questions, whether answers are accepted now, and the respondent's own answers. */
export async function respondentView(deps: AppDeps, actor: Actor | null, token: string, draftKey?: string): Promise<RespondentView> {
  const s = await findSurveyByToken(deps.db, token);
  const def = definitionOf(s);
  const mine = await own(deps.db, s, actor, draftKey);
  return {
    title: s.title,
    description: def.description,
    mode: s.mode,
    state: surveyState(s, deps.now()),
    opensAt: s.opens_at ? new Date(s.opens_at).toISOString() : null,
    closesAt: s.closes_at ? new Date(s.closes_at).toISOString() : null,
    questions: def.questions,
    mine: mine ? { status: mine.status, answers: mine.answers, updatedAt: new Date(mine.updated_at).toISOString() } : null,
  };
}

function assertOpen(s: SurveyRow, now: Date) {
  const state = surveyState(s, now);
  if (state === 'not_yet_open') throw new AppError(409, 'survey_not_open', `Ce questionnaire ouvre le ${frDay(s.opens_at!)}.`, 'opensAt');
  if (state === 'closed') throw new AppError(409, 'survey_closed', `Ce questionnaire est clos depuis le ${frDay(s.closes_at!)} : il n'accepte plus de réponses.`, 'closesAt');
}

export interface Saved {
  status: 'draft' | 'submitted';
  updatedAt: string;
  submittedAt: string | null;
}
const saved = (r: ResponseRow): Saved => ({ status: r.status, updatedAt: new Date(r.updated_at).toISOString(), submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null });

/**
 * Saves answers as the respondent goes (draft) or submits them. The draft is keyed by the user
 * (identified mode) or by the browser's draft key (anonymous mode), so saving again, or retrying a
 * submission, writes the same row. A submitted response is final: one answer per person.
 */
export async function saveResponse(deps: AppDeps, actor: Actor | null, token: string, body: DraftBody, submit: boolean, ctx: RequestContext): Promise<Saved> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const s = await findSurveyByToken(tx, token);
    if (s.mode === 'identified' && !actor) throw unauthenticated('Ce questionnaire est nominatif : connectez-vous pour répondre.');
    if (s.mode === 'anonymous' && !body.draftKey) throw badInput('draftKey', 'La clé de brouillon manque.');
    const def = definitionOf(s);
    const { answers, problems } = validateAnswers(def, body.answers, submit);
    const existing = await own(tx, s, actor, body.draftKey);
    if (existing?.status === 'submitted') {
      // A retried submission answers the same; anything else would be a second answer.
      if (submit && canonical(existing.answers) === canonical(answers)) return saved(existing);
      throw conflict('Vous avez déjà répondu à ce questionnaire : une seule réponse par personne.');
    }
    assertOpen(s, now);
    if (problems.length > 0) throw badInput(`answers.${problems[0].column}`, `${def.questions.find((q) => q.linkId === problems[0].column)?.text ?? problems[0].column} : ${problems[0].message}`);
    const status = submit ? 'submitted' : 'draft';
    const json = JSON.stringify(answers);
    const { layout, encode } = compactWriter(def);
    const compact = encode(answers);
    const submittedAt = submit ? now : null;
    let row: ResponseRow;
    if (existing) {
      [row] = rows<ResponseRow>(
        await tx.execute(sql`UPDATE survey_response SET answers = ${json}::jsonb, answers_compact = ${compact}, compact_layout = ${layout}, status = ${status}, updated_at = ${now}, submitted_at = ${submittedAt}
                             WHERE id = ${existing.id} RETURNING id, status, answers, updated_at, submitted_at`),
      );
    } else {
      const respondent = s.mode === 'identified' ? actor!.id : null;
      const draftKey = s.mode === 'anonymous' ? body.draftKey! : null;
      [row] = rows<ResponseRow>(
        await tx.execute(sql`INSERT INTO survey_response (survey_id, status, answers, answers_compact, compact_layout, respondent_id, draft_key, created_at, updated_at, submitted_at)
                             VALUES (${s.id}, ${status}, ${json}::jsonb, ${compact}, ${layout}, ${respondent}, ${draftKey}, ${now}, ${now}, ${submittedAt})
                             RETURNING id, status, answers, updated_at, submitted_at`),
      );
    }
    // Drafts are not audited (one per keystroke pause); a submission is.
    if (submit) await recordAuditEvent(tx, actor, ctx, { action: 'survey.response_submitted', objectType: 'survey_response', objectId: row.id, details: { surveyId: s.id } });
    return saved(row);
  });
}
