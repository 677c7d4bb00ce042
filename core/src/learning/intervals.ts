/** Watched parts of a video as [start, end] intervals in seconds. */
export type Interval = [number, number];

/**
 * The union of intervals: sorted, with overlapping or touching ones merged. The server computes the
 * same union in SQL (watched_union in migration 0008); this one serves the player and the tests.
 */
export function unionIntervals(...lists: Interval[][]): Interval[] {
  const all = lists
    .flat()
    .filter(([s, e]) => Number.isFinite(s) && Number.isFinite(e) && e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Interval[] = [];
  for (const [s, e] of all) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Seconds covered by intervals, counted once, within [0, duration] when a duration is known. */
export function coveredSeconds(intervals: Interval[], duration?: number | null): number {
  const cap = duration && duration > 0 ? duration : Infinity;
  return unionIntervals(intervals).reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, cap) - Math.max(s, 0)), 0);
}

/** Watched share of a video in whole percent (0 when its duration is unknown). */
export function watchedPercent(intervals: Interval[], duration: number | null | undefined): number {
  if (!duration || duration <= 0) return 0;
  return Math.min(100, Math.floor((coveredSeconds(intervals, duration) / duration) * 100 + 1e-9));
}
