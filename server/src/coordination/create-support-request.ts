import { and, eq, sql } from 'drizzle-orm';
import { reminderAt, responseDueAt, REQUEST_REASONS, supportRequestInputSchema, type SupportRequest } from '@palliance/core';
import type { z } from 'zod';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import { supportRequest } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, conflict } from '../http/errors';
import { createNotifications, deliverNotificationMails, type NotificationInput } from '../notifications/in-app/notify';
import { initialsOf } from './circle-notify';
import { insertStructureMemberSql, structureJoined } from './manage-circle';
import { assertCircleMember } from './patient-access';
import { buildSupportRequest, toSupportRequest } from './read-support-request';
import { requestLink, structureStaffSql, type RequestRow } from './request-queries';
import { scheduleRequestTimers } from './request-timers';

type Input = z.output<typeof supportRequestInputSchema>;

/** "vendredi 20 novembre 2026 à 09:00" (made once: building a formatter costs more than formatting). */
const DUE_FORMAT = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' });

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

  /** The request stored earlier under this key (a retried POST), or null. */
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

  const now = deps.now();
  const known = await loadSendContext(deps.db, input.structureId, patientId, a.id);
  if (!known.structure || !known.patient) {
    // A retry answers what was stored, even if the structure has left the directory since.
    const earlier = await replay();
    if (earlier) return earlier;
    if (!known.structure) throw badInput('structureId', "Cette structure n'est pas dans l'annuaire.");
    throw badInput('patientId', "Ce dossier patient n'existe plus.");
  }
  const { structure, patient } = known;
  const responseHours = known.responseHours ?? 48;
  const dueAt = responseDueAt(now, responseHours);
  const remindAt = reminderAt(now, dueAt);
  const requesterName = `${known.requesterFirstName ?? ''} ${known.requesterLastName ?? ''}`.trim() || a.email;
  const initials = initialsOf(patient.firstName, patient.lastName);

  // The idempotency key is checked by the insert itself (ON CONFLICT): a retry writes nothing and
  // is answered from what the first POST stored.
  const outcome = await deps.db.transaction(async (tx) => {
    // One statement: the request, its first transition and, only if the request was stored, the
    // structure in the circle (unless it is there already).
    const inserted = (await tx.execute(sql`
      WITH r AS (
        INSERT INTO support_request (patient_id, structure_id, requester_id, structure_name, requester_name, idempotency_key, reason, urgency, body,
          evaluations, status, patient_commune_code, patient_departement, response_hours, sent_at, due_at, reminder_at, updated_at)
        VALUES (${patientId}, ${structure.id}, ${a.id}, ${structure.name}, ${requesterName}, ${input.idempotencyKey}, ${input.reason}, ${input.urgency}, ${input.body},
          ${JSON.stringify(input.evaluations)}::jsonb, 'sent', ${patient.communeCode}, ${patient.departement}, ${responseHours}, ${now}, ${dueAt}, ${remindAt}, ${now})
        ON CONFLICT (requester_id, idempotency_key) DO NOTHING
        RETURNING id),
      t AS (
        INSERT INTO support_request_transition (request_id, from_status, to_status, actor_id, at)
        SELECT id, NULL, 'sent', ${a.id}::uuid, ${now}::timestamptz FROM r),
      m AS (${insertStructureMemberSql(a, patientId, structure, 'support_request', now, sql`r`)} RETURNING id)
      SELECT r.id, EXISTS (SELECT 1 FROM m) AS joined FROM r`)) as unknown as { rows: { id: string; joined: boolean }[] };
    // Stored already (a retry, or a concurrent one that won the race): answered below.
    if (inserted.rows.length === 0) return null;
    const { id, joined } = inserted.rows[0];
    const notes: NotificationInput[] = joined ? await structureJoined(tx, a, ctx, patientId, structure, 'support_request', initials) : [];
    await recordAuditEvent(tx, a, ctx, {
      action: 'support_request.sent',
      objectType: 'patient',
      objectId: patientId,
      details: { requestId: id, structureId: structure.id, reason: input.reason, urgency: input.urgency, evaluations: input.evaluations.length },
    });
    const toStaff = {
      kind: 'request.sent',
      title: `Nouvelle demande d'appui (${REQUEST_REASONS[input.reason]}) pour ${initials}`,
      body: `De ${requesterName}. Réponse attendue avant le ${DUE_FORMAT.format(dueAt)}.`,
      link: requestLink(id),
    };
    for (const userId of known.staff) if (userId !== a.id) notes.push({ userId, ...toStaff });
    return { id, created: await createNotifications(tx, notes, now) };
  });
  if (!outcome) {
    const earlier = await replay();
    if (earlier) return earlier;
    throw conflict("La demande n'a pas pu être enregistrée : réessayez.");
  }
  // Off the answer's path: the request is committed; a timer lost here is caught by the sweep.
  void deliverNotificationMails(deps, outcome.created).then(() => scheduleRequestTimers(deps, { id: outcome.id, reminderAt: remindAt, dueAt }));

  // The answer from what was just written (the same as reading it back: a new request has no
  // message nor file yet, and one transition).
  const row: RequestRow = {
    id: outcome.id,
    patient_id: patientId,
    first_name: patient.firstName,
    last_name: patient.lastName,
    commune_name: patient.communeName,
    structure_id: structure.id,
    structure_name: structure.name,
    requester_id: a.id,
    requester_name: requesterName,
    reason: input.reason,
    urgency: input.urgency,
    body: input.body,
    evaluations: JSON.parse(JSON.stringify(input.evaluations)) as RequestRow['evaluations'],
    status: 'sent',
    decline_reason: null,
    outcome_summary: null,
    patient_departement: patient.departement,
    response_hours: responseHours,
    sent_at: now,
    due_at: dueAt,
    received_at: null,
    first_response_at: null,
    closed_at: null,
    idempotency_key: input.idempotencyKey,
  };
  const history = [{ fromStatus: null, toStatus: 'sent', actorId: a.id, note: '', at: now }];
  return { request: toSupportRequest(a, row, { messages: [], files: [], history }, now), created: true };
}

