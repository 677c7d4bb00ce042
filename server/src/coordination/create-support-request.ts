import { and, eq } from 'drizzle-orm';
import { reminderAt, responseDueAt, REQUEST_REASONS, supportRequestInputSchema, type SupportRequest } from '@palliance/core';
import type { z } from 'zod';
import type { AppDeps } from '../app-types';
import { findUserById } from '../accounts/queries';
import { recordAuditEvent } from '../audit/record-audit-event';
import { supportRequest, supportRequestTransition } from '../db/schema';
import { getStructure } from '../directory/queries';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, conflict } from '../http/errors';
import { createNotifications, deliverNotificationMails, type NotificationInput } from '../notifications/in-app/notify';
import { patientInitials } from './circle-notify';
import { joinStructureToCircle } from './manage-circle';
import { assertCircleMember } from './patient-access';
import { loadPatientRow } from './patient-file';
import { buildSupportRequest } from './read-support-request';
import { requestLink, responseHoursOf, structureStaff } from './request-queries';
import { scheduleRequestTimers } from './request-timers';

type Input = z.output<typeof supportRequestInputSchema>;

/**
 * Sends a support request about a patient to a structure. The client's idempotency key makes a
 * retried POST answer the request already stored (created: false). On sending, the structure joins
 * the patient's care circle (see README "Coordonner": its team must read the file to answer), the
 * GP and nurses hear that it joined, its staff get the request in their inbox, and the reminder and
 * escalation timers are set after commit.
 */
export async function createSupportRequest(
  deps: AppDeps,
  actor: Actor | null,
  patientId: string,
  input: Input,
  ctx: RequestContext,
): Promise<{ request: SupportRequest; created: boolean }> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const a = access.actor;

  const replay = async () => {
    const [existing] = await deps.db
      .select({ id: supportRequest.id, patientId: supportRequest.patientId, structureId: supportRequest.structureId })
      .from(supportRequest)
      .where(and(eq(supportRequest.requesterId, a.id), eq(supportRequest.idempotencyKey, input.idempotencyKey)));
    if (!existing) return null;
    if (existing.patientId !== patientId || existing.structureId !== input.structureId) {
      throw conflict("Cette clé d'idempotence a déjà servi pour une autre demande : le client doit en tirer une nouvelle.", 'idempotencyKey');
    }
    return { request: await buildSupportRequest(deps, access, existing.id), created: false };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const now = deps.now();
  const [structure, patient, me, configuredHours] = await Promise.all([
    getStructure(deps.db, input.structureId, now),
    loadPatientRow(deps.db, patientId),
    findUserById(deps.db, a.id),
    responseHoursOf(deps.db, input.structureId),
  ]);
  if (!structure || structure.status !== 'published') throw badInput('structureId', "Cette structure n'est pas dans l'annuaire.");
  if (!patient) throw badInput('patientId', "Ce dossier patient n'existe plus.");
  const responseHours = configuredHours ?? 48;
  const dueAt = responseDueAt(now, responseHours);
  const remindAt = reminderAt(now, dueAt);
  const requesterName = `${me?.firstName ?? ''} ${me?.lastName ?? ''}`.trim() || a.email;

  const outcome = await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(supportRequest)
      .values({
        patientId,
        structureId: structure.id,
        requesterId: a.id,
        structureName: structure.name,
        requesterName,
        idempotencyKey: input.idempotencyKey,
        reason: input.reason,
        urgency: input.urgency,
        body: input.body,
        evaluations: input.evaluations,
        status: 'sent',
        patientCommuneCode: patient.commune_code,
        patientDepartement: patient.departement,
        responseHours,
        sentAt: now,
        dueAt,
        reminderAt: remindAt,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [supportRequest.requesterId, supportRequest.idempotencyKey] })
      .returning({ id: supportRequest.id });
    // A concurrent retry won the race: answer what it stored.
    if (inserted.length === 0) return null;
    const id = inserted[0].id;
    await tx.insert(supportRequestTransition).values({ requestId: id, fromStatus: null, toStatus: 'sent', actorId: a.id, at: now });
    const joined = await joinStructureToCircle(tx, a, ctx, patientId, { id: structure.id, name: structure.name }, 'support_request', now);
    await recordAuditEvent(tx, a, ctx, {
      action: 'support_request.sent',
      objectType: 'patient',
      objectId: patientId,
      details: { requestId: id, structureId: structure.id, reason: input.reason, urgency: input.urgency, evaluations: input.evaluations.length },
    });
    const initials = await patientInitials(tx, patientId);
    const notes: NotificationInput[] = [...joined.notifications];
    for (const userId of await structureStaff(tx, structure.id)) {
      if (userId === a.id) continue;
      notes.push({
        userId,
        kind: 'request.sent',
        title: `Nouvelle demande d'appui (${REQUEST_REASONS[input.reason]}) pour ${initials}`,
        body: `De ${requesterName}. Réponse attendue avant le ${dueAt.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' })}.`,
        link: requestLink(id),
      });
    }
    return { id, created: await createNotifications(tx, notes, now) };
  });
  if (!outcome) {
    const raced = await replay();
    if (raced) return raced;
    throw conflict("La demande n'a pas pu être enregistrée : réessayez.");
  }
  // Off the answer's path: the request is committed; a timer lost here is caught by the sweep.
  void deliverNotificationMails(deps, outcome.created).then(() => scheduleRequestTimers(deps, { id: outcome.id, reminderAt: remindAt, dueAt }));
  return { request: await buildSupportRequest(deps, { ...access, viaStructures: access.viaStructures }, outcome.id), created: true };
}
