import { evaluationTrend, type EvaluationTrendView, type SavedEvaluation, type ScaleAnswers } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { patientInitials } from '../../coordination/circle-notify';
import { readAsCircleMember } from '../../coordination/patient-access';
import type { Actor, RequestContext } from '../../http/actor';
import { notFound } from '../../http/errors';
import { renderSheetPdf, sheetToFhirBundle, type ScoredSheet } from '../evaluation-sheet';
import { currentScale, scaleAtVersion } from '../scale-versions';
import { listSavedEvaluations, loadSavedEvaluation, toSavedEvaluation } from './queries';

/** Every read of a saved evaluation is a read of patient data: checked and written to the access log. */
export async function listEvaluations(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext): Promise<EvaluationTrendView> {
  await readAsCircleMember(deps, actor, patientId, ctx, 'evaluations');
  const evaluations = await listSavedEvaluations(deps.db, patientId);
  const series = evaluationTrend(evaluations.map((e) => ({ id: e.id, at: e.evaluatedAt, parts: e.parts })));
  const labels = new Map<string, Map<string, string>>();
  for (const scaleId of new Set(series.map((s) => s.scaleId))) {
    const scale = await currentScale(deps.handle, scaleId);
    labels.set(scaleId, new Map([['score', `${scale.shortTitle} : score total`], ...scale.items.map((i) => [i.linkId, `${scale.shortTitle} : ${i.text}`] as [string, string])]));
  }
  return { evaluations, series: series.map((s) => ({ ...s, label: labels.get(s.scaleId)?.get(s.linkId) ?? `${s.scaleId} ${s.linkId}` })) };
}

export async function readEvaluation(deps: AppDeps, actor: Actor | null, patientId: string, evaluationId: string, ctx: RequestContext): Promise<SavedEvaluation> {
  await readAsCircleMember(deps, actor, patientId, ctx, `evaluation:${evaluationId}`);
  const row = await loadSavedEvaluation(deps.db, patientId, evaluationId);
  if (!row) throw notFound("Cette évaluation n'existe pas dans ce dossier.");
  return toSavedEvaluation(row);
}

/** The saved evaluation as the sheet it was: each scale at the version it was answered on. */
async function asSheet(deps: AppDeps, patientId: string, e: SavedEvaluation): Promise<ScoredSheet> {
  const parts = [];
  for (const p of e.parts) {
    const scale = await scaleAtVersion(deps.handle, p.scaleId, Number(p.version));
    parts.push({
      scale,
      answers: p.answers as ScaleAnswers,
      result: { scaleId: scale.id, version: p.version, score: p.score, interpretation: p.interpretation, thresholdReached: p.thresholdReached, highlighted: p.highlighted, missing: [] },
    });
  }
  return { at: new Date(e.evaluatedAt), patientLabel: await patientInitials(deps.db, patientId), evaluator: e.evaluatorName, pps: e.pps, parts, mciJustification: e.mciJustification };
}

export async function evaluationPdf(deps: AppDeps, actor: Actor | null, patientId: string, evaluationId: string, ctx: RequestContext): Promise<Uint8Array> {
  const e = await readEvaluation(deps, actor, patientId, evaluationId, ctx);
  return renderSheetPdf(await asSheet(deps, patientId, e), 'Palliance — évaluation enregistrée dans le dossier du patient ; scores recalculés par le serveur');
}

export async function evaluationFhir(deps: AppDeps, actor: Actor | null, patientId: string, evaluationId: string, ctx: RequestContext) {
  const e = await readEvaluation(deps, actor, patientId, evaluationId, ctx);
  return sheetToFhirBundle(await asSheet(deps, patientId, e));
}
