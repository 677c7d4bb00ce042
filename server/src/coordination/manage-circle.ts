import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { CircleMemberInput, PatientFile } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { findUserByEmail } from '../accounts/queries';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import { careCircleMember } from '../db/schema';
import { getStructure } from '../directory/queries';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, conflict, notFound } from '../http/errors';
import { createNotifications, deliverNotificationMails, type NotificationInput } from '../notifications/in-app/notify';
import { patientInitials, patientLink, toGpAndNurses } from './circle-notify';
import { assertCircleMember } from './patient-access';
import { buildPatientFile } from './patient-file';

/**
 * Puts a structure in the circle (its members and managers then see the file) unless it is there
 * already, and tells the GP and nurses of the circle: a structure arriving never bypasses them.
 * Returns the notifications to deliver after commit (none when the structure was already there).
 */
export async function joinStructureToCircle(
  tx: Db,
  by: Pick<Actor, 'id' | 'email'>,
  ctx: RequestContext | null,
  patientId: string,
  s: { id: string; name: string },
  through: 'added' | 'support_request',
  now: Date,
): Promise<{ joined: boolean; notifications: NotificationInput[] }> {
  const inserted = (await tx.execute(sql`${insertStructureMemberSql(by, patientId, s, through, now, sql`(VALUES (1))`)} RETURNING id`)) as unknown as {
    rows: { id: string }[];
  };
  if (inserted.rows.length === 0) return { joined: false, notifications: [] };
  return { joined: true, notifications: await structureJoined(tx, by, ctx, patientId, s, through) };
}

/**
 * The INSERT of joinStructureToCircle (nothing when the structure is in the circle already), one
 * row per row of `from`: a write that adds the structure in the same statement (a CTE, e.g. only
 * when its own insert happened) then calls structureJoined when it did.
 */
export const insertStructureMemberSql = (by: Pick<Actor, 'id'>, patientId: string, s: { id: string }, through: 'added' | 'support_request', now: Date, from: SQL) => sql`
    INSERT INTO care_circle_member (patient_id, kind, circle_role, structure_id, joined_through, added_by, added_at)
    SELECT ${patientId}::uuid, 'structure', 'structure', ${s.id}::uuid, ${through}::text, ${by.id}::uuid, ${now}::timestamptz FROM ${from} AS joining
    ON CONFLICT (patient_id, structure_id) WHERE structure_id IS NOT NULL AND removed_at IS NULL DO NOTHING`;

/** Once a structure joined the circle: the audit event, and the notifications for the GP and nurses. */
export async function structureJoined(
  tx: Db,
  by: Pick<Actor, 'id' | 'email'>,
  ctx: RequestContext | null,
  patientId: string,
  s: { id: string; name: string },
  through: 'added' | 'support_request',
  /** The patient's initials when the caller has them already (saves a query). */
  knownInitials?: string,
): Promise<NotificationInput[]> {
  await recordAuditEvent(tx, by, ctx, { action: 'patient.circle_added', objectType: 'patient', objectId: patientId, details: { kind: 'structure', structureId: s.id, through } });
  return toGpAndNurses(tx, patientId, by.id, {
    kind: 'circle.structure_joined',
    title: `${s.name} a rejoint le cercle de soins de ${knownInitials ?? (await patientInitials(tx, patientId))}`,
    body: through === 'support_request' ? "La structure a reçu une demande d'appui pour ce patient." : '',
    link: patientLink(patientId),
  });
}

export async function addCircleMember(deps: AppDeps, actor: Actor | null, patientId: string, input: CircleMemberInput, ctx: RequestContext): Promise<PatientFile> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const a = access.actor;
  const now = deps.now();
  let structure: { id: string; name: string } | undefined;
  let user: { id: string } | undefined;
  if (input.kind === 'structure') {
    const s = await getStructure(deps.db, input.structureId, now);
    if (!s || s.status !== 'published') throw badInput('structureId', "Cette structure n'est pas dans l'annuaire.");
    structure = { id: s.id, name: s.name };
  } else if (input.kind === 'professional') {
    user = await findUserByEmail(deps.db, input.email);
    if (!user) throw badInput('email', "Aucun compte Palliance n'utilise cette adresse : invitez ce professionnel à créer son compte.");
  }
  const created = await deps.db.transaction(async (tx) => {
    const notes: NotificationInput[] = [];
    if (structure) {
      const r = await joinStructureToCircle(tx, a, ctx, patientId, structure, 'added', now);
      if (!r.joined) throw conflict('Cette structure fait déjà partie du cercle de soins.', 'structureId');
      notes.push(...r.notifications);
    } else if (user && input.kind === 'professional') {
      const [already] = await tx
        .select({ id: careCircleMember.id })
        .from(careCircleMember)
        .where(and(eq(careCircleMember.patientId, patientId), eq(careCircleMember.userId, user.id), isNull(careCircleMember.removedAt)));
      if (already) throw conflict('Ce professionnel fait déjà partie du cercle de soins.', 'email');
      await tx.insert(careCircleMember).values({ patientId, kind: 'professional', circleRole: input.circleRole, userId: user.id, addedBy: a.id, addedAt: now });
      await recordAuditEvent(tx, a, ctx, { action: 'patient.circle_added', objectType: 'patient', objectId: patientId, details: { kind: 'professional', userId: user.id, circleRole: input.circleRole } });
      const initials = await patientInitials(tx, patientId);
      if (user.id !== a.id) notes.push({ userId: user.id, kind: 'circle.added', title: `Vous avez été ajouté(e) au cercle de soins de ${initials}`, link: patientLink(patientId) });
    } else if (input.kind === 'caregiver') {
      // A caregiver is a contact for the team, never an access to the file.
      const [row] = await tx
        .insert(careCircleMember)
        .values({ patientId, kind: 'caregiver', circleRole: 'caregiver', displayName: input.displayName, relationship: input.relationship, phone: input.phone, email: input.email, addedBy: a.id, addedAt: now })
        .returning({ id: careCircleMember.id });
      await recordAuditEvent(tx, a, ctx, { action: 'patient.circle_added', objectType: 'patient', objectId: patientId, details: { kind: 'caregiver', memberId: row.id } });
    }
    return createNotifications(tx, notes, now);
  });
  await deliverNotificationMails(deps, created);
  return buildPatientFile(deps.db, access, now);
}

export async function removeCircleMember(deps: AppDeps, actor: Actor | null, patientId: string, memberId: string, ctx: RequestContext): Promise<PatientFile> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(careCircleMember)
      .set({ removedAt: now })
      .where(and(eq(careCircleMember.id, memberId), eq(careCircleMember.patientId, patientId), isNull(careCircleMember.removedAt)))
      .returning();
    if (!row) throw notFound("Ce membre ne fait pas partie du cercle de soins.");
    await recordAuditEvent(tx, access.actor, ctx, {
      action: 'patient.circle_removed',
      objectType: 'patient',
      objectId: patientId,
      details: { memberId, kind: row.kind, userId: row.userId, structureId: row.structureId },
    });
  });
  // Someone who removed themselves no longer sees the file.
  const still = await assertCircleMember(deps, access.actor, patientId, ctx).catch(() => null);
  if (!still) throw notFound('Vous ne faites plus partie de ce cercle de soins.');
  return buildPatientFile(deps.db, still, now);
}
