/** A saved part as stored: one scale answered at one date. */
export interface SavedPart {
  scaleId: string;
  version: string;
  answers: Record<string, unknown>;
  score: number | null;
}

export interface TrendPoint {
  evaluationId: string;
  at: string;
  value: number;
}

/** The series of one item (or of the total score, linkId "score") of one scale. */
export interface TrendSeries {
  scaleId: string;
  linkId: string;
  points: TrendPoint[];
}

/**
 * Per scale and per item, the numeric values over time (booleans as 1/0, so a Pallia 10 item reads
 * as yes/no over time), plus the total score. Oldest first. Free-text items have no trend.
 */
export function evaluationTrend(evaluations: { id: string; at: string; parts: SavedPart[] }[]): TrendSeries[] {
  const series = new Map<string, TrendSeries>();
  const push = (scaleId: string, linkId: string, p: TrendPoint) => {
    const k = `${scaleId}\u0000${linkId}`;
    if (!series.has(k)) series.set(k, { scaleId, linkId, points: [] });
    series.get(k)!.points.push(p);
  };
  for (const e of [...evaluations].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id))) {
    for (const part of e.parts) {
      if (part.score !== null) push(part.scaleId, 'score', { evaluationId: e.id, at: e.at, value: part.score });
      for (const [linkId, v] of Object.entries(part.answers)) {
        if (typeof v === 'number') push(part.scaleId, linkId, { evaluationId: e.id, at: e.at, value: v });
        else if (typeof v === 'boolean') push(part.scaleId, linkId, { evaluationId: e.id, at: e.at, value: v ? 1 : 0 });
      }
    }
  }
  return [...series.values()];
}
