import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countingSort, NumberSample, percent, quantileSorted, summarize } from './statistics';

describe('summarize', () => {
  it('takes the mean of the two middle values as the median of an even count', () => {
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
    expect(summarize([10, 20]).median).toBe(15);
  });
  it('gives quartiles by linear interpolation (type 7, like QUARTILE.INC)', () => {
    const s = summarize([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(s.q1).toBe(2.75);
    expect(s.q3).toBe(6.25);
    expect(s.min).toBe(1);
    expect(s.max).toBe(8);
    expect(s.mean).toBe(4.5);
    expect(quantileSorted([7], 0.25)).toBe(7);
  });
  it('answers null, not 0 or NaN, for an empty group', () => {
    expect(summarize([])).toEqual({ n: 0, mean: null, median: null, q1: null, q3: null, min: null, max: null });
    expect(percent(0, 0)).toBeNull();
  });
  it('rounds percentages to one decimal', () => {
    expect(percent(1, 3)).toBe(33.3);
  });
});

describe('countingSort', () => {
  it('sorts small-range integers exactly like Float64Array.sort, and declines anything else', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -50, max: 1000 }), fc.double({ noNaN: true }), fc.constant(-0))), (values) => {
        const fast = countingSort(values);
        if (fast) expect(Array.from(fast)).toEqual(Array.from(Float64Array.from(values).sort()));
        else expect(values.some((v) => !Number.isInteger(v) || Object.is(v, -0)) || Math.max(...values) - Math.min(...values) > 4 * values.length + 1024).toBe(true);
      }),
    );
    expect(countingSort([0, 1e9])).toBeNull();
  });
});

describe('NumberSample', () => {
  const numbers = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 10 }) },
    { weight: 2, arbitrary: fc.integer({ min: -2000, max: 2000 }) },
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
    fc.constant(-0),
    fc.constantFrom(1e9, -1e9, Number.MAX_SAFE_INTEGER, 2 ** 52),
  );
  it('summarizes exactly as summarize() the numbers added, whatever the order and however split and merged', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(numbers, fc.integer({ min: 0, max: 2 })), { maxLength: 300 }), (added) => {
        const parts = [new NumberSample(), new NumberSample(), new NumberSample()];
        for (const [v, p] of added) parts[p].add(v);
        const all = added.map(([v]) => v);
        expect(NumberSample.merge(parts).summary()).toStrictEqual(summarize(all));
        parts.forEach((part, p) => expect(part.summary()).toStrictEqual(summarize(added.filter(([, q]) => q === p).map(([v]) => v))));
        expect(NumberSample.merge(parts).n).toBe(all.length);
      }),
      { numRuns: 500 },
    );
  });
  it('keeps counts per value, not the numbers, for a scale answered many times', () => {
    const s = new NumberSample();
    for (let i = 0; i < 100_000; i++) s.add(1 + (i % 5));
    expect(s.summary()).toStrictEqual(summarize(Array.from({ length: 100_000 }, (_, i) => 1 + (i % 5))));
    // 5 values: a handful of counters, where a list would hold 100,000 numbers.
    expect(s.values().length).toBe(100_000);
    expect((s as unknown as { counts: Int32Array }).counts.length).toBeLessThan(64);
  });
});
