import { sql } from 'drizzle-orm';
import { foldForSearch, timeZoneForDepartement, type Structure, type StructureInput } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import { structure, structureCoverage, structureVersion } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, notFound } from '../http/errors';
import { assertCan, can } from '../http/permissions';
import { bumpDirectoryGeneration } from './directory-cache';
import { getStructure } from './queries';

/** Checks every code the input refers to; the first unknown one is named in a 400. */
export async function checkReferences(tx: Db, input: StructureInput, selfId?: string): Promise<{ departement: string | null }> {
  const known = (await tx.execute(sql`SELECT code FROM structure_type WHERE code IN ${input.types}`)) as unknown as { rows: { code: string }[] };
  const unknownType = input.types.find((t) => !known.rows.some((k) => k.code === t));
  if (unknownType) throw badInput('types', `Type de structure inconnu : ${unknownType}.`);
  let departement: string | null = null;
  if (input.communeCode) {
    const c = (await tx.execute(sql`SELECT departement, codes_postaux FROM commune WHERE code = ${input.communeCode}`)) as unknown as {
      rows: { departement: string; codes_postaux: string[] }[];
    };
    if (!c.rows[0]) throw badInput('communeCode', `Commune inconnue : ${input.communeCode}.`);
    departement = c.rows[0].departement;
    if (input.postalCode && !c.rows[0].codes_postaux.includes(input.postalCode)) {
      throw badInput('postalCode', `Le code postal ${input.postalCode} ne correspond pas à la commune choisie.`);
    }
  }
  if (input.parentId) {
    if (input.parentId === selfId) throw badInput('parentId', 'Une structure ne peut pas être rattachée à elle-même.');
    const p = (await tx.execute(sql`SELECT 1 FROM structure WHERE id = ${input.parentId}`)) as unknown as { rows: unknown[] };
    if (!p.rows[0]) throw badInput('parentId', "L'organisation de rattachement n'existe pas.");
  }
  const { departements, communes } = input.coverage;
  if (departements.length) {
    const d = (await tx.execute(sql`SELECT code FROM departement WHERE code IN ${departements}`)) as unknown as { rows: { code: string }[] };
    const missing = departements.find((x) => !d.rows.some((r) => r.code === x));
    if (missing) throw badInput('coverage.departements', `Département inconnu : ${missing}.`);
  }
  if (communes.length) {
    const c = (await tx.execute(sql`SELECT code FROM commune WHERE code IN ${communes}`)) as unknown as { rows: { code: string }[] };
    const found = new Set(c.rows.map((r) => r.code));
    const missing = communes.find((x) => !found.has(x));
    if (missing) throw badInput('coverage.communes', `Commune inconnue : ${missing}.`);
  }
  return { departement };
}

function columns(input: StructureInput, departement: string | null) {
  return {
    name: input.name,
    nameSearch: foldForSearch(input.name),
    types: input.types,
    parentId: input.parentId ?? null,
    finess: input.finess ?? null,
    siret: input.siret ?? null,
    rorId: input.rorId ?? null,
    addressLine: input.addressLine ?? null,
    postalCode: input.postalCode ?? null,
    communeCode: input.communeCode ?? null,
    departement,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    timeZone: departement ? timeZoneForDepartement(departement) : 'Europe/Paris',
    audience: input.audience,
    contacts: input.contacts as unknown[],
    openingHours: input.openingHours ?? null,
    accessDelayDays: input.accessDelayDays ?? null,
    accessDelayConfirmedAt: input.accessDelayConfirmedAt ?? null,
    capacityBeds: input.capacityBeds ?? null,
    description: input.description ?? null,
  };
}

async function replaceCoverage(tx: Db, id: string, input: StructureInput): Promise<void> {
  await tx.execute(sql`DELETE FROM structure_coverage WHERE structure_id = ${id}`);
  const rows = [
    ...[...new Set(input.coverage.departements)].map((d) => ({ structureId: id, departement: d, communeCode: null })),
    ...[...new Set(input.coverage.communes)].map((c) => ({ structureId: id, departement: null, communeCode: c })),
  ];
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(structureCoverage).values(rows.slice(i, i + 1000));
}

async function writeVersion(tx: Db, s: Structure, actor: Pick<Actor, 'id' | 'email'> | null, kind: string, fields: string[], now: Date) {
  await tx.insert(structureVersion).values({
    structureId: s.id,
    version: s.version,
    changedAt: now,
    changedBy: actor?.id ?? null,
    changedByEmail: actor?.email ?? null,
    changeKind: kind,
    changedFields: fields,
    snapshot: s as unknown as Record<string, unknown>,
  });
}

export interface CreateOptions {
  isDemo?: boolean;
  /** Imports and trusted callers publish at once; a plain proposal waits for approval. */
  status?: 'pending' | 'published';
}

/** Creates an entry inside the caller's transaction (used by the route, the CSV and FHIR imports, the seeds). */
export async function insertStructure(
  tx: Db,
  input: StructureInput,
  actor: Pick<Actor, 'id' | 'email'> | null,
  ctx: RequestContext | null,
  now: Date,
  opts: CreateOptions & { id?: string; changeKind?: string; departement?: string | null } = {},
): Promise<Structure> {
  // Callers that already checked the references pass the department they found.
  const departement = opts.departement !== undefined ? opts.departement : (await checkReferences(tx, input)).departement;
  const [row] = await tx
    .insert(structure)
    .values({
      ...(opts.id ? { id: opts.id } : {}),
      ...columns(input, departement),
      status: opts.status ?? 'published',
      isDemo: opts.isDemo ?? false,
      confirmedAt: now,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: structure.id });
  await replaceCoverage(tx, row.id, input);
  const saved = (await getStructure(tx, row.id, now))!;
  await writeVersion(tx, saved, actor, opts.changeKind ?? 'creation', Object.keys(input), now);
  await recordAuditEvent(tx, actor, ctx, {
    action: 'directory.structure_created',
    objectType: 'structure',
    objectId: row.id,
    details: { name: input.name, status: saved.status, via: opts.changeKind ?? 'creation' },
  });
  return saved;
}

