import { describe, expect, it } from 'vitest';
import { SCALES, SCALE_IDS, unconfirmedPoints } from './scales-data';
import { checkAnswers, scoreScale } from './scoring';
import { answersToQuestionnaireResponse, questionnaireToScale, scaleToQuestionnaire } from './fhir';
import type { ScaleAnswers } from './types';

const yesCount = (ids: string[], yes: number): ScaleAnswers => Object.fromEntries(ids.map((id, n) => [id, n < yes]));
const ids = (scale: keyof typeof SCALES) => SCALES[scale].items.map((i) => i.linkId);

describe('Algoplus', () => {
  it('1 yes is below the threshold, 2 is pain', () => {
    const one = scoreScale(SCALES.algoplus, yesCount(ids('algoplus'), 1));
    expect(one).toMatchObject({ score: 1, thresholdReached: false });
    const two = scoreScale(SCALES.algoplus, yesCount(ids('algoplus'), 2));
    expect(two).toMatchObject({ score: 2, thresholdReached: true });
    expect(two.interpretation).toContain('douleur');
  });
  it('5 yes scores 5; an unanswered item leaves no score', () => {
    expect(scoreScale(SCALES.algoplus, yesCount(ids('algoplus'), 5)).score).toBe(5);
    const partial = scoreScale(SCALES.algoplus, { visage: true });
    expect(partial.score).toBeNull();
    expect(partial.missing).toEqual(['regard', 'plaintes', 'corps', 'comportements']);
  });
});

describe('DN4', () => {
  it('3 vs 4 positive answers', () => {
    expect(scoreScale(SCALES.dn4, yesCount(ids('dn4'), 3))).toMatchObject({ score: 3, thresholdReached: false });
    expect(scoreScale(SCALES.dn4, yesCount(ids('dn4'), 4))).toMatchObject({ score: 4, thresholdReached: true });
  });
  it('the examination item is about rubbing (frottement), not movement', () => {
    expect(SCALES.dn4.items.find((i) => i.linkId === 'frottement')!.text).toContain('frottement');
  });
});

describe('Pallia 10', () => {
  it('question 1 = no: the grid does not apply, whatever the other answers', () => {
    const answers = { ...yesCount(ids('pallia-10'), 10), q1: false };
    const r = scoreScale(SCALES['pallia-10'], answers);
    expect(r).toMatchObject({ score: 0, thresholdReached: false, missing: [] });
    expect(r.interpretation).toContain('question 1');
    // Nothing else is required after a "no".
    expect(scoreScale(SCALES['pallia-10'], { q1: false }).missing).toEqual([]);
  });
  it('3 yes (q1 included) is not enough; 4 reaches the SFAP threshold ("au-delà de 3")', () => {
    expect(scoreScale(SCALES['pallia-10'], yesCount(ids('pallia-10'), 3))).toMatchObject({ score: 3, thresholdReached: false });
    expect(scoreScale(SCALES['pallia-10'], yesCount(ids('pallia-10'), 4))).toMatchObject({ score: 4, thresholdReached: true });
  });
  it('keeps the threshold as data, with its source', () => {
    expect(SCALES['pallia-10'].threshold).toMatchObject({ atOrAbove: 4 });
    expect(SCALES['pallia-10'].threshold!.source).toContain('au-delà de 3');
    const lower = { ...SCALES['pallia-10'], threshold: { ...SCALES['pallia-10'].threshold!, atOrAbove: 3 } };
    expect(scoreScale(lower, yesCount(ids('pallia-10'), 3)).thresholdReached).toBe(true);
  });
  it('questions 7 to 10 stay flagged as unconfirmed', () => {
    const flagged = SCALES['pallia-10'].items.filter((i) => i.unconfirmed).map((i) => i.linkId);
    expect(flagged).toEqual(['q7', 'q8', 'q9', 'q10']);
  });
});

