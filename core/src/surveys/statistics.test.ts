import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countingSort, percent, quantileSorted, summarize } from './statistics';

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
