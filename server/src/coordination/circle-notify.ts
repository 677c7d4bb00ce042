import { sql } from 'drizzle-orm';
import { isToldOfPlanChanges } from '@palliance/core';
import type { Db } from '../db/client';
import type { NotificationInput } from '../notifications/in-app/notify';

export const patientLink = (patientId: string) => `/coordination/patients/${patientId}`;

/** The GP and nurse(s) of the circle, in person (structures' staff are told through their inbox). */
export async function gpAndNurses(tx: Db, patientId: string): Promise<{ userId: string; circleRole: string }[]> {
  const res = (await tx.execute(sql`
    SELECT user_id, circle_role FROM care_circle_member
    WHERE patient_id = ${patientId} AND removed_at IS NULL AND user_id IS NOT NULL`)) as unknown as { rows: { user_id: string; circle_role: string }[] };
  return res.rows.filter((r) => isToldOfPlanChanges(r.circle_role)).map((r) => ({ userId: r.user_id, circleRole: r.circle_role }));
}

/** Notifications for the GP and nurses of the circle, except the person who made the change. */
export async function toGpAndNurses(tx: Db, patientId: string, exceptUserId: string | null, n: Omit<NotificationInput, 'userId'>): Promise<NotificationInput[]> {
  return (await gpAndNurses(tx, patientId)).filter((m) => m.userId !== exceptUserId).map((m) => ({ ...n, userId: m.userId }));
}

/**
 * Notifications (and their e-mails) name the patient by initials only: health data does not travel
 * by e-mail; the link leads to the file, behind the circle check.
 */
export async function patientInitials(tx: Db, patientId: string): Promise<string> {
  const res = (await tx.execute(sql`SELECT first_name, last_name FROM patient WHERE id = ${patientId}`)) as unknown as { rows: { first_name: string; last_name: string }[] };
  const p = res.rows[0];
  return p ? initialsOf(p.first_name, p.last_name) : '?';
}

export const initialsOf = (firstName: string, lastName: string) => `${firstName.charAt(0).toUpperCase()}. ${lastName.charAt(0).toUpperCase()}.`;
