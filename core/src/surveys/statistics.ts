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

/** Counting by value pays while the values' range is not far wider than their number. */
const maxRange = (n: number) => 4 * n + 1024;
const countable = (range: number, n: number) => range <= maxRange(n);

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
  if (!countable(range, n)) return null;
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

/**
 * The numbers of one item in one group, as summarize() reads them. Kept as a count per value while
 * they are integers of a modest range (scales, counts, practice sizes: nearly every number of a
 * survey), else as the list of numbers. A report of 100,000 responses adds millions of numbers: a
 * count per value does not grow with them, and needs no sort. summary() of a sample gives
 * exactly what summarize() gives of the numbers added, in any order.
 */
export class NumberSample {
  n = 0;
  /** counts[i] = how many times offset + i was added; null once the sample is a list. */
  private counts: Int32Array | null = null;
  private offset = 0;
  private list: number[] | null = null;

  add(v: number): void {
    const counts = this.counts;
    if (counts !== null) {
      const i = v - this.offset;
      if (Math.floor(v) === v && i >= 0 && i < counts.length && (v !== 0 || 1 / v > 0)) {
        counts[i]++;
        this.n++;
        return;
      }
    }
    this.addSlow(v);
  }

  private addSlow(v: number): void {
    this.n++;
    if (this.list !== null) {
      this.list.push(v);
      return;
    }
    // -0 is an integer, but summarize() sorts it apart from 0: a list keeps it.
    if (!Number.isInteger(v) || Object.is(v, -0)) {
      this.toList().push(v);
      return;
    }
    const counts = this.counts;
    const lo = counts === null ? v : Math.min(this.offset, v);
    const hi = counts === null ? v : Math.max(this.offset + counts.length - 1, v);
    // The same bound as countingSort: a range far wider than the count of numbers is kept as a list.
    if (!countable(hi - lo + 1, this.n)) {
      this.toList().push(v);
      return;
    }
    // Room for more on the side that grew, within the bound.
    const slack = Math.min(hi - lo + 1, maxRange(this.n) - (hi - lo + 1));
    const start = counts !== null && v < this.offset ? lo - slack : lo;
    const grown = new Int32Array(hi - lo + 1 + slack);
    if (counts !== null) grown.set(counts, this.offset - start);
    this.counts = grown;
    this.offset = start;
    grown[v - start]++;
  }

  /** Turns the counts into the list of numbers, ascending. */
  private toList(): number[] {
    const list = this.values();
    this.counts = null;
    this.list = list;
    return list;
  }

  /** The numbers of several samples together. */
  static merge(parts: readonly NumberSample[]): NumberSample {
    const used = parts.filter((p) => p.n > 0);
    if (used.length <= 1) return used[0] ?? new NumberSample();
    const m = new NumberSample();
    const n = used.reduce((sum, p) => sum + p.n, 0);
    const lo = Math.min(...used.map((p) => (p.counts === null ? 0 : p.offset)));
    const hi = Math.max(...used.map((p) => (p.counts === null ? 0 : p.offset + p.counts.length - 1)));
    if (used.some((p) => p.counts === null) || !countable(hi - lo + 1, n)) {
      m.list = used.flatMap((p) => (p.counts === null ? p.list! : p.values()));
      m.n = m.list.length;
      return m;
    }
    m.counts = new Int32Array(hi - lo + 1);
    m.offset = lo;
    for (const p of used) {
      const c = p.counts!;
      for (let i = 0; i < c.length; i++) m.counts[p.offset - lo + i] += c[i];
      m.n += p.n;
    }
    return m;
  }

  /** Every number added, ascending when kept as counts. */
  values(): number[] {
    if (this.counts === null) return this.list ?? [];
    const out: number[] = [];
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) for (let c = counts[i]; c > 0; c--) out.push(this.offset + i);
    return out;
  }

  summary(): NumberSummary {
    const counts = this.counts;
    if (counts === null) return summarize(this.list ?? []);
    const n = this.n;
    if (n === 0) return summarize([]);
    // The values at the ranks summarize() reads in the sorted list, found by walking the counts.
    const ranks: number[] = [];
    for (const p of [0.25, 0.5, 0.75]) {
      const h = (n - 1) * p;
      const lo = Math.floor(h);
      ranks.push(lo, Math.min(lo + 1, n - 1));
    }
    const at = new Map<number, number>();
    const wanted = [...new Set([0, n - 1, ...ranks])].sort((a, b) => a - b);
    let sum = 0;
    let seen = 0;
    let w = 0;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i];
      if (c === 0) continue;
      const v = this.offset + i;
      sum += v * c;
      // summarize() adds the sorted numbers one by one: the same sum while every partial sum is exact.
      if (Math.abs(sum) > Number.MAX_SAFE_INTEGER || Math.abs(v * c) > Number.MAX_SAFE_INTEGER) return summarize(this.values());
      seen += c;
      while (w < wanted.length && wanted[w] < seen) at.set(wanted[w++], v);
    }
    const quantile = (p: number) => {
      const h = (n - 1) * p;
      const lo = Math.floor(h);
      const hi = Math.min(lo + 1, n - 1);
      return at.get(lo)! + (h - lo) * (at.get(hi)! - at.get(lo)!);
    };
    return { n, mean: round(sum / n), median: round(quantile(0.5)), q1: round(quantile(0.25)), q3: round(quantile(0.75)), min: at.get(0)!, max: at.get(n - 1)! };
  }
}
