import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/**
 * For the completion module: which of these quizzes the user has passed. A self-assessment counts
 * once an attempt has been submitted; a graded quiz once an attempt passed its mark.
 * Accepts the database (or a transaction) or anything holding one as `db`.
 */
export async function passedQuizIds(dbOrDeps: Db | { db: Db }, userId: string, quizIds: string[]): Promise<Set<string>> {
  if (quizIds.length === 0) return new Set();
  const db = 'select' in dbOrDeps ? dbOrDeps : dbOrDeps.db;
  const res = (await db.execute(sql`
    SELECT DISTINCT a.quiz_id FROM quiz_attempt a JOIN quiz q ON q.id = a.quiz_id
    WHERE a.user_id = ${userId}
      AND a.quiz_id IN (${sql.join(quizIds.map((id) => sql`${id}::uuid`), sql`, `)})
      AND a.submitted_at IS NOT NULL
      AND (q.kind = 'self_assessment' OR a.passed)`)) as unknown as { rows: { quiz_id: string }[] };
  return new Set(res.rows.map((r) => r.quiz_id));
}
