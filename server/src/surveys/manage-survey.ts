import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { readQuestionnaire, type SurveyCreateInput, type SurveyDetail, type SurveySettingsInput } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { survey } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, conflict } from '../http/errors';
import { assertCan } from '../http/permissions';
import { definitionOf, findSurvey, toDetail } from './load-survey';

/** 24 random bytes: the public link cannot be guessed. */
export const newPublicToken = () => crypto.randomBytes(18).toString('base64url');

function checkedQuestionnaire(fhir: unknown): Record<string, unknown> {
  const { definition, problems } = readQuestionnaire(fhir);
  if (!definition || problems.length > 0) {
    const p = problems[0];
    throw badInput('questionnaire', `Le questionnaire n'est pas valide (${p.path}) : ${p.message}${problems.length > 1 ? ` (et ${problems.length - 1} autre(s) problème(s))` : ''}`);
  }
  return fhir as Record<string, unknown>;
}

/** A new survey from a FHIR Questionnaire or a copy of a template; it opens once its settings say so. */
export async function createSurvey(deps: AppDeps, actor: Actor | null, input: SurveyCreateInput, ctx: RequestContext): Promise<SurveyDetail> {
  assertCan(actor, 'survey.manage');
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    let questionnaire: Record<string, unknown>;
    let title: string;
    if ('templateId' in input) {
      const tpl = await findSurvey(tx, input.templateId);
      questionnaire = tpl.questionnaire;
      title = input.title ?? tpl.title;
    } else {
      questionnaire = checkedQuestionnaire(input.questionnaire);
      title = input.title ?? readQuestionnaire(questionnaire).definition!.title;
    }
    const [row] = await tx
      .insert(survey)
      .values({ title, questionnaire, publicToken: newPublicToken(), createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning({ id: survey.id });
    await recordAuditEvent(tx, actor, ctx, { action: 'survey.created', objectType: 'survey', objectId: row.id, details: { title, ...('templateId' in input ? { templateId: input.templateId } : {}) } });
    return toDetail(await findSurvey(tx, row.id), now, deps.config.publicUrl);
  });
}

export async function updateSettings(deps: AppDeps, actor: Actor | null, id: string, input: SurveySettingsInput, ctx: RequestContext): Promise<SurveyDetail> {
  assertCan(actor, 'survey.manage');
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findSurvey(tx, id);
    if (row.is_template) throw conflict('Un modèle ne se diffuse pas : créez un questionnaire à partir de lui.');
    if (input.mode !== row.mode && Number(row.response_count) + Number(row.draft_count) > 0) {
      throw badInput('mode', 'Le mode (anonyme ou identifié) ne peut plus changer : des réponses ont déjà été enregistrées.');
    }
    await tx
      .update(survey)
      .set({ title: input.title, mode: input.mode, opensAt: input.opensAt ? new Date(input.opensAt) : null, closesAt: input.closesAt ? new Date(input.closesAt) : null, updatedAt: now })
      .where(eq(survey.id, id));
    await recordAuditEvent(tx, actor, ctx, { action: 'survey.settings_changed', objectType: 'survey', objectId: id, details: { ...input } });
    return toDetail(await findSurvey(tx, id), now, deps.config.publicUrl);
  });
}

/**
 * Replaces the questionnaire (editor). Once answers exist, every question keeps its identifier and
 * its type, so stored answers keep their meaning; texts, options added and new items may change.
 */
export async function replaceQuestionnaire(deps: AppDeps, actor: Actor | null, id: string, fhir: unknown, ctx: RequestContext): Promise<SurveyDetail> {
  assertCan(actor, 'survey.manage');
  const questionnaire = checkedQuestionnaire(fhir);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findSurvey(tx, id);
    if (row.is_template) throw conflict('Un modèle ne se modifie pas ici : créez un questionnaire à partir de lui.');
    if (Number(row.response_count) + Number(row.draft_count) > 0) {
      const next = new Map(definitionOf({ questionnaire, title: row.title }).questions.map((q) => [q.linkId, q]));
      for (const q of definitionOf(row).questions) {
        const n = next.get(q.linkId);
        if (!n || n.kind !== q.kind) throw badInput('questionnaire', `La question « ${q.linkId} » a déjà des réponses : elle ne peut être ni supprimée ni changer de type.`);
        const lost = q.options.filter((o) => !n.options.some((x) => x.code === o.code));
        if (lost.length) throw badInput('questionnaire', `La question « ${q.linkId} » a déjà des réponses : la modalité « ${lost[0].code} » ne peut pas être supprimée.`);
      }
    }
    await tx.update(survey).set({ questionnaire, updatedAt: now }).where(eq(survey.id, id));
    await recordAuditEvent(tx, actor, ctx, { action: 'survey.questionnaire_replaced', objectType: 'survey', objectId: id });
    return toDetail(await findSurvey(tx, id), now, deps.config.publicUrl);
  });
}
