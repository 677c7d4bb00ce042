import { sql } from 'drizzle-orm';
import { isScaleId, QuestionnaireImportError, questionnaireToScale, SCALES, type ScaleDefinition } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { DbHandle } from '../db/client';
import { scaleVersion } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, conflict, notFound } from '../http/errors';
import { assertCan } from '../http/permissions';

/*
 * Version 1 of every scale is the seed in core; editors publish later versions by importing a FHIR
 * Questionnaire (usually one exported here, then edited). Every version is kept.
 */

const unknownScale = (id: string) => notFound(`Échelle inconnue : « ${id} ». Échelles disponibles : ${Object.keys(SCALES).join(', ')}.`);

export async function currentScale(handle: DbHandle, id: string): Promise<ScaleDefinition> {
  if (!isScaleId(id)) throw unknownScale(id);
  const rows = await handle.query<{ definition: ScaleDefinition }>('SELECT definition FROM scale_version WHERE scale_id = $1 ORDER BY version DESC LIMIT 1', [id]);
  return rows[0]?.definition ?? SCALES[id];
}

export async function currentScales(handle: DbHandle): Promise<ScaleDefinition[]> {
  const rows = await handle.query<{ scale_id: string; definition: ScaleDefinition }>(
    'SELECT DISTINCT ON (scale_id) scale_id, definition FROM scale_version ORDER BY scale_id, version DESC',
  );
  const edited = new Map(rows.map((r) => [r.scale_id, r.definition]));
  return Object.values(SCALES).map((s) => edited.get(s.id) ?? s);
}

export async function scaleAtVersion(handle: DbHandle, id: string, version: number): Promise<ScaleDefinition> {
  if (!isScaleId(id)) throw unknownScale(id);
  if (version === 1) return SCALES[id];
  const rows = await handle.query<{ definition: ScaleDefinition }>('SELECT definition FROM scale_version WHERE scale_id = $1 AND version = $2', [id, version]);
  if (!rows[0]) throw notFound(`L’échelle ${id} n’a pas de version ${version}.`);
  return rows[0].definition;
}

export interface ScaleVersionSummary {
  version: number;
  date: string;
  changeNote: string;
  createdByEmail: string | null;
}

export async function scaleHistory(handle: DbHandle, id: string): Promise<ScaleVersionSummary[]> {
  if (!isScaleId(id)) throw unknownScale(id);
  const rows = await handle.query<{ version: number; created_at: Date | string; change_note: string; email: string | null }>(
    `SELECT v.version, v.created_at, v.change_note, u.email FROM scale_version v LEFT JOIN app_user u ON u.id = v.created_by
     WHERE v.scale_id = $1 ORDER BY v.version DESC`,
    [id],
  );
  return [
    ...rows.map((r) => ({ version: r.version, date: new Date(r.created_at).toISOString(), changeNote: r.change_note, createdByEmail: r.email })),
    { version: 1, date: SCALES[id].date, changeNote: 'Version initiale, d’après les faits de référence.', createdByEmail: null },
  ];
}

const comparable = (s: ScaleDefinition) => stableJson({ ...s, version: '', date: '' });

/** JSON with sorted keys: jsonb does not keep the order in which keys were written. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}


/**
 * An editor's Questionnaire becomes the next version of the scale. linkIds are stable: a version may
 * add questions but never drop one, so every saved answer keeps its meaning. Importing the current
 * content again (a retried request) creates nothing and answers the current version.
 */
export async function importScaleVersion(
  deps: AppDeps,
  actor: Actor | null,
  id: string,
  questionnaire: unknown,
  changeNote: string,
  ctx: RequestContext,
): Promise<{ created: boolean; scale: ScaleDefinition }> {
  assertCan(actor, 'reference.edit');
  if (!isScaleId(id)) throw unknownScale(id);
  let imported: ScaleDefinition;
  try {
    imported = questionnaireToScale(questionnaire, id);
  } catch (err) {
    if (err instanceof QuestionnaireImportError) throw badInput(err.path, err.message);
    throw err;
  }
  const current = await currentScale(deps.handle, id);
  const kept = new Set(imported.items.map((i) => i.linkId));
  const dropped = current.items.find((i) => !kept.has(i.linkId));
  if (dropped) throw badInput('item', `La question « ${dropped.linkId} » ne peut pas être retirée : les linkId d’une échelle sont stables d’une version à l’autre.`);
  const now = deps.now();
  const next = Number(current.version) + 1;
  const definition: ScaleDefinition = { ...imported, version: String(next), date: now.toISOString().slice(0, 10) };
  if (comparable(definition) === comparable(current)) return { created: false, scale: current };
  await deps.db.transaction(async (tx) => {
    const taken = (await tx.execute(sql`SELECT 1 FROM scale_version WHERE scale_id = ${id} AND version = ${next}`)) as unknown as { rows: unknown[] };
    if (taken.rows.length) throw conflict('Une autre version vient d’être publiée. Rechargez l’échelle avant d’importer.');
    await tx.insert(scaleVersion).values({ scaleId: id, version: next, definition: definition as unknown as Record<string, unknown>, changeNote, createdBy: actor.id, createdAt: now });
    await recordAuditEvent(tx, actor, ctx, { action: 'scale.version_imported', objectType: 'scale', objectId: id, details: { version: next, changeNote } });
  });
  return { created: true, scale: definition };
}
