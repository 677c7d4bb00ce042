/**
 * A scale is reference data, not code: its items, answer choices, how it is scored, its threshold,
 * its sources and licence, and what remains to be confirmed by a clinician. Scoring (scoring.ts)
 * reads this data, so a new version of a scale changes no code.
 */

export type ScaleId = 'esas-r' | 'pallia-10' | 'algoplus' | 'en' | 'eva' | 'evs' | 'dn4' | 'rass' | 'ps-oms';

export interface ScaleChoice {
  value: number;
  label: string;
}

export interface ScaleItem {
  /** Stable: the linkId of the FHIR Questionnaire and the key of the answers. */
  linkId: string;
  text: string;
  /** boolean = yes/no; integer = a number in [min, max]; choice = one of `choices` (an integer value); string = free text. */
  type: 'boolean' | 'integer' | 'choice' | 'string';
  min?: number;
  max?: number;
  /** Labels of the two ends of an integer scale (EN, EVA, ESAS-r). */
  lowLabel?: string;
  highLabel?: string;
  choices?: ScaleChoice[];
  required: boolean;
  /** A heading the item is shown under (DN4: interrogatoire / examen). */
  group?: string;
  /** Counted in the score (false for "who completed it", the free "other problem" label). */
  scored: boolean;
  /** Why this item is still to be confirmed by an editor; shown to users as "à confirmer par un éditeur". */
  unconfirmed?: string;
}

export type ScaleScoring =
  /** Number of "yes" answers among the scored items; optionally a gate item that must be "yes". */
  | { kind: 'count-yes'; gateLinkId?: string; gateNoText?: string }
  /** The value of the one scored item (EN, EVA, EVS, RASS, PS OMS). */
  | { kind: 'single-value' }
  /** Each item read on its own; items at or above `highlightAtOrAbove` are highlighted; the score is the sum (0-90), without bands. */
  | { kind: 'items-each'; highlightAtOrAbove: number };

export interface ScaleThreshold {
  /** thresholdReached when score >= atOrAbove. */
  atOrAbove: number;
  /** Said when the threshold is reached, and when it is not. */
  reachedText: string;
  notReachedText: string;
  source: string;
}

export interface ScaleDefinition {
  id: ScaleId;
  /** Increases with each edited version; the definition's date says when. */
  version: string;
  date: string;
  title: string;
  shortTitle: string;
  description: string;
  items: ScaleItem[];
  scoring: ScaleScoring;
  threshold: ScaleThreshold | null;
  scoreMax: number | null;
  scoreMin: number | null;
  sources: string[];
  licence: string;
  /** Scale-level points still to be confirmed (shown and listed for editors). */
  unconfirmed: string[];
}

export type ScaleAnswerValue = boolean | number | string;
export type ScaleAnswers = Record<string, ScaleAnswerValue | null | undefined>;

export interface ScaleResult {
  scaleId: ScaleId;
  version: string;
  /** null while a gating answer or a required answer is missing (live mode). */
  score: number | null;
  interpretation: string;
  thresholdReached: boolean;
  /** linkIds highlighted (ESAS-r items >= 4). */
  highlighted: string[];
  /** Required linkIds without an answer. */
  missing: string[];
}

/** One problem with an answer, naming the linkId (the server turns it into a 400). */
export interface ScaleAnswerIssue {
  linkId: string;
  message: string;
}
