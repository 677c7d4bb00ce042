import { sql } from 'drizzle-orm';
import { REQUEST_STATUSES, transition, type RequestAction, type SupportRequest } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { findUserById } from '../accounts/queries';
import { recordAuditEvent } from '../audit/record-audit-event';
import { supportRequestMessage, supportRequestTransition } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { AppError, badInput, conflict, forbidden } from '../http/errors';
import { createNotifications, deliverNotificationMails, type NotificationInput } from '../notifications/in-app/notify';
import { buildSupportRequest, requestAccess } from './read-support-request';
import { circleGps, requestLink, structureStaff } from './request-queries';

const STAMP: Record<RequestAction, string> = {
  receive: 'received_at',
  accept: 'decided_at',
  decline: 'decided_at',
  start: 'started_at',
  close: 'closed_at',
};

/**
 * A status change by the receiving structure's staff, checked by the state machine of core. The
 * first decision records the first-response time; a decline tells the requester why; the closing
 * outcome summary goes to the requester and to the GP.
 */
export async function changeRequestStatus(
  deps: AppDeps,
  actor: Actor | null,
  requestId: string,
  input: { action: RequestAction; reason?: string; outcome?: string },
  ctx: RequestContext,
): Promise<SupportRequest> {
  const { access, row, iAmStructure } = await requestAccess(deps, actor, requestId, ctx);
  if (!iAmStructure) throw forbidden(`Seule l'équipe de ${row.structure_name} fait avancer cette demande.`);
  const verdict = transition(row.status, input.action, { reason: input.reason, outcome: input.outcome });
  if (!verdict.ok) {
    if (verdict.reason === 'reason_required') throw badInput('reason', 'Indiquez pourquoi la demande est déclinée : le demandeur le lira.');
    if (verdict.reason === 'outcome_required') throw badInput('outcome', 'Rédigez le compte rendu de clôture : il est envoyé au demandeur et au médecin traitant.');
    throw new AppError(409, 'invalid_transition', `Une demande « ${REQUEST_STATUSES[row.status]} » ne peut pas être ainsi modifiée.`, 'action');
  }
  const now = deps.now();
  const a = access.actor;
  const created = await deps.db.transaction(async (tx) => {
    const moved = (await tx.execute(sql`
      UPDATE support_request SET
        status = ${verdict.to},
        ${sql.raw(STAMP[input.action])} = ${now},
        first_response_at = ${verdict.isFirstResponse ? sql`coalesce(first_response_at, ${now})` : sql`first_response_at`},
        decline_reason = ${input.action === 'decline' ? input.reason!.trim() : sql`decline_reason`},
        outcome_summary = ${input.action === 'close' ? input.outcome!.trim() : sql`outcome_summary`},
        updated_at = ${now}
      WHERE id = ${requestId} AND status = ${row.status}
      RETURNING id`)) as unknown as { rows: unknown[] };
    // Someone else moved it first: their change stands.
    if (moved.rows.length === 0) throw conflict('La demande vient d’être modifiée par un autre membre de l’équipe : rechargez la page.', 'action');
    const note = input.action === 'decline' ? input.reason!.trim() : input.action === 'close' ? 'Compte rendu de clôture' : '';
    await tx.insert(supportRequestTransition).values({ requestId, fromStatus: row.status, toStatus: verdict.to, actorId: a.id, note, at: now });
    await recordAuditEvent(tx, a, ctx, {
      action: 'support_request.status_changed',
      objectType: 'patient',
      objectId: row.patient_id,
      details: { requestId, from: row.status, to: verdict.to, firstResponse: verdict.isFirstResponse },
    });
    const notes: NotificationInput[] = [];
    const link = requestLink(requestId);
    const tell = (userIds: (string | null)[], title: string, body = '') => {
      for (const userId of userIds) if (userId && userId !== a.id) notes.push({ userId, kind: `request.${verdict.to}`, title, body, link });
    };
    if (input.action === 'accept') tell([row.requester_id], `${row.structure_name} a accepté votre demande d'appui`);
    if (input.action === 'decline') tell([row.requester_id], `${row.structure_name} a décliné votre demande d'appui`, 'Le motif est indiqué dans la demande.');
    if (input.action === 'start') tell([row.requester_id], `${row.structure_name} a démarré la prise en charge de votre demande`);
    if (input.action === 'close') {
      tell([row.requester_id, ...(await circleGps(tx, row.patient_id))], `Demande d'appui clôturée par ${row.structure_name} : compte rendu disponible`);
    }
    return createNotifications(tx, notes, now);
  });
  await deliverNotificationMails(deps, created);
  return buildSupportRequest(deps, access, requestId);
}

/**
 * A message in the request's thread, from any member of the circle. A first message from the
 * structure counts as its first response (the clock stops).
 */
export async function postRequestMessage(deps: AppDeps, actor: Actor | null, requestId: string, body: string, ctx: RequestContext): Promise<SupportRequest> {
  const { access, row, iAmStructure } = await requestAccess(deps, actor, requestId, ctx);
  const a = access.actor;
  const now = deps.now();
  const me = await findUserById(deps.db, a.id);
  const authorName = `${me?.firstName ?? ''} ${me?.lastName ?? ''}`.trim() + (iAmStructure ? ` (${row.structure_name})` : '');
  const created = await deps.db.transaction(async (tx) => {
    await tx.insert(supportRequestMessage).values({ requestId, authorId: a.id, authorName, fromStructure: iAmStructure, body, createdAt: now });
    if (iAmStructure) {
      await tx.execute(sql`UPDATE support_request SET first_response_at = coalesce(first_response_at, ${now}), updated_at = ${now} WHERE id = ${requestId}`);
    }
    await recordAuditEvent(tx, a, ctx, { action: 'support_request.message', objectType: 'patient', objectId: row.patient_id, details: { requestId, fromStructure: iAmStructure } });
    const recipients = iAmStructure ? [row.requester_id] : await structureStaff(tx, row.structure_id);
    const notes: NotificationInput[] = recipients
      .filter((u): u is string => !!u && u !== a.id)
      .map((userId) => ({ userId, kind: 'request.message', title: `Nouveau message sur la demande d'appui (${row.structure_name})`, body: `De ${authorName}.`, link: requestLink(requestId) }));
    return createNotifications(tx, notes, now);
  });
  await deliverNotificationMails(deps, created);
  return buildSupportRequest(deps, access, requestId);
}
