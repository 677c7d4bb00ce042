import type { ScaleAnswers, ScaleDefinition, ScaleId, ScaleItem, ScaleResult } from './types';

/*
 * A scale as a FHIR R4 Questionnaire, and back. linkIds are the scale's own and never change between
 * versions. What FHIR has no element for (scoring, threshold, sources, UNCONFIRMED notes) travels in
 * extensions, so an exported Questionnaire imported again gives the same scale (round trip).
 */

export const FHIR_EXT = {
  scale: 'urn:palliance:fhir:scale-definition',
  unconfirmed: 'urn:palliance:fhir:unconfirmed',
  itemScored: 'urn:palliance:fhir:item-scored',
  itemGroup: 'urn:palliance:fhir:item-group',
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  lowLabel: 'urn:palliance:fhir:low-label',
  highLabel: 'urn:palliance:fhir:high-label',
} as const;

export const QUESTIONNAIRE_BASE = 'urn:palliance:questionnaire:';
const CHOICE_SYSTEM = (scaleId: string, linkId: string) => `urn:palliance:scale:${scaleId}:${linkId}`;

type Ext = { url: string; valueString?: string; valueInteger?: number; valueBoolean?: boolean };

export interface FhirQuestionnaireItem {
  linkId: string;
  text: string;
  type: 'boolean' | 'integer' | 'choice' | 'string';
  required: boolean;
  extension?: Ext[];
  answerOption?: { valueCoding: { system: string; code: string; display: string } }[];
}

export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: 'active' | 'draft' | 'retired';
  date: string;
  description: string;
  copyright: string;
  extension: Ext[];
  item: FhirQuestionnaireItem[];
}

export function scaleToQuestionnaire(scale: ScaleDefinition): FhirQuestionnaire {
  const meta = {
    shortTitle: scale.shortTitle,
    scoring: scale.scoring,
    threshold: scale.threshold,
    scoreMin: scale.scoreMin,
    scoreMax: scale.scoreMax,
    sources: scale.sources,
    unconfirmed: scale.unconfirmed,
  };
  return {
    resourceType: 'Questionnaire',
    id: scale.id,
    url: `${QUESTIONNAIRE_BASE}${scale.id}`,
    version: scale.version,
    name: scale.id.replace(/[^a-z0-9]/gi, '_'),
    title: scale.title,
    status: 'active',
    date: scale.date,
    description: scale.description,
    copyright: scale.licence,
    extension: [{ url: FHIR_EXT.scale, valueString: JSON.stringify(meta) }],
    item: scale.items.map((i) => itemToFhir(scale.id, i)),
  };
}

function itemToFhir(scaleId: string, i: ScaleItem): FhirQuestionnaireItem {
  const extension: Ext[] = [{ url: FHIR_EXT.itemScored, valueBoolean: i.scored }];
  if (i.min !== undefined) extension.push({ url: FHIR_EXT.minValue, valueInteger: i.min });
  if (i.max !== undefined) extension.push({ url: FHIR_EXT.maxValue, valueInteger: i.max });
  if (i.lowLabel) extension.push({ url: FHIR_EXT.lowLabel, valueString: i.lowLabel });
  if (i.highLabel) extension.push({ url: FHIR_EXT.highLabel, valueString: i.highLabel });
  if (i.group) extension.push({ url: FHIR_EXT.itemGroup, valueString: i.group });
  if (i.unconfirmed) extension.push({ url: FHIR_EXT.unconfirmed, valueString: i.unconfirmed });
  return {
    linkId: i.linkId,
    text: i.text,
    type: i.type,
    required: i.required,
    extension,
    ...(i.choices
      ? { answerOption: i.choices.map((c) => ({ valueCoding: { system: CHOICE_SYSTEM(scaleId, i.linkId), code: String(c.value), display: c.label } })) }
      : {}),
  };
}

/** Thrown by questionnaireToScale with the path of what is wrong (French message). */
export class QuestionnaireImportError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'QuestionnaireImportError';
  }
}

