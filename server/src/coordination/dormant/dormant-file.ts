import { createHash } from 'node:crypto';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { dormantDocumentInputSchema, DormantFile, dormantFileInputSchema, dormantFileUpdateSchema } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { findUserById } from '../../accounts/queries';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { dormantFile, dormantFileDocument, dormantFileEvent } from '../../db/schema';
import { getStructure } from '../../directory/queries';
import type { Actor, RequestContext } from '../../http/actor';
import { badInput, conflict, notFound } from '../../http/errors';
import { createNotifications, deliverNotificationMails, type NotificationInput } from '../../notifications/in-app/notify';
import { fillTemplate } from '../../resources/fill-template';
import { gpAndNurses, patientInitials, patientLink } from '../circle-notify';
import { joinStructureToCircle } from '../manage-circle';
import { assertCircleMember, readAsCircleMember } from '../patient-access';
import { structureStaff } from '../request-queries';

type Row = typeof dormantFile.$inferSelect;

async function actorName(deps: AppDeps, a: Actor): Promise<string> {
  const me = await findUserById(deps.db, a.id);
  return `${me?.firstName ?? ''} ${me?.lastName ?? ''}`.trim() || a.email;
}

async function openFile(db: Db, patientId: string): Promise<Row | undefined> {
  const [row] = await db.select().from(dormantFile).where(and(eq(dormantFile.patientId, patientId), ne(dormantFile.status, 'closed')));
  return row;
}

async function toView(db: Db, r: Row): Promise<DormantFile> {
  const docs = await db
    .select({ id: dormantFileDocument.id, kitDocumentId: dormantFileDocument.kitDocumentId, kitVersion: dormantFileDocument.kitVersion, title: dormantFileDocument.title, createdAt: dormantFileDocument.createdAt })
    .from(dormantFileDocument)
    .where(eq(dormantFileDocument.dormantFileId, r.id))
    .orderBy(asc(dormantFileDocument.createdAt));
  return {
    id: r.id,
    patientId: r.patientId,
    structureId: r.structureId,
    structureName: r.structureName,
    status: r.status as DormantFile['status'],
    urgencySheet: r.urgencySheet as Record<string, string>,
    contacts: r.contacts as DormantFile['contacts'],
    documents: docs.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    createdAt: r.createdAt.toISOString(),
    activatedAt: r.activatedAt?.toISOString() ?? null,
    activatedByName: r.activatedByName,
    closedAt: r.closedAt?.toISOString() ?? null,
  };
}

export async function readDormantFile(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext): Promise<DormantFile | null> {
  await readAsCircleMember(deps, actor, patientId, ctx, 'dormant_file');
  const row = await openFile(deps.db, patientId);
  return row ? toView(deps.db, row) : null;
}

/**
 * Pre-registers the patient with an HAD of the directory. The HAD joins the care circle (its team
 * must read the file the night it is activated) and the GP and nurses hear it.
 */
export async function createDormantFile(deps: AppDeps, actor: Actor | null, patientId: string, input: z.output<typeof dormantFileInputSchema>, ctx: RequestContext): Promise<DormantFile> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const a = access.actor;
  const now = deps.now();
  const structure = await getStructure(deps.db, input.structureId, now);
  if (!structure || structure.status !== 'published') throw badInput('structureId', "Cette structure n'est pas dans l'annuaire.");
  if (!structure.types.includes('HAD')) throw badInput('structureId', 'Un dossier dormant se prépare avec une structure d’hospitalisation à domicile (HAD).');
  const name = await actorName(deps, a);
  const outcome = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .insert(dormantFile)
      .values({ patientId, structureId: structure.id, structureName: structure.name, status: 'dormant', urgencySheet: input.urgencySheet, contacts: input.contacts, createdBy: a.id, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!rows.length) throw conflict('Ce patient a déjà un dossier dormant ouvert.');
    await tx.insert(dormantFileEvent).values({ dormantFileId: rows[0].id, patientId, kind: 'created', actorId: a.id, actorName: name, at: now });
    await recordAuditEvent(tx, a, ctx, { action: 'patient.dormant_file_created', objectType: 'patient', objectId: patientId, details: { dormantFileId: rows[0].id, structureId: structure.id } });
    const joined = await joinStructureToCircle(tx, a, ctx, patientId, { id: structure.id, name: structure.name }, 'added', now);
    return { row: rows[0], created: await createNotifications(tx, joined.notifications, now) };
  });
  await deliverNotificationMails(deps, outcome.created);
  return toView(deps.db, outcome.row);
}

export async function updateDormantFile(deps: AppDeps, actor: Actor | null, patientId: string, input: z.output<typeof dormantFileUpdateSchema>, ctx: RequestContext): Promise<DormantFile> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const now = deps.now();
  const row = await deps.db.transaction(async (tx) => {
    const [r] = await tx
      .update(dormantFile)
      .set({ urgencySheet: input.urgencySheet, contacts: input.contacts, updatedAt: now })
      .where(and(eq(dormantFile.patientId, patientId), ne(dormantFile.status, 'closed')))
      .returning();
    if (!r) throw notFound("Ce patient n'a pas de dossier dormant ouvert.");
    await recordAuditEvent(tx, access.actor, ctx, { action: 'patient.dormant_file_updated', objectType: 'patient', objectId: patientId, details: { dormantFileId: r.id } });
    return r;
  });
  return toView(deps.db, row);
}