interface SendContext {
  /** Null when it is not (or no longer) published in the directory. */
  structure: { id: string; name: string } | null;
  responseHours: number | null;
  /** Who works for the structure (structureStaff). */
  staff: string[];
  patient: { firstName: string; lastName: string; communeCode: string; communeName: string; departement: string } | null;
  requesterFirstName: string | null;
  requesterLastName: string | null;
}

/** What sending needs to know, in one query: the structure, its response delay and staff, the patient, the sender's name. */
async function loadSendContext(db: Db, structureId: string, patientId: string, userId: string): Promise<SendContext> {
  const res = (await db.execute(sql`
    SELECT s.id AS structure_id, s.name AS structure_name, s.status AS structure_status,
           (SELECT response_hours FROM coordination_structure_setting WHERE structure_id = ${structureId}) AS response_hours,
           ARRAY(SELECT staff.user_id::text FROM (${structureStaffSql(structureId)}) AS staff) AS staff,
           p.id AS patient_id, p.first_name, p.last_name, p.commune_code, c.nom AS commune_name, c.departement,
           u.first_name AS requester_first_name, u.last_name AS requester_last_name
    FROM (VALUES (1)) AS one (x)
    LEFT JOIN structure s ON s.id = ${structureId}
    LEFT JOIN (patient p JOIN commune c ON c.code = p.commune_code) ON p.id = ${patientId}
    LEFT JOIN app_user u ON u.id = ${userId}`)) as unknown as {
    rows: {
      structure_id: string | null; structure_name: string; structure_status: string; response_hours: number | null; staff: string[];
      patient_id: string | null; first_name: string; last_name: string; commune_code: string; commune_name: string; departement: string;
      requester_first_name: string | null; requester_last_name: string | null;
    }[];
  };
  const r = res.rows[0];
  return {
    structure: r.structure_id && r.structure_status === 'published' ? { id: r.structure_id, name: r.structure_name } : null,
    responseHours: r.response_hours,
    staff: r.staff,
    patient: r.patient_id
      ? { firstName: r.first_name, lastName: r.last_name, communeCode: r.commune_code, communeName: r.commune_name, departement: r.departement }
      : null,
    requesterFirstName: r.requester_first_name,
    requesterLastName: r.requester_last_name,
  };
}
