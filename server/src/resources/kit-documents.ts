import { sql } from 'drizzle-orm';
import { checkTemplate, kitDocumentInputSchema, kitVersionInputSchema, type KitDocumentVersion, type KitKind } from '@palliance/core';
import type { z } from 'zod';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db, DbHandle } from '../db/client';
import { kitDocument, kitDocumentVersion } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, conflict, notFound } from '../http/errors';
import { assertCan } from '../http/permissions';

type VersionInput = z.output<typeof kitVersionInputSchema>;
type DocumentInput = z.output<typeof kitDocumentInputSchema>;
type Who = Pick<Actor, 'id' | 'email'> | null;

interface VersionRow {
  document_id: string;
  slug: string;
  kind: KitKind;
  is_demo: boolean;
  version: number;
  title: string;
  body: string;
  placeholders: KitDocumentVersion['placeholders'];
  authors: string[];
  source: string;
  review_date: string;
  change_note: string;
  created_at: Date | string;
  created_by_email: string | null;
}

const SELECT_VERSION = `
  SELECT d.id AS document_id, d.slug, d.kind, d.is_demo, v.version, v.title, v.body, v.placeholders, v.authors, v.source,
         v.review_date::text AS review_date, v.change_note, v.created_at, u.email AS created_by_email
  FROM kit_document d JOIN kit_document_version v ON v.document_id = d.id
  LEFT JOIN app_user u ON u.id = v.created_by`;

const toVersion = (r: VersionRow): KitDocumentVersion => ({
  documentId: r.document_id,
  slug: r.slug,
  kind: r.kind,
  isDemo: r.is_demo,
  version: r.version,
  title: r.title,
  body: r.body,
  placeholders: r.placeholders,
  authors: r.authors,
  source: r.source,
  reviewDate: r.review_date,
  changeNote: r.change_note,
  createdAt: new Date(r.created_at).toISOString(),
  createdByEmail: r.created_by_email,
});

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** The current version of every kit document. */
export async function listKitDocuments(handle: DbHandle): Promise<KitDocumentVersion[]> {
  const rows = await handle.query<VersionRow>(
    `${SELECT_VERSION} WHERE v.version = (SELECT max(version) FROM kit_document_version WHERE document_id = d.id) ORDER BY d.kind, v.title`,
  );
  return rows.map(toVersion);
}

/** A document by id or slug: its current version, or the version asked for. */
export async function loadKitDocument(handle: DbHandle, idOrSlug: string, version?: number): Promise<KitDocumentVersion> {
  const where = isUuid(idOrSlug) ? 'd.id = $1' : 'd.slug = $1';
  const rows = await handle.query<VersionRow>(
    version
      ? `${SELECT_VERSION} WHERE ${where} AND v.version = $2`
      : `${SELECT_VERSION} WHERE ${where} ORDER BY v.version DESC LIMIT 1`,
    version ? [idOrSlug, version] : [idOrSlug],
  );
  if (!rows[0]) throw notFound(version ? `Ce document n’a pas de version ${version}.` : 'Ce document du kit n’existe pas.');
  return toVersion(rows[0]);
}

export async function kitDocumentHistory(handle: DbHandle, idOrSlug: string): Promise<KitDocumentVersion[]> {
  const where = isUuid(idOrSlug) ? 'd.id = $1' : 'd.slug = $1';
  const rows = await handle.query<VersionRow>(`${SELECT_VERSION} WHERE ${where} ORDER BY v.version DESC`, [idOrSlug]);
  if (!rows.length) throw notFound('Ce document du kit n’existe pas.');
  return rows.map(toVersion);
}

function assertTemplate(input: VersionInput) {
  const issues = checkTemplate(input.body, input.placeholders);
  if (issues.length) throw badInput(input.body.includes(`{{${issues[0].key}`) ? 'body' : 'placeholders', issues[0].message);
}

