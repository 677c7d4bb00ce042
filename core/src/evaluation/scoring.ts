import type { ScaleAnswerIssue, ScaleAnswers, ScaleDefinition, ScaleItem, ScaleResult } from './types';

/**
 * Checks every answer against its item: unknown linkIds, wrong types and out-of-range values are
 * issues naming the linkId. Missing answers are not issues here (live scoring accepts them).
 */
export function checkAnswers(scale: ScaleDefinition, answers: ScaleAnswers): ScaleAnswerIssue[] {
  const byId = new Map(scale.items.map((i) => [i.linkId, i]));
  const issues: ScaleAnswerIssue[] = [];
  for (const [linkId, value] of Object.entries(answers)) {
    const item = byId.get(linkId);
    if (!item) {
      issues.push({ linkId, message: `La question « ${linkId} » n’existe pas dans l’échelle ${scale.shortTitle}.` });
      continue;
    }
    if (value === null || value === undefined) continue;
    const problem = checkValue(item, value);
    if (problem) issues.push({ linkId, message: `${item.text} (${linkId}) : ${problem}` });
  }
  return issues;
}

function checkValue(item: ScaleItem, value: unknown): string | null {
  switch (item.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'répondez par oui (true) ou non (false).';
    case 'string':
      return typeof value === 'string' && value.length <= 200 ? null : 'un texte de 200 caractères au plus est attendu.';
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'un nombre entier est attendu.';
      if (value < (item.min ?? -Infinity) || value > (item.max ?? Infinity)) return `la valeur doit être comprise entre ${item.min} et ${item.max}.`;
      return null;
    case 'choice':
      if (typeof value !== 'number' || !item.choices?.some((c) => c.value === value))
        return `choisissez une des valeurs ${item.choices?.map((c) => c.value).join(', ')}.`;
      return null;
  }
}

/** Whether an item must be answered, given the other answers (Pallia 10: nothing after a "no" to question 1). */
export function isItemActive(scale: ScaleDefinition, item: ScaleItem, answers: ScaleAnswers): boolean {
  if (scale.scoring.kind === 'count-yes' && scale.scoring.gateLinkId && item.linkId !== scale.scoring.gateLinkId) {
    return answers[scale.scoring.gateLinkId] !== false;
  }
  return true;
}

/**
 * Scores what has been answered. The browser calls it on every change (live); the server calls it on
 * the submitted answers and refuses them if `missing` is not empty. Assumes checkAnswers found no issue.
 */
export function scoreScale(scale: ScaleDefinition, answers: ScaleAnswers): ScaleResult {
  const answered = (i: ScaleItem) => answers[i.linkId] !== null && answers[i.linkId] !== undefined && answers[i.linkId] !== '';
  const missing = scale.items.filter((i) => i.required && isItemActive(scale, i, answers) && !answered(i)).map((i) => i.linkId);
  const base = { scaleId: scale.id, version: scale.version, highlighted: [] as string[], missing };
  const scored = scale.items.filter((i) => i.scored);
  const s = scale.scoring;

  if (s.kind === 'count-yes' && s.gateLinkId && answers[s.gateLinkId] === false) {
    // The grid does not apply: no count, never the threshold.
    return { ...base, score: 0, interpretation: s.gateNoText ?? '', thresholdReached: false };
  }

  let score: number | null;
  let highlighted: string[] = [];
  if (s.kind === 'count-yes') {
    score = missing.length ? null : scored.filter((i) => answers[i.linkId] === true).length;
  } else if (s.kind === 'single-value') {
    const v = answers[scored[0].linkId];
    score = typeof v === 'number' ? v : null;
  } else {
    highlighted = scale.items
      .filter((i) => i.type === 'integer' && typeof answers[i.linkId] === 'number' && (answers[i.linkId] as number) >= s.highlightAtOrAbove)
      .map((i) => i.linkId);
    score = scored.some((i) => !answered(i)) ? null : scored.reduce((sum, i) => sum + (answers[i.linkId] as number), 0);
  }

  if (score === null) {
    return { ...base, highlighted, score: null, interpretation: 'Évaluation incomplète : répondez à toutes les questions.', thresholdReached: false };
  }

  if (scale.threshold) {
    const reached = score >= scale.threshold.atOrAbove;
    return { ...base, highlighted, score, thresholdReached: reached, interpretation: reached ? scale.threshold.reachedText : scale.threshold.notReachedText };
  }
  if (s.kind === 'items-each') {
    const names = highlighted.map((id) => scale.items.find((i) => i.linkId === id)!.text);
    const interpretation = names.length
      ? `Items à ${s.highlightAtOrAbove} ou plus (cliniquement significatifs) : ${names.join(', ')}. Total ${score}/${scale.scoreMax}, sans seuil validé.`
      : `Aucun item à ${s.highlightAtOrAbove} ou plus. Total ${score}/${scale.scoreMax}, sans seuil validé.`;
    return { ...base, highlighted, score, thresholdReached: names.length > 0, interpretation };
  }
  const item = scored[0];
  const label = item.choices?.find((c) => c.value === score)?.label;
  const interpretation = label ?? `${score}${scale.scoreMax !== null ? ` sur ${scale.scoreMax}` : ''}${item.type === 'integer' && item.max === 100 ? ' mm' : ''}`;
  return { ...base, highlighted, score, thresholdReached: false, interpretation };
}
