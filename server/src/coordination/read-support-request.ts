import { asc, eq, sql } from 'drizzle-orm';
import { allowedActions, type SupportRequest, type SupportRequestSummary } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { supportRequestFile, supportRequestMessage, supportRequestTransition } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { AppError, notFound } from '../http/errors';
import { requireActor } from '../http/permissions';
import { actorStructureIds, assertCircleMember, readAsCircleMember, type CircleAccess } from './patient-access';
import { listRequests, loadRequestRow, toRequestSummary, type RequestRow } from './request-queries';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const NOT_FOUND = "Cette demande d'appui n'existe pas ou vous ne faites pas partie du cercle de soins du patient.";

/**
 * A request is patient data: it is reached through its patient's circle (the one access rule).
 * A request id that does not exist is audited like a refused one.
 */
export async function requestAccess(deps: AppDeps, actor: Actor | null, requestId: string, ctx: RequestContext) {
  const a = requireActor(actor);
  const row = await loadRequestRow(deps.db, requestId);
  if (!row) {
    await recordAuditEvent(deps.db, a, ctx, { action: 'support_request.access_denied', objectType: 'support_request', objectId: requestId });
    throw notFound(NOT_FOUND);
  }
  // Same words as for a request that does not exist: the answer must not tell that it does.
  const access = await assertCircleMember(deps, a, row.patient_id, ctx).catch((err: unknown) => {
    throw err instanceof AppError && err.status === 404 ? notFound(NOT_FOUND) : err;
  });
  return { access, row, iAmStructure: actorStructureIds(a).includes(row.structure_id) };
}

export async function buildSupportRequest(deps: AppDeps, access: CircleAccess, requestId: string): Promise<SupportRequest> {
  const row = await loadRequestRow(deps.db, requestId);
  if (!row) throw notFound(NOT_FOUND);
  const [messages, files, history] = await Promise.all([
    deps.db.select().from(supportRequestMessage).where(eq(supportRequestMessage.requestId, requestId)).orderBy(asc(supportRequestMessage.createdAt)),
    deps.db.select().from(supportRequestFile).where(eq(supportRequestFile.requestId, requestId)).orderBy(asc(supportRequestFile.uploadedAt)),
    deps.db.select().from(supportRequestTransition).where(eq(supportRequestTransition.requestId, requestId)).orderBy(asc(supportRequestTransition.id)),
  ]);
  return toSupportRequest(access.actor, row, { messages, files, history }, deps.now());
}

type MessageRow = typeof supportRequestMessage.$inferSelect;
type FileRow = typeof supportRequestFile.$inferSelect;
type TransitionRow = Pick<typeof supportRequestTransition.$inferSelect, 'fromStatus' | 'toStatus' | 'actorId' | 'note' | 'at'>;

/** The answer for a request, as `actor` sees it, from its row, thread, files and history. */
export function toSupportRequest(
  actor: Actor,
  row: RequestRow,
  { messages, files, history }: { messages: MessageRow[]; files: FileRow[]; history: TransitionRow[] },
  now: Date,
): SupportRequest {
  const requestId = row.id;
  const iAmStructure = actorStructureIds(actor).includes(row.structure_id);
  return {
    ...toRequestSummary(row, now),
    body: row.body,
    evaluations: row.evaluations,
    declineReason: row.decline_reason,
    outcomeSummary: row.outcome_summary,
    responseHours: row.response_hours,
    receivedAt: iso(row.received_at),
    closedAt: iso(row.closed_at),
    actions: iAmStructure ? allowedActions(row.status) : [],
    iAmStructure,
    messages: messages.map((m) => ({ id: m.id, authorId: m.authorId, authorName: m.authorName, fromStructure: m.fromStructure, body: m.body, createdAt: m.createdAt.toISOString() })),
    files: files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
      uploadedAt: f.uploadedAt.toISOString(),
      url: `/api/v1/requests/${requestId}/files/${f.id}`,
    })),
    history: history.map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, actorId: h.actorId, note: h.note, at: h.at.toISOString() })),
  };
}

/**
 * Opens a request. When someone of the receiving structure opens a request still "sent", it
 * becomes "received": the requester sees that it reached the team (this is not yet the first response).
 */
export async function readSupportRequest(deps: AppDeps, actor: Actor | null, requestId: string, ctx: RequestContext): Promise<SupportRequest> {
  const { access, row, iAmStructure } = await requestAccess(deps, actor, requestId, ctx);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await recordAuditEvent(tx, access.actor, ctx, { action: 'patient.read', objectType: 'patient', objectId: row.patient_id, details: { what: 'request', requestId } });
    if (iAmStructure && row.status === 'sent') {
      const moved = (await tx.execute(sql`
        UPDATE support_request SET status = 'received', received_at = ${now}, updated_at = ${now} WHERE id = ${requestId} AND status = 'sent' RETURNING id`)) as unknown as {
        rows: unknown[];
      };
      if (moved.rows.length) {
        await tx.insert(supportRequestTransition).values({ requestId, fromStatus: 'sent', toStatus: 'received', actorId: access.actor.id, note: 'Ouverte par la structure', at: now });
      }
    }
  });
  return buildSupportRequest(deps, access, requestId);
}

export async function listPatientRequests(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext): Promise<SupportRequestSummary[]> {
  await readAsCircleMember(deps, actor, patientId, ctx, 'requests');
  const rows = await listRequests(deps.db, sql`r.patient_id = ${patientId}`, sql`r.sent_at DESC, r.id DESC`, 200);
  return rows.map((r) => toRequestSummary(r, deps.now()));
}

/** The requests the signed-in professional sent (still in the circle of the patient). */
export async function listMyRequests(deps: AppDeps, actor: Actor | null, ctx: RequestContext): Promise<SupportRequestSummary[]> {
  const a = requireActor(actor);
  const rows = await listRequests(
    deps.db,
    sql`r.requester_id = ${a.id} AND EXISTS (SELECT 1 FROM care_circle_member m WHERE m.patient_id = r.patient_id AND m.user_id = ${a.id} AND m.removed_at IS NULL)`,
    sql`r.sent_at DESC, r.id DESC`,
    200,
  );
  await recordAuditEvent(deps.db, a, ctx, { action: 'support_request.list_read', objectType: 'user', objectId: a.id, details: { count: rows.length } });
  return rows.map((r) => toRequestSummary(r, deps.now()));
}
