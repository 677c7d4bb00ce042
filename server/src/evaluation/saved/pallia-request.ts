import type { SupportRequest } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { createSupportRequest } from '../../coordination/create-support-request';
import { suggestStructures } from '../../coordination/suggest-structures';
import type { Actor, RequestContext } from '../../http/actor';
import { badInput } from '../../http/errors';
import { evaluationFhir, readEvaluation } from './read-evaluations';

// The mobile palliative teams, territorial first (seed 003: EMSP/ETSP answer the professionals at home).
const MOBILE_TEAM_TYPES = ['ETSP', 'EMSP_EXTRA', 'EMSP_INTER', 'EMSP_INTRA', 'ERISP'];

/**
 * Pallia 10 at or above its threshold: one click sends a support request to the mobile team covering
 * the patient's commune, with the evaluation attached as FHIR QuestionnaireResponse, and the MCI
 * justification in the message when the memo admits one (see the billing memo). The same
 * idempotency key answers the request already sent.
 */
export async function requestFromPallia(
  deps: AppDeps,
  actor: Actor | null,
  patientId: string,
  evaluationId: string,
  input: { idempotencyKey: string; body: string },
  ctx: RequestContext,
): Promise<{ request: SupportRequest; created: boolean }> {
  const evaluation = await readEvaluation(deps, actor, patientId, evaluationId, ctx);
  const pallia = evaluation.parts.find((p) => p.scaleId === 'pallia-10');
  if (!pallia || !pallia.thresholdReached) throw badInput('evaluationId', 'Cette évaluation ne comporte pas de Pallia 10 au seuil ou au-dessus : choisissez la structure dans le formulaire de demande.');
  const suggestions = await suggestStructures(deps, actor, patientId, ctx);
  const team = suggestions.structures.find((s) => s.types.some((t) => MOBILE_TEAM_TYPES.includes(t)));
  if (!team) throw badInput('structureId', `Aucune équipe mobile de soins palliatifs ne couvre ${suggestions.commune.nom} dans l’annuaire : choisissez une autre structure dans le formulaire de demande.`);
  const bundle = await evaluationFhir(deps, actor, patientId, evaluationId, ctx);
  const body = [
    input.body,
    `Pallia 10 du ${new Date(evaluation.evaluatedAt).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })} : score ${pallia.score} — ${pallia.interpretation}`,
    evaluation.mciJustification ? `Justificatif MCI : ${evaluation.mciJustification}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return createSupportRequest(deps, actor, patientId, {
    structureId: team.id,
    reason: 'complex_decision',
    urgency: 'routine',
    body,
    evaluations: bundle.entry.map((e) => e.resource as unknown as { resourceType: 'QuestionnaireResponse' }),
    idempotencyKey: input.idempotencyKey,
  }, ctx);
}
