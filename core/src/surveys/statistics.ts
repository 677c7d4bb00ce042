/**
 * Descriptive statistics of a report. Quartiles use linear interpolation between the closest ranks
 * (Hyndman & Fan type 7: the method of R's default, NumPy's default and Excel's QUARTILE.INC), so a
 * spreadsheet user finds the same figures. The median of an even count is the mean of the two
 * middle values. An empty list gives null everywhere, never 0 or NaN.
 */
export interface NumberSummary {
  n: number;
  mean: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

export const QUARTILE_METHOD = 'Interpolation linéaire entre rangs (type 7 de Hyndman et Fan, comme QUARTILE.INCLURE du tableur)';

/** Quantile p (0..1) of an ascending-sorted list, type 7. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export const round = (v: number | null, digits = 2): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

export function summarize(values: ArrayLike<number>): NumberSummary {
  const n = values.length;
  if (n === 0) return { n: 0, mean: null, median: null, q1: null, q3: null, min: null, max: null };
  const sorted = countingSort(values) ?? Float64Array.from(values as ArrayLike<number>).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    n,
    mean: round(sum / n),
    median: round(quantileSorted(sorted, 0.5)),
    q1: round(quantileSorted(sorted, 0.25)),
    q3: round(quantileSorted(sorted, 0.75)),
    min: sorted[0],
    max: sorted[n - 1],
  };
}

/**
 * The same ascending array as Float64Array.sort, in linear time, when every value is a small-range
 * integer (scales, counts, practice sizes: nearly every number of a survey); null otherwise. The report
 * sorts every numeric item once per group, and with 100,000 responses that sort was a tenth of it.
 */
export function countingSort(values: ArrayLike<number>): Float64Array | null {
  const n = values.length;
  if (n === 0) return new Float64Array(0);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // -0 is an integer too, but Float64Array.sort keeps it apart from 0: leave such lists to it.
    if (!Number.isInteger(v) || Object.is(v, -0)) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min + 1;
  if (range > 4 * n + 1024) return null;
  const counts = new Uint32Array(range);
  for (let i = 0; i < n; i++) counts[values[i] - min]++;
  const out = new Float64Array(n);
  let k = 0;
  for (let b = 0; b < range; b++) for (let c = counts[b]; c > 0; c--) out[k++] = min + b;
  return out;
}

/** Percentage with one decimal; null when the denominator is 0 (an empty group shows "—", not 0 %). */
export function percent(count: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((count / denominator) * 1000) / 10;
}
