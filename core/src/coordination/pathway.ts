/** One line of the patient's pathway, whatever its source. */
export interface PathwayEvent {
  /** Where it comes from: a place of care, a support request, an RCP case, an evaluation, the dormant file. */
  source: 'place' | 'request' | 'rcp' | 'evaluation' | 'dormant';
  /** ISO instant, or "YYYY-MM-DD" for day-only facts (places of care). */
  at: string;
  /** For a stay: its last day (null while it lasts). */
  until?: string | null;
  title: string;
  detail: string;
  link?: string | null;
  id: string;
}

// On the same instant, the place comes first (it frames what happens there), then what was done.
const ORDER: Record<PathwayEvent['source'], number> = { place: 0, dormant: 1, request: 2, rcp: 3, evaluation: 4 };

/** A day-only date sorts at the start of that day in Paris time: compare on the UTC instant of midnight. */
const instant = (at: string) => (/^\d{4}-\d{2}-\d{2}$/.test(at) ? Date.parse(`${at}T00:00:00+01:00`) : Date.parse(at));

/** Merges the sources in time order (oldest first), stable on ties by source then id. */
export function mergePathway(...sources: PathwayEvent[][]): PathwayEvent[] {
  return sources
    .flat()
    .sort((a, b) => instant(a.at) - instant(b.at) || ORDER[a.source] - ORDER[b.source] || a.id.localeCompare(b.id));
}
