import {
  answersToQuestionnaireResponse,
  mciJustification,
  PPS_NOTE,
  type EvaluationSheetInput,
  type FhirQuestionnaireResponse,
  type ScaleAnswers,
  type ScaleDefinition,
  type ScaleResult,
} from '@palliance/core';
import { formatInTimeZone } from './french-date';
import type { DbHandle } from '../db/client';
import { currentBillingMemo } from '../billing/billing-memo';
import { currentScale } from './scale-versions';
import { scoreAnswers } from './score-scale';
import { renderSimplePdf, type Block } from './simple-pdf';

export interface ScoredSheet {
  at: Date;
  patientLabel: string;
  evaluator: string;
  pps: number | null;
  parts: { scale: ScaleDefinition; answers: ScaleAnswers; result: ScaleResult }[];
  /** Present when a Pallia 10 of the sheet is at or above its threshold or answered with q1 = yes. */
  mciJustification: string | null;
}

/** Scores every scale of the sheet (server-side), refusing the whole sheet at the first bad answer. */
export async function scoreSheet(handle: DbHandle, input: EvaluationSheetInput, at: Date): Promise<ScoredSheet> {
  const parts = [];
  for (const [n, s] of (input.scales ?? []).entries()) {
    const scale = await currentScale(handle, s.scaleId);
    parts.push({ scale, answers: s.answers, result: scoreAnswers(scale, s.answers, `scales.${n}.answers`) });
  }
  const pallia = parts.find((p) => p.scale.id === 'pallia-10');
  const memo = pallia ? await currentBillingMemo(handle) : null;
  const date = formatInTimeZone(at);
  return {
    at,
    patientLabel: input.patientLabel ?? '',
    evaluator: input.evaluator ?? '',
    pps: input.pps ?? null,
    parts,
    // The memo admits a Pallia 10 evaluation as the MCI justification; a "no" to question 1 justifies nothing.
    mciJustification:
      pallia && pallia.answers.q1 === true
        ? mciJustification({
            score: pallia.result.score ?? 0,
            thresholdReached: pallia.result.thresholdReached,
            date,
            evaluator: input.evaluator || undefined,
            patient: input.patientLabel || undefined,
          }, memo?.codes)
        : null,
  };
}

/**
 * The sheet as FHIR: a Bundle (collection) of one QuestionnaireResponse per scale. This is what is
 * downloaded, and the shape a support request will attach when the coordination side wires it.
 */
export function sheetToFhirBundle(sheet: ScoredSheet): { resourceType: 'Bundle'; type: 'collection'; timestamp: string; entry: { resource: FhirQuestionnaireResponse }[] } {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: sheet.at.toISOString(),
    entry: sheet.parts.map((p) => ({
      resource: answersToQuestionnaireResponse(p.scale, p.answers, p.result, {
        authored: sheet.at.toISOString(),
        author: sheet.evaluator || undefined,
        subject: sheet.patientLabel || undefined,
      }),
    })),
  };
}

const answerText = (scale: ScaleDefinition, linkId: string, value: unknown): string => {
  const item = scale.items.find((i) => i.linkId === linkId)!;
  if (item.type === 'boolean') return value ? 'oui' : 'non';
  const choice = item.choices?.find((c) => c.value === value);
  if (choice) return choice.label;
  return String(value);
};

export async function renderSheetPdf(sheet: ScoredSheet, footer = 'Palliance — scores recalculés par le serveur ; rien n’est enregistré en mode calculatrice'): Promise<Uint8Array> {
  const blocks: Block[] = [
    { kind: 'title', text: 'Fiche d’évaluation standardisée' },
    { kind: 'text', text: `Date : ${formatInTimeZone(sheet.at)}`, muted: true },
  ];
  if (sheet.patientLabel) blocks.push({ kind: 'text', text: `Patient : ${sheet.patientLabel}` });
  if (sheet.evaluator) blocks.push({ kind: 'text', text: `Évaluateur : ${sheet.evaluator}` });
  for (const { scale, answers, result } of sheet.parts) {
    blocks.push({ kind: 'heading', text: `${scale.title} (version ${scale.version})` });
    blocks.push({ kind: 'text', text: `Score : ${result.score ?? '—'}${scale.scoreMax !== null && result.score !== null ? ` / ${scale.scoreMax}` : ''}`, bold: true });
    blocks.push({ kind: 'text', text: result.interpretation, highlight: result.thresholdReached });
    for (const item of scale.items) {
      const v = answers[item.linkId];
      if (v === undefined || v === null || v === '') continue;
      const mark = result.highlighted.includes(item.linkId) ? ' (≥ 4)' : '';
      const flag = item.unconfirmed ? ' [libellé à confirmer par un éditeur]' : '';
      blocks.push({ kind: 'text', text: `• ${item.text}${flag} : ${answerText(scale, item.linkId, v)}${mark}`, highlight: !!mark });
    }
    blocks.push({ kind: 'text', text: `Source : ${scale.sources.join(' ; ')}`, muted: true });
    if (scale.unconfirmed.length) blocks.push({ kind: 'text', text: `À confirmer par un éditeur : ${scale.unconfirmed.join(' ')}`, muted: true });
  }
  if (sheet.pps !== null) {
    blocks.push({ kind: 'heading', text: 'Palliative Performance Scale (PPS)' });
    blocks.push({ kind: 'text', text: `Valeur saisie par le professionnel : ${sheet.pps} %` });
    blocks.push({ kind: 'text', text: PPS_NOTE, muted: true });
  }
  if (sheet.mciJustification) {
    blocks.push({ kind: 'heading', text: 'Justificatif pour la majoration de coordination infirmière (MCI)' });
    blocks.push({ kind: 'text', text: sheet.mciJustification });
  }
  return renderSimplePdf('Fiche d’évaluation standardisée', blocks, footer);
}
