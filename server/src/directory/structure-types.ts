import type { StructureType } from '@palliance/core';
import type { DbHandle } from '../db/client';
// Imported, not read at run time: the server bundle carries it.
import seedTypes from './structure-types.json';

interface SeedType extends StructureType {
  sort: number;
}

/** The kinds of structure, described from seeds/003; inserted once, then owned by editors. */
export async function loadStructureTypes(handle: DbHandle): Promise<void> {
  const types = seedTypes as SeedType[];
  await handle.query(
    `INSERT INTO structure_type (code, label, description, source, editor_review, sort, editor_review_reason)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::int[], $7::text[])
     ON CONFLICT (code) DO NOTHING`,
    [
      types.map((t) => t.code),
      types.map((t) => t.label),
      types.map((t) => t.description),
      types.map((t) => t.source),
      types.map((t) => t.editorReview),
      types.map((t) => t.sort),
      types.map((t) => t.editorReviewReason),
    ],
  );
}

export async function listStructureTypes(handle: DbHandle): Promise<StructureType[]> {
  return handle.query<StructureType>(
    `SELECT code, label, description, source, editor_review AS "editorReview",
            editor_review_reason AS "editorReviewReason" FROM structure_type ORDER BY sort, code`,
  );
}
