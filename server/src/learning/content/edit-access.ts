import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { badInput, forbidden, notFound } from '../../http/errors';
import { requireActor } from '../../http/permissions';
import { mayEditCourse } from '../read-courses';

/**
 * Checks that the actor may edit the course and locks its row for the rest of the transaction, so that
 * two authors reordering or appending at once never produce two items at one position.
 * 404 for a course one may not see, 403 for one seen but not editable.
 */
export async function lockCourseForEdit(tx: Db, actor: Actor | null, courseId: string): Promise<Actor> {
  const a = requireActor(actor);
  const res = (await tx.execute(sql`SELECT status FROM course WHERE id = ${courseId} FOR UPDATE`)) as unknown as { rows: { status: string }[] };
  const c = res.rows[0];
  if (!c) throw notFound("Ce cours n'existe pas.");
  if (!mayEditCourse(a, courseId)) {
    if (c.status !== 'published') throw notFound("Ce cours n'existe pas.");
    throw forbidden("Seuls l'équipe enseignante de ce cours et les éditeurs peuvent le modifier.");
  }
  return a;
}

/** The course an item belongs to, found from the item (404 when the item does not exist). */
export async function courseOf(tx: Db, kind: 'session' | 'module' | 'lesson' | 'block', id: string): Promise<string> {
  const q = {
    session: sql`SELECT course_id FROM course_session WHERE id = ${id}`,
    module: sql`SELECT course_id FROM course_module WHERE id = ${id}`,
    lesson: sql`SELECT m.course_id FROM lesson l JOIN course_module m ON m.id = l.module_id WHERE l.id = ${id}`,
    block: sql`SELECT m.course_id FROM lesson_block b JOIN lesson l ON l.id = b.lesson_id JOIN course_module m ON m.id = l.module_id WHERE b.id = ${id}`,
  }[kind];
  const res = (await tx.execute(q)) as unknown as { rows: { course_id: string }[] };
  const label = { session: 'Cette session', module: 'Ce module', lesson: 'Cette leçon', block: 'Ce bloc' }[kind];
  if (!res.rows[0]) throw notFound(`${label} n'existe pas.`);
  return res.rows[0].course_id;
}

/**
 * Gives the listed children of a parent the positions 1..n in the given order, in the caller's
 * transaction. The list must name every child exactly once. Positions are first moved out of the
 * way (unique constraints are checked row by row), then set in one statement.
 */
export async function applyOrder(tx: Db, table: 'course_module' | 'lesson' | 'lesson_block', parentColumn: string, parentId: string, ids: string[]): Promise<void> {
  const res = (await tx.execute(sql`SELECT id FROM ${sql.identifier(table)} WHERE ${sql.identifier(parentColumn)} = ${parentId}`)) as unknown as { rows: { id: string }[] };
  const current = new Set(res.rows.map((r) => r.id));
  const given = new Set(ids);
  if (given.size !== ids.length || given.size !== current.size || ids.some((id) => !current.has(id))) {
    throw badOrder();
  }
  await tx.execute(sql`UPDATE ${sql.identifier(table)} SET position = position + 1000000 WHERE ${sql.identifier(parentColumn)} = ${parentId}`);
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  await tx.execute(sql`UPDATE ${sql.identifier(table)} t SET position = o.ord FROM unnest(ARRAY[${list}]) WITH ORDINALITY AS o(id, ord) WHERE t.id = o.id`);
}

/** Closes the gap left by a deleted child so that positions stay 1..n. */
export async function closeGaps(tx: Db, table: 'course_module' | 'lesson' | 'lesson_block', parentColumn: string, parentId: string): Promise<void> {
  await tx.execute(sql`UPDATE ${sql.identifier(table)} SET position = position + 1000000 WHERE ${sql.identifier(parentColumn)} = ${parentId}`);
  await tx.execute(sql`UPDATE ${sql.identifier(table)} t SET position = o.ord
    FROM (SELECT id, row_number() OVER (ORDER BY position) AS ord FROM ${sql.identifier(table)} WHERE ${sql.identifier(parentColumn)} = ${parentId}) o
    WHERE t.id = o.id`);
}

const badOrder = () => badInput('ids', 'La nouvelle liste doit reprendre chaque élément exactement une fois, sans en ajouter ni en oublier.');
