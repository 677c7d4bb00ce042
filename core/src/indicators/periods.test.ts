import { describe, expect, it } from 'vitest';
import { parsePeriod, periodContaining, periodLabel, periodRange, seriesEndingWith } from './periods';

describe('indicator periods', () => {
  it('parses months, quarters and years and refuses anything else', () => {
    expect(parsePeriod('2026-10')).toMatchObject({ granularity: 'month', year: 2026, index: 10 });
    expect(parsePeriod('2026-T4')).toMatchObject({ granularity: 'quarter', index: 4 });
    expect(parsePeriod('2026')).toMatchObject({ granularity: 'year' });
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod('2026-Q4')).toBeNull();
  });

  it('ranges are in Paris local time, summer and winter', () => {
    const oct = periodRange(parsePeriod('2026-10')!);
    expect(oct.from.toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(oct.to.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    const y = periodRange(parsePeriod('2026')!);
    expect(y.from.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(y.to.toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(periodRange(parsePeriod('2026-T1')!).to.toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });

  it('an instant just after midnight in Paris on the 1st belongs to the new month', () => {
    expect(periodContaining(new Date('2026-09-30T22:30:00Z'), 'month').key).toBe('2026-10');
    expect(periodContaining(new Date('2026-12-31T23:30:00Z'), 'quarter').key).toBe('2027-T1');
  });

  it('trend series: 12 months or 8 quarters ending with the period, across years', () => {
    const months = seriesEndingWith(parsePeriod('2026-03')!);
    expect(months).toHaveLength(12);
    expect(months[0].key).toBe('2025-04');
    expect(months[11].key).toBe('2026-03');
    const quarters = seriesEndingWith(parsePeriod('2026-T2')!);
    expect(quarters.map((q) => q.key)).toEqual(['2024-T3', '2024-T4', '2025-T1', '2025-T2', '2025-T3', '2025-T4', '2026-T1', '2026-T2']);
    expect(periodLabel(parsePeriod('2026-T1')!)).toBe('1er trimestre 2026');
    expect(periodLabel(parsePeriod('2026-08')!)).toBe('août 2026');
  });
});