describe('ESAS-r', () => {
  const nine = ['douleur', 'fatigue', 'somnolence', 'nausees', 'appetit', 'essoufflement', 'depression', 'anxiete', 'bien-etre'];
  it('highlights each item at 4 or more, gives the 0-90 total without bands', () => {
    const answers: ScaleAnswers = Object.fromEntries(nine.map((id) => [id, 2]));
    answers.douleur = 4;
    answers.anxiete = 3;
    answers['rempli-par'] = 1;
    const r = scoreScale(SCALES['esas-r'], answers);
    expect(r.score).toBe(4 + 3 + 2 * 7);
    expect(r.highlighted).toEqual(['douleur']);
    expect(r.thresholdReached).toBe(true);
    expect(r.interpretation).toContain('sans seuil validé');
    expect(r.missing).toEqual([]);
  });
  it('all items at 3: nothing highlighted', () => {
    const answers: ScaleAnswers = { ...Object.fromEntries(nine.map((id) => [id, 3])), 'rempli-par': 2 };
    expect(scoreScale(SCALES['esas-r'], answers)).toMatchObject({ score: 27, highlighted: [], thresholdReached: false });
  });
  it('"other" and who completed it are optional / not scored', () => {
    const answers: ScaleAnswers = { ...Object.fromEntries(nine.map((id) => [id, 0])), 'autre-probleme': 'Constipation', autre: 7 };
    const r = scoreScale(SCALES['esas-r'], answers);
    expect(r.score).toBe(0);
    expect(r.highlighted).toEqual(['autre']);
    expect(r.missing).toEqual(['rempli-par']);
  });
});

describe('single-value scales', () => {
  it('EN 0-10, EVA 0-100 mm, EVS 0-4, RASS -5..+4, PS OMS 0-5', () => {
    expect(scoreScale(SCALES.en, { intensite: 7 })).toMatchObject({ score: 7, interpretation: '7 sur 10' });
    expect(scoreScale(SCALES.eva, { 'intensite-mm': 45 })).toMatchObject({ score: 45, interpretation: '45 sur 100 mm' });
    expect(scoreScale(SCALES.evs, { intensite: 3 })).toMatchObject({ score: 3, interpretation: 'Intense' });
    expect(scoreScale(SCALES.rass, { niveau: -5 })).toMatchObject({ score: -5, interpretation: '−5 Non réveillable' });
    expect(scoreScale(SCALES.rass, { niveau: 4 }).interpretation).toBe('+4 Combatif');
    expect(scoreScale(SCALES['ps-oms'], { grade: 5 }).score).toBe(5);
  });
  it('bounds are checked, naming the linkId', () => {
    expect(checkAnswers(SCALES.en, { intensite: 11 })[0]).toMatchObject({ linkId: 'intensite' });
    expect(checkAnswers(SCALES.en, { intensite: 10 })).toEqual([]);
    expect(checkAnswers(SCALES.eva, { 'intensite-mm': 101 })[0].message).toContain('entre 0 et 100');
    expect(checkAnswers(SCALES.rass, { niveau: -6 })[0].linkId).toBe('niveau');
    expect(checkAnswers(SCALES.rass, { niveau: -5 })).toEqual([]);
    expect(checkAnswers(SCALES.evs, { intensite: 2.5 })).toHaveLength(1);
    expect(checkAnswers(SCALES.algoplus, { visage: 1 })[0].message).toContain('oui (true)');
    expect(checkAnswers(SCALES.algoplus, { sourire: true })[0]).toMatchObject({ linkId: 'sourire' });
  });
});

describe('FHIR', () => {
  it.each(SCALE_IDS)('%s: Questionnaire export then import gives the same scale and the same Questionnaire', (id) => {
    const q = scaleToQuestionnaire(SCALES[id]);
    expect(q.item.map((i) => i.linkId)).toEqual(SCALES[id].items.map((i) => i.linkId));
    const back = questionnaireToScale(JSON.parse(JSON.stringify(q)), id);
    expect(back).toEqual(SCALES[id]);
    expect(scaleToQuestionnaire(back)).toEqual(q);
  });
  it('refuses a Questionnaire without sources', () => {
    const q = scaleToQuestionnaire(SCALES.en);
    const meta = JSON.parse(q.extension[0].valueString!);
    q.extension[0].valueString = JSON.stringify({ ...meta, sources: [] });
    expect(() => questionnaireToScale(q)).toThrow(/source/);
  });
  it('QuestionnaireResponse carries answers, score and interpretation', () => {
    const answers = yesCount(ids('algoplus'), 2);
    const qr = answersToQuestionnaireResponse(SCALES.algoplus, answers, scoreScale(SCALES.algoplus, answers), { authored: '2026-11-22T10:00:00Z' });
    expect(qr.status).toBe('completed');
    expect(qr.questionnaire).toBe('urn:palliance:questionnaire:algoplus|1');
    expect(qr.item[0]).toMatchObject({ linkId: 'visage', answer: [{ valueBoolean: true }] });
    expect(qr.extension).toContainEqual({ url: 'urn:palliance:fhir:score', valueInteger: 2 });
  });
});

it('lists every unconfirmed point for editors', () => {
  const points = unconfirmedPoints();
  expect(points.some((p) => p.scaleId === 'pallia-10' && p.linkId === 'q7')).toBe(true);
  expect(points.some((p) => p.scaleId === 'esas-r' && p.linkId === 'douleur')).toBe(true);
});
