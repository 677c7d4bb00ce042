import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { saveEvaluationSchema, SavedEvaluation } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { findUserById } from '../../accounts/queries';
import { recordAuditEvent } from '../../audit/record-audit-event';
import { patientInitials } from '../../coordination/circle-notify';
import { assertCircleMember } from '../../coordination/patient-access';
import { savedEvaluation } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { badInput, conflict } from '../../http/errors';
import { scoreSheet } from '../evaluation-sheet';
import { loadSavedEvaluation, toSavedEvaluation } from './queries';

type Input = z.output<typeof saveEvaluationSchema>;

/**
 * Saves an evaluation for a patient of the actor's care circle. Whatever the browser showed, each
 * score is recomputed here with core's scoring on the scale version in force, and that version is
 * stored with the answers. A retried POST (same idempotency key) answers the evaluation already saved.
 */
export async function saveEvaluation(deps: AppDeps, actor: Actor | null, patientId: string, input: Input, ctx: RequestContext): Promise<{ evaluation: SavedEvaluation; created: boolean }> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const a = access.actor;
  const replay = async () => {
    const [row] = await deps.db.select().from(savedEvaluation).where(and(eq(savedEvaluation.evaluatorId, a.id), eq(savedEvaluation.idempotencyKey, input.idempotencyKey)));
    if (!row) return null;
    if (row.patientId !== patientId) throw conflict("Cette clé d'idempotence a déjà servi pour un autre patient : le client doit en tirer une nouvelle.", 'idempotencyKey');
    return { evaluation: toSavedEvaluation(row), created: false };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const now = deps.now();
  const at = input.evaluatedAt ? new Date(input.evaluatedAt) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000) throw badInput('evaluatedAt', 'La date de l’évaluation ne peut pas être dans le futur.');
  const me = await findUserById(deps.db, a.id);
  const evaluatorName = `${me?.firstName ?? ''} ${me?.lastName ?? ''}`.trim() || a.email;
  const sheet = await scoreSheet(deps.handle, { scales: input.scales, pps: input.pps ?? null, evaluator: evaluatorName, patientLabel: await patientInitials(deps.db, patientId) }, at);
  const parts = sheet.parts.map((p) => ({
    scaleId: p.scale.id,
    scaleTitle: p.scale.shortTitle,
    version: p.scale.version,
    answers: p.answers,
    score: p.result.score,
    thresholdReached: p.result.thresholdReached,
    interpretation: p.result.interpretation,
    highlighted: p.result.highlighted,
  }));
  const id = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .insert(savedEvaluation)
      .values({ patientId, evaluatorId: a.id, evaluatorName, idempotencyKey: input.idempotencyKey, evaluatedAt: at, pps: input.pps ?? null, parts, mciJustification: sheet.mciJustification, createdAt: now })
      .onConflictDoNothing({ target: [savedEvaluation.evaluatorId, savedEvaluation.idempotencyKey] })
      .returning({ id: savedEvaluation.id });
    if (!rows.length) return null;
    await recordAuditEvent(tx, a, ctx, {
      action: 'patient.evaluation_saved',
      objectType: 'patient',
      objectId: patientId,
      details: { evaluationId: rows[0].id, scales: parts.map((p) => `${p.scaleId}@${p.version}`) },
    });
    return rows[0].id;
  });
  if (!id) {
    const raced = await replay();
    if (raced) return raced;
    throw conflict("L'évaluation n'a pas pu être enregistrée : réessayez.");
  }
  return { evaluation: toSavedEvaluation((await loadSavedEvaluation(deps.db, patientId, id))!), created: true };
}
