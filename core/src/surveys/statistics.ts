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
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
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

/** Percentage with one decimal; null when the denominator is 0 (an empty group shows "—", not 0 %). */
export function percent(count: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((count / denominator) * 1000) / 10;
}
