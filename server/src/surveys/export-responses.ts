import { responseCsvLine, responsesCsvHeader, type AnswerValue, type QuestionDef, type SurveyDefinition } from '@palliance/core';
import type { AppDeps } from '../app-types';
import type { Actor } from '../http/actor';
import { assertCan } from '../http/permissions';
import { definitionOf, findSurvey } from './load-survey';
import { forEachResponse } from './survey-report';

/** The submitted responses in the import format (so an export imports back as it is). */
export async function exportResponsesCsv(deps: AppDeps, actor: Actor | null, surveyId: string): Promise<string> {
  assertCan(actor, 'survey.manage');
  const s = await findSurvey(deps.db, surveyId);
  const def = definitionOf(s);
  const out: string[] = [responsesCsvHeader(def)];
  await forEachResponse(deps.db, surveyId, (r) => out.push(responseCsvLine(def, r.answers)));
  return `${out.join('\r\n')}\r\n`;
}

function fhirAnswer(q: QuestionDef, v: AnswerValue, system: string): Record<string, unknown>[] {
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return (Array.isArray(v) ? v : [String(v)]).map((code) => ({ valueCoding: { system, code, display: q.options.find((o) => o.code === code)?.label ?? code } }));
    case 'boolean':
      return [{ valueBoolean: v }];
    case 'integer':
    case 'scale':
      return [{ valueInteger: v }];
    case 'decimal':
      return [{ valueDecimal: v }];
    case 'date':
      return [{ valueDate: v }];
    case 'text':
      return [{ valueString: v }];
  }
}

/** The items of a response nested as in the questionnaire (groups keep their linkId). */
function nestedItems(def: SurveyDefinition, fhirItems: unknown, answers: Record<string, AnswerValue>, system: string): Record<string, unknown>[] {
  const byId = new Map(def.questions.map((q) => [q.linkId, q]));
  const walk = (items: unknown): Record<string, unknown>[] => {
    if (!Array.isArray(items)) return [];
    const out: Record<string, unknown>[] = [];
    for (const it of items as Record<string, unknown>[]) {
      const linkId = String(it.linkId);
      if (it.type === 'group') {
        const children = walk(it.item);
        if (children.length) out.push({ linkId, ...(it.text ? { text: it.text } : {}), item: children });
        continue;
      }
      const q = byId.get(linkId);
      const v = answers[linkId];
      if (!q || v === undefined) continue;
      out.push({ linkId, ...(it.text ? { text: it.text } : {}), answer: fhirAnswer(q, v, system) });
    }
    return out;
  };
  return walk(fhirItems);
}

/** A FHIR R4 Bundle (collection) of QuestionnaireResponse, one per submitted response, anonymous. */
export async function exportResponsesFhir(deps: AppDeps, actor: Actor | null, surveyId: string): Promise<Record<string, unknown>> {
  assertCan(actor, 'survey.manage');
  const s = await findSurvey(deps.db, surveyId);
  const def = definitionOf(s);
  const q = s.questionnaire;
  const canonical = typeof q.url === 'string' ? `${q.url}${typeof q.version === 'string' ? `|${q.version}` : ''}` : `urn:palliance:survey:${s.id}`;
  const firstSystem = JSON.stringify(q).match(/"system":"([^"]+)"/)?.[1] ?? `urn:palliance:survey:${s.id}`;
  const entry: Record<string, unknown>[] = [];
  await forEachResponse(deps.db, surveyId, (r) =>
    entry.push({
      fullUrl: `urn:uuid:${r.id}`,
      resource: { resourceType: 'QuestionnaireResponse', id: r.id, questionnaire: canonical, status: 'completed', item: nestedItems(def, q.item, r.answers, firstSystem) },
    }),
  );
  return { resourceType: 'Bundle', type: 'collection', timestamp: deps.now().toISOString(), total: entry.length, entry };
}
