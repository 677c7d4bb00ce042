import { sql } from 'drizzle-orm';
import { readQuestionnaire, type SurveyDefinition, type SurveyDetail, type SurveyState, type SurveySummary } from '@palliance/core';
import type { Db } from '../db/client';
import { notFound } from '../http/errors';

export interface SurveyRow {
  id: string;
  title: string;
  questionnaire: Record<string, unknown>;
  is_template: boolean;
  is_demo: boolean;
  mode: 'anonymous' | 'identified';
  opens_at: Date | null;
  closes_at: Date | null;
  public_token: string;
  response_count: number;
  draft_count: number;
}

const rows = <T>(res: unknown) => (res as { rows: T[] }).rows;

const SELECT = sql`
  SELECT s.id, s.title, s.questionnaire, s.is_template, s.is_demo, s.mode, s.opens_at, s.closes_at, s.public_token,
         (SELECT count(*)::int FROM survey_response r WHERE r.survey_id = s.id AND r.status = 'submitted') AS response_count,
         (SELECT count(*)::int FROM survey_response r WHERE r.survey_id = s.id AND r.status = 'draft') AS draft_count
  FROM survey s`;

export async function findSurvey(db: Db, id: string): Promise<SurveyRow> {
  const [row] = rows<SurveyRow>(await db.execute(sql`${SELECT} WHERE s.id = ${id}`));
  if (!row) throw notFound("Ce questionnaire n'existe pas.");
  return row;
}

export async function findSurveyByToken(db: Db, token: string): Promise<SurveyRow> {
  const [row] = rows<SurveyRow>(await db.execute(sql`${SELECT} WHERE s.public_token = ${token} AND NOT s.is_template`));
  if (!row) throw notFound("Ce questionnaire n'existe pas ou son lien a changé.");
  return row;
}

export async function listSurveyRows(db: Db): Promise<SurveyRow[]> {
  return rows<SurveyRow>(await db.execute(sql`${SELECT} ORDER BY s.is_template DESC, s.created_at DESC`));
}

/** The model derived from the stored FHIR Questionnaire (validated when it was stored). */
export function definitionOf(row: Pick<SurveyRow, 'questionnaire' | 'title'>): SurveyDefinition {
  const { definition } = readQuestionnaire(row.questionnaire);
  return { ...definition!, title: row.title };
}

export function surveyState(row: Pick<SurveyRow, 'opens_at' | 'closes_at'>, now: Date): SurveyState {
  if (row.opens_at && now < new Date(row.opens_at)) return 'not_yet_open';
  if (row.closes_at && now >= new Date(row.closes_at)) return 'closed';
  return 'open';
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function publicUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/mesurer/repondre/${token}`;
}

export function toSummary(row: SurveyRow, now: Date, baseUrl: string): SurveySummary {
  return {
    id: row.id,
    title: row.title,
    isTemplate: row.is_template,
    isDemo: row.is_demo,
    mode: row.mode,
    opensAt: iso(row.opens_at),
    closesAt: iso(row.closes_at),
    state: surveyState(row, now),
    questionCount: definitionOf(row).questions.length,
    responseCount: Number(row.response_count),
    draftCount: Number(row.draft_count),
    publicUrl: row.is_template ? null : publicUrl(baseUrl, row.public_token),
  };
}

export function toDetail(row: SurveyRow, now: Date, baseUrl: string): SurveyDetail {
  const def = definitionOf(row);
  return { ...toSummary(row, now, baseUrl), description: def.description, questions: def.questions };
}
