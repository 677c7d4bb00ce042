import { and, asc, eq } from 'drizzle-orm';
import type { SavedEvaluation } from '@palliance/core';
import type { Db } from '../../db/client';
import { savedEvaluation } from '../../db/schema';

type Row = typeof savedEvaluation.$inferSelect;
type Part = SavedEvaluation['parts'][number];

export const toSavedEvaluation = (r: Row): SavedEvaluation => {
  const parts = r.parts as Part[];
  return {
    id: r.id,
    patientId: r.patientId,
    evaluatedAt: r.evaluatedAt.toISOString(),
    evaluatorId: r.evaluatorId,
    evaluatorName: r.evaluatorName,
    pps: r.pps,
    parts,
    mciJustification: r.mciJustification,
    palliaThresholdReached: parts.some((p) => p.scaleId === 'pallia-10' && p.thresholdReached),
  };
};

export async function loadSavedEvaluation(db: Db, patientId: string, id: string): Promise<Row | undefined> {
  const [row] = await db.select().from(savedEvaluation).where(and(eq(savedEvaluation.id, id), eq(savedEvaluation.patientId, patientId)));
  return row;
}

/** A patient's saved evaluations, oldest first (the order of a trend). */
export async function listSavedEvaluations(db: Db, patientId: string): Promise<SavedEvaluation[]> {
  const rows = await db.select().from(savedEvaluation).where(eq(savedEvaluation.patientId, patientId)).orderBy(asc(savedEvaluation.evaluatedAt), asc(savedEvaluation.id));
  return rows.map(toSavedEvaluation);
}
