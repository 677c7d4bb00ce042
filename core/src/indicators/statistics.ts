import { RESPONSE_THRESHOLD_HOURS, SMALL_CELL_THRESHOLD } from './definitions';

/**
 * One figure of an indicator: 'no_data' when nothing was there to count (shown « pas de données »,
 * never 0), 'suppressed' when a public figure rests on fewer than 5 cases, 'unavailable' when its
 * source is not yet wired.
 */
export type FigureStatus = 'ok' | 'no_data' | 'suppressed' | 'unavailable';

export interface Figure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: FigureStatus;
}

export const NO_DATA: Figure = { value: null, numerator: null, denominator: null, status: 'no_data' };
export const UNAVAILABLE: Figure = { value: null, numerator: null, denominator: null, status: 'unavailable' };

const round1 = (x: number) => Math.round(x * 10) / 10;

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Median; for an even count, the mean of the two middle values. Null for no value. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A share in percent, with its numerator and denominator; no denominator is « pas de données », not 0 %. */
export function shareFigure(numerator: number, denominator: number): Figure {
  if (denominator <= 0) return NO_DATA;
  return { value: round1((numerator / denominator) * 100), numerator, denominator, status: 'ok' };
}

/** A count; zero over a period is a real zero only when the source could have counted something. */
export function countFigure(count: number): Figure {
  return { value: count, numerator: count, denominator: null, status: 'ok' };
}

export interface DelayFacts {
  /** Hours from sending to the first response, for answered requests. */
  answeredHours: readonly number[];
  /** Requests still unanswered more than 48 h after sending. */
  overdueUnanswered: number;
}

export interface DelaySummary {
  mean: Figure;
  median: Figure;
  withinThreshold: Figure;
}

/** The same facts already aggregated (by the database: avg, percentile_cont(0.5), counts). */
export interface DelayAggregates {
  answered: number;
  meanHours: number | null;
  medianHours: number | null;
  withinThreshold: number;
  overdueUnanswered: number;
}

export function delayFigures(a: DelayAggregates): DelaySummary {
  return {
    mean: a.answered === 0 || a.meanHours === null ? NO_DATA : { value: round1(a.meanHours), numerator: null, denominator: a.answered, status: 'ok' },
    median: a.answered === 0 || a.medianHours === null ? NO_DATA : { value: round1(a.medianHours), numerator: null, denominator: a.answered, status: 'ok' },
    withinThreshold: shareFigure(a.withinThreshold, a.answered + a.overdueUnanswered),
  };
}

/**
 * Mean and median first-response delay (answered requests) and share answered within 48 h: the
 * reference of what the database computes for the dashboard (same rules, checked by the tests).
 */
export function summarizeDelays(f: DelayFacts, thresholdHours = RESPONSE_THRESHOLD_HOURS): DelaySummary {
  return delayFigures({
    answered: f.answeredHours.length,
    meanHours: mean(f.answeredHours),
    medianHours: median(f.answeredHours),
    withinThreshold: f.answeredHours.filter((h) => h <= thresholdHours).length,
    overdueUnanswered: f.overdueUnanswered,
  });
}

/**
 * What a visitor may see: a figure computed on fewer than 5 cases is withheld (its denominator, or
 * the count itself for a count), because a handful of requests or learners can point to a person.
 * A count of 0 is shown: it points to nobody.
 */
export function suppressSmallCells(f: Figure, threshold = SMALL_CELL_THRESHOLD): Figure {
  if (f.status !== 'ok') return f;
  const base = f.denominator ?? f.numerator ?? 0;
  if (base > 0 && base < threshold) return { value: null, numerator: null, denominator: null, status: 'suppressed' };
  return f;
}

/** Whether the figure meets the target, given the direction of the indicator (null when either is missing). */
export function meetsTarget(value: number | null, target: number | null, direction: 'higher_is_better' | 'lower_is_better' | 'neutral'): boolean | null {
  if (value === null || target === null || direction === 'neutral') return null;
  return direction === 'higher_is_better' ? value >= target : value <= target;
}