export async function createStructure(deps: AppDeps, actor: Actor | null, input: StructureInput, ctx: RequestContext): Promise<Structure> {
  assertCan(actor, 'directory.propose');
  const now = deps.now();
  const saved = await deps.db.transaction(async (tx) => {
    const { departement } = await checkReferences(tx, input);
    const trusted = can(actor, 'directory.approve', { departement });
    return insertStructure(tx, input, actor, ctx, now, { status: trusted ? 'published' : 'pending', departement });
  });
  bumpDirectoryGeneration();
  return saved;
}

const COMPARED: (keyof Structure & keyof StructureInput)[] = [
  'name', 'types', 'parentId', 'finess', 'siret', 'rorId', 'addressLine', 'postalCode', 'communeCode', 'latitude', 'longitude',
  'audience', 'contacts', 'openingHours', 'accessDelayDays', 'accessDelayConfirmedAt', 'capacityBeds', 'description',
];

/** JSON with sorted keys: jsonb does not keep key order, so plain JSON.stringify would see changes everywhere. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function changedFields(before: Structure, input: StructureInput): string[] {
  const norm = stableJson;
  const fields: string[] = COMPARED.filter((k) => norm(before[k]) !== norm(input[k]));
  const covBefore = { d: [...before.coverage.departements].sort(), c: before.coverage.communes.map((c) => c.code).sort() };
  const covAfter = { d: [...new Set(input.coverage.departements)].sort(), c: [...new Set(input.coverage.communes)].sort() };
  if (norm(covBefore) !== norm(covAfter)) fields.push('coverage');
  return fields;
}

/**
 * Saves a new version of an entry. expectedVersion guards against two editors overwriting each
 * other; saving also confirms the data (it is no longer "à vérifier").
 */
export async function updateStructure(
  deps: AppDeps,
  actor: Actor | null,
  id: string,
  input: StructureInput,
  expectedVersion: number | undefined,
  ctx: RequestContext,
): Promise<Structure> {
  const now = deps.now();
  const saved = await deps.db.transaction(async (tx) => {
    const before = await getStructure(tx, id, now);
    if (!before) throw notFound('Cette structure n’existe pas.');
    const { departement } = await checkReferences(tx, input, id);
    // Both the current and the new department count: moving an entry needs rights on both.
    assertCan(actor, 'directory.edit', { structureId: id, departement: before.departement });
    if (departement !== before.departement) assertCan(actor, 'directory.edit', { structureId: id, departement });
    if (expectedVersion !== undefined && expectedVersion !== before.version) {
      throw badInput('version', `Cette fiche a été modifiée entre-temps (version ${before.version}). Rechargez-la avant d’enregistrer.`);
    }
    return applyUpdate(tx, before, input, actor, ctx, now, { departement });
  });
  bumpDirectoryGeneration();
  return saved;
}

/**
 * Writes a new version of an existing entry inside the caller's transaction (the edit form and the
 * update imports): the row, its coverage if changed, the version kept in history and the audit event.
 * The caller has checked the references and the actor's rights.
 */
export async function applyUpdate(
  tx: Db,
  before: Structure,
  input: StructureInput,
  actor: Pick<Actor, 'id' | 'email'> | null,
  ctx: RequestContext | null,
  now: Date,
  opts: { departement: string | null; changeKind?: string },
): Promise<Structure> {
  const id = before.id;
  const fields = changedFields(before, input);
  await tx
    .update(structure)
    .set({ ...columns(input, opts.departement), version: before.version + 1, updatedAt: now, confirmedAt: now })
    .where(sql`${structure.id} = ${id}`);
  if (fields.includes('coverage')) await replaceCoverage(tx, id, input);
  const after = (await getStructure(tx, id, now))!;
  await writeVersion(tx, after, actor, opts.changeKind ?? (fields.length ? 'modification' : 'confirmation'), fields, now);
  await recordAuditEvent(tx, actor, ctx, {
    action: fields.length ? 'directory.structure_updated' : 'directory.structure_confirmed',
    objectType: 'structure',
    objectId: id,
    details: { version: after.version, changed: fields, ...(opts.changeKind ? { via: opts.changeKind } : {}) },
  });
  return after;
}

export async function setStructureStatus(
  deps: AppDeps,
  actor: Actor | null,
  id: string,
  status: 'published' | 'archived',
  ctx: RequestContext,
): Promise<Structure> {
  const now = deps.now();
  const saved = await deps.db.transaction(async (tx) => {
    const before = await getStructure(tx, id, now);
    if (!before) throw notFound('Cette structure n’existe pas.');
    assertCan(actor, status === 'published' && before.status === 'pending' ? 'directory.approve' : 'directory.edit', {
      structureId: id,
      departement: before.departement,
    });
    if (before.status === status) return before;
    await tx.update(structure).set({ status, version: before.version + 1, updatedAt: now }).where(sql`${structure.id} = ${id}`);
    const after = (await getStructure(tx, id, now))!;
    const kind = before.status === 'pending' && status === 'published' ? 'approbation' : status === 'archived' ? 'archivage' : 'republication';
    await writeVersion(tx, after, actor, kind, ['status'], now);
    await recordAuditEvent(tx, actor, ctx, { action: `directory.structure_${status}`, objectType: 'structure', objectId: id, details: { from: before.status } });
    return after;
  });
  bumpDirectoryGeneration();
  return saved;
}