async function insertVersion(tx: Db, documentId: string, version: number, input: VersionInput, actor: Who, ctx: RequestContext | null, now: Date) {
  await tx.insert(kitDocumentVersion).values({
    documentId,
    version,
    title: input.title,
    body: input.body,
    placeholders: input.placeholders.map((p) => ({ key: p.key, label: p.label, type: p.type, required: p.required })),
    authors: input.authors,
    source: input.source,
    reviewDate: input.reviewDate,
    changeNote: input.changeNote,
    createdBy: actor?.id ?? null,
    createdAt: now,
  });
  await recordAuditEvent(tx, actor, ctx, {
    action: version === 1 ? 'kit.document_created' : 'kit.version_created',
    objectType: 'kit_document',
    objectId: documentId,
    details: { version, title: input.title, changeNote: input.changeNote },
  });
}

/** Inside the caller's transaction (routes and the demo seed). */
export async function insertKitDocument(tx: Db, input: DocumentInput, actor: Who, ctx: RequestContext | null, now: Date, opts: { id?: string; isDemo?: boolean } = {}): Promise<string> {
  assertTemplate(input);
  const [row] = await tx
    .insert(kitDocument)
    .values({ ...(opts.id ? { id: opts.id } : {}), slug: input.slug, kind: input.kind, isDemo: opts.isDemo ?? false, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: kitDocument.id });
  if (!row) throw conflict('Cette adresse courte est déjà prise par un autre document.', 'slug');
  await insertVersion(tx, row.id, 1, input, actor, ctx, now);
  return row.id;
}

export async function createKitDocument(deps: AppDeps, actor: Actor | null, input: DocumentInput, ctx: RequestContext): Promise<KitDocumentVersion> {
  assertCan(actor, 'reference.edit');
  const id = await deps.db.transaction((tx) => insertKitDocument(tx, input, actor, ctx, deps.now()));
  return loadKitDocument(deps.handle, id);
}

/** JSON with sorted keys: jsonb does not keep the order in which keys were written. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const sameContent = (v: KitDocumentVersion, input: VersionInput) =>
  v.title === input.title &&
  v.body === input.body &&
  v.source === input.source &&
  v.reviewDate === input.reviewDate &&
  JSON.stringify(v.authors) === JSON.stringify(input.authors) &&
  stableJson(v.placeholders) === stableJson(input.placeholders.map((p) => ({ key: p.key, label: p.label, type: p.type, required: p.required })));

/**
 * A new version. `baseVersion` is the version the editor started from: if someone published in between,
 * 409; if this very content was already published on top of it (a retried request), the same answer.
 */
export async function addKitVersion(deps: AppDeps, actor: Actor | null, idOrSlug: string, input: VersionInput, ctx: RequestContext): Promise<{ created: boolean; document: KitDocumentVersion }> {
  assertCan(actor, 'reference.edit');
  assertTemplate(input);
  // Read before the transaction: an embedded database has one connection, busy once the transaction is open.
  const current = await loadKitDocument(deps.handle, idOrSlug);
  const result = await deps.db.transaction(async (tx) => {
    // Serialises concurrent editors of the same document.
    await tx.execute(sql`SELECT 1 FROM kit_document WHERE id = ${current.documentId} FOR UPDATE`);
    const res = (await tx.execute(sql`SELECT max(version)::int AS max FROM kit_document_version WHERE document_id = ${current.documentId}`)) as unknown as { rows: { max: number }[] };
    const max = res.rows[0].max;
    if (input.baseVersion !== undefined && input.baseVersion !== max) {
      // A retry of the request that created the latest version answers the same, without a second version.
      if (input.baseVersion === max - 1 && max === current.version && current.createdByEmail === actor.email && sameContent(current, input)) return { created: false };
      throw conflict(`Ce document a été modifié entre-temps (version ${max}). Rechargez-le avant de publier.`, 'baseVersion');
    }
    await insertVersion(tx, current.documentId, max + 1, input, actor, ctx, deps.now());
    return { created: true };
  });
  return { created: result.created, document: await loadKitDocument(deps.handle, current.documentId) };
}
