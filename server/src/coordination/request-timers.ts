import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { createNotifications, deliverNotificationMails, type NotificationInput } from '../notifications/in-app/notify';
import type { JobQueue } from '../queue/job-queue';
import { requestLink, structureStaff, territoryCoordinators } from './request-queries';

export const TIMER_JOB = 'support-request-timer';
export const SWEEP_JOB = 'support-request-timer-sweep';

const queues = new WeakMap<AppDeps, JobQueue>();
export const rememberQueue = (deps: AppDeps, queue: JobQueue) => queues.set(deps, queue);

const frTime = (d: Date) =>
  new Date(d).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

/**
 * After a request is committed: one delayed job at the reminder time and one at the due time.
 * A lost job (the process died between commit and here) is caught by the sweep every five minutes;
 * the flags on the request make each of them act once whatever runs first.
 */
export async function scheduleRequestTimers(deps: AppDeps, r: { id: string; reminderAt: Date; dueAt: Date }): Promise<void> {
  const queue = queues.get(deps);
  if (!queue) return;
  try {
    await queue.sendMany([
      { name: TIMER_JOB, data: { requestId: r.id }, startAfter: r.reminderAt, singletonKey: `reminder:${r.id}` },
      { name: TIMER_JOB, data: { requestId: r.id }, startAfter: r.dueAt, singletonKey: `escalation:${r.id}` },
    ]);
  } catch (err) {
    console.error('[demandes d’appui] programmation des relances', (err as Error).message);
  }
}

/**
 * Sends the reminders and escalations that are due (for one request, or all of them): the reminder
 * to the structure's managers 12 h before the due time, the escalation to the territory coordinators
 * of the patient's department once it has passed, each only while the request is unanswered and
 * only once (the UPDATE that sets the flag is the lock).
 */
export async function fireDueTimers(deps: AppDeps, requestId?: string): Promise<{ reminders: number; escalations: number }> {
  const now = deps.now();
  const only = requestId ? sql`AND id = ${requestId}` : sql``;
  const { created, reminders, escalations } = await deps.db.transaction(async (tx) => {
    const notes: NotificationInput[] = [];
    const reminded = (await tx.execute(sql`
      UPDATE support_request SET reminder_sent_at = ${now}
      WHERE first_response_at IS NULL AND reminder_sent_at IS NULL AND reminder_at <= ${now} AND status IN ('sent', 'received') ${only}
      RETURNING id, patient_id, structure_id, structure_name, due_at`)) as unknown as {
      rows: { id: string; patient_id: string; structure_id: string; structure_name: string; due_at: Date }[];
    };
    for (const r of reminded.rows) {
      let staff = await structureStaff(tx, r.structure_id, true);
      if (staff.length === 0) staff = await structureStaff(tx, r.structure_id);
      for (const userId of staff) {
        notes.push({
          userId,
          kind: 'request.reminder',
          title: `Demande d'appui sans réponse : échéance le ${frTime(r.due_at)}`,
          body: `Une demande adressée à ${r.structure_name} attend toujours une réponse.`,
          link: requestLink(r.id),
        });
      }
      await recordAuditEvent(tx, null, null, { action: 'support_request.reminder_sent', objectType: 'support_request', objectId: r.id, details: { recipients: staff.length } });
    }
    const escalated = (await tx.execute(sql`
      UPDATE support_request SET escalated_at = ${now}
      WHERE first_response_at IS NULL AND escalated_at IS NULL AND due_at <= ${now} AND status IN ('sent', 'received') ${only}
      RETURNING id, patient_id, structure_id, structure_name, due_at, patient_departement`)) as unknown as {
      rows: { id: string; patient_id: string; structure_id: string; structure_name: string; due_at: Date; patient_departement: string }[];
    };
    for (const r of escalated.rows) {
      const coordinators = await territoryCoordinators(tx, r.patient_departement);
      for (const userId of coordinators) {
        notes.push({
          userId,
          kind: 'request.escalated',
          title: `Demande d'appui sans réponse après l'échéance (${r.structure_name})`,
          body: `Échéance dépassée depuis le ${frTime(r.due_at)}. Département ${r.patient_departement}.`,
          link: requestLink(r.id),
        });
      }
      await recordAuditEvent(tx, null, null, {
        action: 'support_request.escalated',
        objectType: 'support_request',
        objectId: r.id,
        details: { departement: r.patient_departement, recipients: coordinators.length },
      });
    }
    return { created: await createNotifications(tx, notes, now), reminders: reminded.rows.length, escalations: escalated.rows.length };
  });
  await deliverNotificationMails(deps, created);
  return { reminders, escalations };
}
