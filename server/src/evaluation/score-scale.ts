import { checkAnswers, scoreScale, type ScaleAnswers, type ScaleDefinition, type ScaleResult } from '@palliance/core';
import { badInput } from '../http/errors';

/**
 * The server's own computation of a score: the browser shows the same result live, but what is printed,
 * exported or (later) saved is always recomputed here. Refuses incomplete or ill-typed answers with a
 * 400 naming the linkId.
 */
export function scoreAnswers(scale: ScaleDefinition, answers: ScaleAnswers, fieldPrefix = 'answers'): ScaleResult {
  const issues = checkAnswers(scale, answers);
  if (issues.length) throw badInput(`${fieldPrefix}.${issues[0].linkId}`, issues[0].message);
  const result = scoreScale(scale, answers);
  if (result.missing.length) {
    const item = scale.items.find((i) => i.linkId === result.missing[0])!;
    throw badInput(`${fieldPrefix}.${item.linkId}`, `Réponse manquante pour « ${item.text} » (${item.linkId}) dans l’échelle ${scale.shortTitle}.`);
  }
  return result;
}