/** An anticipatory prescription: a kit document filled for this patient, kept as the PDF it produced. */
export async function addDormantDocument(deps: AppDeps, actor: Actor | null, patientId: string, input: z.output<typeof dormantDocumentInputSchema>, ctx: RequestContext): Promise<DormantFile> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const a = access.actor;
  const file = await openFile(deps.db, patientId);
  if (!file) throw notFound("Ce patient n'a pas de dossier dormant ouvert.");
  const filled = await fillTemplate(deps, input.documentId, input.values);
  const pdf = Buffer.from(filled.pdf);
  const now = deps.now();
  const name = await actorName(deps, a);
  await deps.db.transaction(async (tx) => {
    const [d] = await tx
      .insert(dormantFileDocument)
      .values({ dormantFileId: file.id, kitDocumentId: filled.document.documentId, kitVersion: filled.document.version, title: filled.document.title, pdf, sha256: createHash('sha256').update(pdf).digest('hex'), createdBy: a.id, createdAt: now })
      .returning({ id: dormantFileDocument.id });
    await tx.insert(dormantFileEvent).values({ dormantFileId: file.id, patientId, kind: 'document_added', actorId: a.id, actorName: name, at: now });
    await recordAuditEvent(tx, a, ctx, { action: 'patient.dormant_document_added', objectType: 'patient', objectId: patientId, details: { dormantFileId: file.id, documentId: d.id, kitDocumentId: filled.document.documentId } });
  });
  return toView(deps.db, (await openFile(deps.db, patientId))!);
}

export async function readDormantDocument(deps: AppDeps, actor: Actor | null, patientId: string, documentId: string, ctx: RequestContext): Promise<{ title: string; pdf: Buffer }> {
  await readAsCircleMember(deps, actor, patientId, ctx, `dormant_document:${documentId}`);
  const [d] = await deps.db
    .select({ title: dormantFileDocument.title, pdf: dormantFileDocument.pdf })
    .from(dormantFileDocument)
    .innerJoin(dormantFile, eq(dormantFile.id, dormantFileDocument.dormantFileId))
    .where(and(eq(dormantFileDocument.id, documentId), eq(dormantFile.patientId, patientId)));
  if (!d) throw notFound("Ce document n'existe pas dans ce dossier.");
  return { title: d.title, pdf: Buffer.from(d.pdf) };
}

/**
 * The one action of the night: any circle member activates the file, at any hour. Idempotent: the
 * conditional update lets exactly one activation through (a double tap, two people at once), and only
 * that one notifies the HAD's staff and the GP (in-app, then e-mail after commit) and writes the pathway.
 */
export async function activateDormantFile(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext): Promise<{ file: DormantFile; activatedNow: boolean }> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const a = access.actor;
  const now = deps.now();
  const name = await actorName(deps, a);
  const outcome = await deps.db.transaction(async (tx) => {
    const [r] = await tx
      .update(dormantFile)
      .set({ status: 'activated', activatedAt: now, activatedBy: a.id, activatedByName: name, updatedAt: now })
      .where(and(eq(dormantFile.patientId, patientId), eq(dormantFile.status, 'dormant')))
      .returning();
    if (!r) return null;
    await tx.insert(dormantFileEvent).values({ dormantFileId: r.id, patientId, kind: 'activated', actorId: a.id, actorName: name, at: now });
    await recordAuditEvent(tx, a, ctx, { action: 'patient.dormant_file_activated', objectType: 'patient', objectId: patientId, details: { dormantFileId: r.id, structureId: r.structureId } });
    const initials = await patientInitials(tx, patientId);
    const when = now.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' });
    const n = { kind: 'dormant.activated', title: `Dossier dormant HAD activé pour ${initials}`, body: `${name} a activé le dossier dormant (${r.structureName}) le ${when}.`, link: `${patientLink(patientId)}#dormant` };
    const gps = (await gpAndNurses(tx, patientId)).filter((m) => m.circleRole === 'gp').map((m) => m.userId);
    const recipients = new Set([...(await structureStaff(tx, r.structureId)), ...gps]);
    recipients.delete(a.id);
    const notes: NotificationInput[] = [...recipients].map((userId) => ({ ...n, userId }));
    return { row: r, created: await createNotifications(tx, notes, now) };
  });
  if (outcome) {
    await deliverNotificationMails(deps, outcome.created);
    return { file: await toView(deps.db, outcome.row), activatedNow: true };
  }
  const current = await openFile(deps.db, patientId);
  if (!current) throw notFound("Ce patient n'a pas de dossier dormant ouvert.");
  return { file: await toView(deps.db, current), activatedNow: false };
}

/** Closing ends the HAD episode (or a file that is no longer needed); a new one may then be opened. */
export async function closeDormantFile(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext): Promise<DormantFile> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const a = access.actor;
  const now = deps.now();
  const name = await actorName(deps, a);
  const row = await deps.db.transaction(async (tx) => {
    const [r] = await tx
      .update(dormantFile)
      .set({ status: 'closed', closedAt: now, updatedAt: now })
      .where(and(eq(dormantFile.patientId, patientId), ne(dormantFile.status, 'closed')))
      .returning();
    if (!r) throw notFound("Ce patient n'a pas de dossier dormant ouvert.");
    await tx.insert(dormantFileEvent).values({ dormantFileId: r.id, patientId, kind: 'closed', actorId: a.id, actorName: name, at: now });
    await recordAuditEvent(tx, a, ctx, { action: 'patient.dormant_file_closed', objectType: 'patient', objectId: patientId, details: { dormantFileId: r.id } });
    await tx.execute(sql`UPDATE patient SET updated_at = ${now} WHERE id = ${patientId}`);
    return r;
  });
  return toView(deps.db, row);
}
