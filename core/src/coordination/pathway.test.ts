import { describe, expect, it } from 'vitest';
import { mergePathway, type PathwayEvent } from './pathway';
import { evaluationTrend } from './evaluation-trend';

const ev = (source: PathwayEvent['source'], at: string, id: string): PathwayEvent => ({ source, at, id, title: id, detail: '' });

describe('pathway merge', () => {
  it('orders every source by time, oldest first; a stay starts at the beginning of its day', () => {
    const merged = mergePathway(
      [ev('place', '2023-07-01', 'usp'), ev('place', '2024-04-02', 'had')],
      [ev('request', '2023-06-30T21:00:00Z', 'request')],
      [ev('evaluation', '2023-07-01T08:00:00Z', 'eval')],
      [ev('dormant', '2024-04-01T22:30:00Z', 'activated')],
    );
    expect(merged.map((e) => e.id)).toEqual(['request', 'usp', 'eval', 'activated', 'had']);
  });

  it('on the same instant puts the place first, then the dormant file, requests, RCP, evaluations', () => {
    const at = '2024-01-01T10:00:00Z';
    const merged = mergePathway([ev('evaluation', at, 'e'), ev('rcp', at, 'r'), ev('request', at, 'q'), ev('dormant', at, 'd')]);
    expect(merged.map((e) => e.source)).toEqual(['dormant', 'request', 'rcp', 'evaluation']);
  });
});

describe('evaluation trend', () => {
  it('gives per item and per score the values over time, booleans as 1/0', () => {
    const series = evaluationTrend([
      { id: 'b', at: '2026-11-08T09:00:00Z', parts: [{ scaleId: 'en', version: '1', answers: { intensite: 3 }, score: 3 }] },
      { id: 'a', at: '2026-11-01T09:00:00Z', parts: [{ scaleId: 'en', version: '1', answers: { intensite: 7 }, score: 7 }, { scaleId: 'pallia-10', version: '1', answers: { q1: true, q2: false }, score: 1 }] },
    ]);
    expect(series.find((s) => s.scaleId === 'en' && s.linkId === 'intensite')!.points.map((p) => p.value)).toEqual([7, 3]);
    expect(series.find((s) => s.scaleId === 'pallia-10' && s.linkId === 'q2')!.points).toEqual([{ evaluationId: 'a', at: '2026-11-01T09:00:00Z', value: 0 }]);
  });
});