/** An editor's Questionnaire (exported from here, then edited) back into a scale definition. */
export function questionnaireToScale(q: unknown, expectedId?: ScaleId): ScaleDefinition {
  const fail = (path: string, msg: string): never => {
    throw new QuestionnaireImportError(path, msg);
  };
  if (!q || typeof q !== 'object' || (q as { resourceType?: unknown }).resourceType !== 'Questionnaire')
    fail('resourceType', 'Le document doit être une ressource FHIR Questionnaire.');
  const r = q as FhirQuestionnaire;
  if (expectedId && r.id !== expectedId) fail('id', `L’identifiant du questionnaire doit être « ${expectedId} ».`);
  if (typeof r.version !== 'string' || !r.version) fail('version', 'La version est obligatoire.');
  if (typeof r.title !== 'string' || !r.title) fail('title', 'Le titre est obligatoire.');
  const metaText = r.extension?.find((e) => e.url === FHIR_EXT.scale)?.valueString;
  if (!metaText) fail('extension', `L’extension ${FHIR_EXT.scale} (cotation, seuil, sources) est obligatoire.`);
  let meta: Pick<ScaleDefinition, 'shortTitle' | 'scoring' | 'threshold' | 'scoreMin' | 'scoreMax' | 'sources' | 'unconfirmed'>;
  try {
    meta = JSON.parse(metaText!);
  } catch {
    return fail('extension', 'L’extension de définition de l’échelle n’est pas un JSON valide.');
  }
  if (!Array.isArray(meta.sources) || meta.sources.length === 0) fail('extension.sources', 'Au moins une source est obligatoire.');
  if (!meta.scoring || !['count-yes', 'single-value', 'items-each'].includes(meta.scoring.kind)) fail('extension.scoring', 'Mode de cotation inconnu.');
  if (!Array.isArray(r.item) || r.item.length === 0) fail('item', 'Le questionnaire doit contenir au moins une question.');
  const seen = new Set<string>();
  const items = r.item.map((it, n) => {
    if (!it || typeof it.linkId !== 'string' || !it.linkId) fail(`item[${n}].linkId`, 'Chaque question doit avoir un linkId.');
    if (seen.has(it.linkId)) fail(`item[${n}].linkId`, `Le linkId « ${it.linkId} » est en double.`);
    seen.add(it.linkId);
    if (!['boolean', 'integer', 'choice', 'string'].includes(it.type)) fail(`item[${n}].type`, `Type de question non pris en charge : ${String(it.type)}.`);
    const ext = (url: string) => it.extension?.find((e) => e.url === url);
    const item: ScaleItem = { linkId: it.linkId, text: String(it.text ?? ''), type: it.type, required: !!it.required, scored: ext(FHIR_EXT.itemScored)?.valueBoolean ?? true };
    const min = ext(FHIR_EXT.minValue)?.valueInteger;
    const max = ext(FHIR_EXT.maxValue)?.valueInteger;
    if (min !== undefined) item.min = min;
    if (max !== undefined) item.max = max;
    const low = ext(FHIR_EXT.lowLabel)?.valueString;
    const high = ext(FHIR_EXT.highLabel)?.valueString;
    if (low) item.lowLabel = low;
    if (high) item.highLabel = high;
    if (it.answerOption) {
      item.choices = it.answerOption.map((o, k) => {
        const value = Number(o.valueCoding?.code);
        if (!Number.isInteger(value)) fail(`item[${n}].answerOption[${k}]`, 'Le code d’une réponse doit être un nombre entier.');
        return { value, label: String(o.valueCoding.display ?? '') };
      });
    }
    if (it.type === 'choice' && !item.choices?.length) fail(`item[${n}].answerOption`, 'Une question à choix doit proposer des réponses.');
    const group = ext(FHIR_EXT.itemGroup)?.valueString;
    if (group) item.group = group;
    const unconfirmed = ext(FHIR_EXT.unconfirmed)?.valueString;
    if (unconfirmed) item.unconfirmed = unconfirmed;
    return item;
  });
  return {
    id: r.id as ScaleId,
    version: r.version,
    date: r.date,
    title: r.title,
    shortTitle: meta.shortTitle,
    description: r.description ?? '',
    items,
    scoring: meta.scoring,
    threshold: meta.threshold ?? null,
    scoreMin: meta.scoreMin ?? null,
    scoreMax: meta.scoreMax ?? null,
    sources: meta.sources,
    licence: r.copyright ?? '',
    unconfirmed: meta.unconfirmed ?? [],
  };
}

export interface FhirQuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  questionnaire: string;
  status: 'completed' | 'in-progress';
  authored: string;
  /** Filled when the evaluation is saved for a patient of a care circle (later: Patient reference). */
  subject?: { reference?: string; display?: string };
  author?: { display: string };
  extension: Ext[];
  item: { linkId: string; text: string; answer: ({ valueBoolean: boolean } | { valueInteger: number } | { valueString: string } | { valueCoding: { system: string; code: string; display: string } })[] }[];
}

/**
 * The evaluation as a QuestionnaireResponse: what is downloaded, and what a support request will attach.
 * The computed score and interpretation travel in extensions so a reader need not recompute them.
 */
export function answersToQuestionnaireResponse(
  scale: ScaleDefinition,
  answers: ScaleAnswers,
  result: ScaleResult,
  opts: { authored: string; author?: string; subject?: string },
): FhirQuestionnaireResponse {
  const item = scale.items
    .filter((i) => answers[i.linkId] !== undefined && answers[i.linkId] !== null && answers[i.linkId] !== '')
    .map((i) => {
      const v = answers[i.linkId]!;
      const c = i.choices?.find((ch) => ch.value === v);
      const answer =
        i.type === 'boolean'
          ? { valueBoolean: v as boolean }
          : i.type === 'string'
            ? { valueString: v as string }
            : c
              ? { valueCoding: { system: CHOICE_SYSTEM(scale.id, i.linkId), code: String(c.value), display: c.label } }
              : { valueInteger: v as number };
      return { linkId: i.linkId, text: i.text, answer: [answer] };
    });
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: `${QUESTIONNAIRE_BASE}${scale.id}|${scale.version}`,
    status: result.missing.length ? 'in-progress' : 'completed',
    authored: opts.authored,
    ...(opts.subject ? { subject: { display: opts.subject } } : {}),
    ...(opts.author ? { author: { display: opts.author } } : {}),
    extension: [
      ...(result.score !== null ? [{ url: 'urn:palliance:fhir:score', valueInteger: result.score }] : []),
      { url: 'urn:palliance:fhir:interpretation', valueString: result.interpretation },
      { url: 'urn:palliance:fhir:threshold-reached', valueBoolean: result.thresholdReached },
    ],
    item,
  };
}
