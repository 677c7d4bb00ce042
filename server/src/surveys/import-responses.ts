import { sql } from 'drizzle-orm';
import { forEachResponseBatch, type AnswerProblem } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor, RequestContext } from '../http/actor';
import { badInput } from '../http/errors';
import { assertCan } from '../http/permissions';
import { compactWriter } from './compact-answers';
import { definitionOf, findSurvey } from './load-survey';

/** The file was refused: every problem (line, column, French message), nothing stored. */
export class ImportRejected extends Error {
  constructor(
    readonly problems: AnswerProblem[],
    readonly problemCount: number,
  ) {
    super(`Le fichier n'a pas été importé : ${problemCount} problème(s) à corriger. Aucune réponse n'a été enregistrée.`);
  }
}

const rows = <T>(res: unknown) => (res as { rows: T[] }).rows;
/** Rows per INSERT: each batch is one statement carrying its answers as one JSON array parameter. */
const BATCH = 2000;

/**
 * Imports a responses file all or nothing: it is read and checked whole before anything is written,
 * then read again and written in one transaction. A retried upload with the same idempotency key is
 * stored once. Neither reading keeps the responses: 100,000 of them held at once made V8 grow the heap
 * by hundreds of megabytes, then pause the server for a long first full collection.
 */
export async function importResponses(
  deps: AppDeps,
  actor: Actor | null,
  surveyId: string,
  csv: string,
  idempotencyKey: string | undefined,
  ctx: RequestContext,
): Promise<{ importId: string; imported: number; alreadyImported: boolean }> {
  assertCan(actor, 'survey.manage');
  if (idempotencyKey !== undefined && !/^[A-Za-z0-9-]{8,64}$/.test(idempotencyKey)) throw badInput('idempotency-key', "La clé d'idempotence doit compter 8 à 64 lettres, chiffres ou tirets.");
  const s = await findSurvey(deps.db, surveyId);
  if (s.is_template) throw badInput('surveyId', 'On importe des réponses dans un questionnaire, pas dans un modèle.');
  const key = idempotencyKey ?? crypto.randomUUID();
  const [done] = rows<{ id: string; row_count: number }>(await deps.db.execute(sql`SELECT id, row_count FROM survey_import WHERE survey_id = ${surveyId} AND idempotency_key = ${key}`));
  if (done) return { importId: done.id, imported: done.row_count, alreadyImported: true };

  const def = definitionOf(s);
  // The check pass lets other requests through between batches: reading 100,000 responses at one go
  // held the event loop for over a second.
  const check = await forEachResponseBatch(def, csv, BATCH, () => new Promise<void>((resolve) => setImmediate(resolve)));
  if (check.problemCount > 0) throw new ImportRejected(check.problems, check.problemCount);

  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [imp] = rows<{ id: string }>(
      await tx.execute(sql`INSERT INTO survey_import (survey_id, idempotency_key, row_count, imported_by, created_at) VALUES (${surveyId}, ${key}, ${check.rowCount}, ${actor.id}, ${now}) RETURNING id`),
    );
    const compact = compactWriter(def);
    const written = await forEachResponseBatch(def, csv, BATCH, async (answers) => {
      // [answers, compact answers] per response; the report reads the second (see compact-answers.ts).
      const batch = JSON.stringify(answers.map((a) => [a, compact.encode(a)]));
      await tx.execute(sql`
        INSERT INTO survey_response (survey_id, status, answers, answers_compact, compact_layout, import_id, created_at, updated_at, submitted_at)
        SELECT ${surveyId}, 'submitted', e -> 0, e ->> 1, ${compact.layout}, ${imp.id}, ${now}, ${now}, ${now} FROM jsonb_array_elements(${batch}::jsonb) AS e`);
    });
    // The same text read the same way: anything else is a bug, and the throw undoes the transaction.
    if (written.problemCount > 0 || written.rowCount !== check.rowCount) {
      throw new Error(`import ${imp.id}: the second reading found ${written.rowCount} responses and ${written.problemCount} problems, the check ${check.rowCount} and none`);
    }
    await recordAuditEvent(tx, actor, ctx, { action: 'survey.responses_imported', objectType: 'survey', objectId: surveyId, details: { importId: imp.id, rows: check.rowCount } });
    return { importId: imp.id, imported: check.rowCount, alreadyImported: false };
  });
}
