import { describe, expect, it } from 'vitest';
import { mean, median, meetsTarget, shareFigure, summarizeDelays, suppressSmallCells } from './statistics';
import { INDICATORS } from './definitions';

describe('indicator statistics', () => {
  it('median of an even count is the mean of the two middle values; of an odd count the middle one', () => {
    expect(median([10, 2, 4, 30])).toBe(7);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
  });

  it('a share keeps its numerator and denominator; no denominator is « pas de données », not 0 %', () => {
    expect(shareFigure(2, 3)).toEqual({ value: 66.7, numerator: 2, denominator: 3, status: 'ok' });
    expect(shareFigure(0, 4)).toEqual({ value: 0, numerator: 0, denominator: 4, status: 'ok' });
    expect(shareFigure(0, 0).status).toBe('no_data');
    expect(shareFigure(0, 0).value).toBeNull();
  });

  it('delays: mean and median over answered requests; share within 48 h counts the overdue unanswered ones', () => {
    const s = summarizeDelays({ answeredHours: [2, 10, 50, 30], overdueUnanswered: 1 });
    expect(s.mean).toEqual({ value: 23, numerator: null, denominator: 4, status: 'ok' });
    expect(s.median).toEqual({ value: 20, numerator: null, denominator: 4, status: 'ok' });
    expect(s.withinThreshold).toEqual({ value: 60, numerator: 3, denominator: 5, status: 'ok' });
    // Exactly 48 h is in time.
    expect(summarizeDelays({ answeredHours: [48], overdueUnanswered: 0 }).withinThreshold.value).toBe(100);
    const empty = summarizeDelays({ answeredHours: [], overdueUnanswered: 0 });
    expect([empty.mean.status, empty.median.status, empty.withinThreshold.status]).toEqual(['no_data', 'no_data', 'no_data']);
    // Only overdue requests: no delay to average, but a share of 0 % that means something.
    const late = summarizeDelays({ answeredHours: [], overdueUnanswered: 2 });
    expect(late.mean.status).toBe('no_data');
    expect(late.withinThreshold).toEqual({ value: 0, numerator: 0, denominator: 2, status: 'ok' });
  });

  it('public figures on fewer than 5 cases are withheld; zero and missing data stay as they are', () => {
    expect(suppressSmallCells(shareFigure(2, 3)).status).toBe('suppressed');
    expect(suppressSmallCells(shareFigure(2, 3)).value).toBeNull();
    expect(suppressSmallCells(shareFigure(3, 5)).value).toBe(60);
    expect(suppressSmallCells({ value: 4, numerator: 4, denominator: null, status: 'ok' }).status).toBe('suppressed');
    expect(suppressSmallCells({ value: 0, numerator: 0, denominator: null, status: 'ok' }).value).toBe(0);
    expect(suppressSmallCells(shareFigure(0, 0)).status).toBe('no_data');
  });

  it('a target is met according to the direction of the indicator', () => {
    expect(meetsTarget(40, 48, 'lower_is_better')).toBe(true);
    expect(meetsTarget(50, 48, 'lower_is_better')).toBe(false);
    expect(meetsTarget(50, 60, 'higher_is_better')).toBe(false);
    expect(meetsTarget(null, 60, 'higher_is_better')).toBeNull();
    expect(meetsTarget(50, null, 'higher_is_better')).toBeNull();
  });

  it('only the seed-stated target is set by default: mean response delay ≤ 48 h', () => {
    const withTarget = INDICATORS.filter((d) => d.defaultTarget !== null);
    expect(withTarget.map((d) => [d.id, d.defaultTarget])).toEqual([['first_response_mean', 48]]);
    expect(withTarget[0].defaultTargetSource).toMatch(/cible ≤ 48 h/);
    for (const d of INDICATORS) expect(d.computation.length).toBeGreaterThan(40);
  });
});
