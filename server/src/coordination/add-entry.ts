import { sql } from 'drizzle-orm';
import type { PatientEntry } from '@palliance/core';
import type { EntryKind } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { findUserById } from '../accounts/queries';
import { recordAuditEvent } from '../audit/record-audit-event';
import { patientEntry } from '../db/schema';
import { getStructure } from '../directory/queries';
import type { Actor, RequestContext } from '../http/actor';
import { createNotifications, deliverNotificationMails } from '../notifications/in-app/notify';
import { patientInitials, patientLink, toGpAndNurses } from './circle-notify';
import { assertCircleMember } from './patient-access';

/**
 * Appends a shared note, a liaison-notebook entry or a treatment-plan change (never edited, never
 * deleted). A treatment-plan change is announced to the GP and nurses of the circle: a structure
 * does not change a treatment without the GP knowing.
 */
export async function addEntry(deps: AppDeps, actor: Actor | null, patientId: string, input: { kind: EntryKind; body: string }, ctx: RequestContext): Promise<PatientEntry> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const a = access.actor;
  const now = deps.now();
  const me = await findUserById(deps.db, a.id);
  // Someone who is in the circle only through a structure writes on its behalf.
  const structureId = access.personalRoles.length === 0 ? (access.viaStructures[0] ?? null) : null;
  const structureName = structureId ? (await getStructure(deps.db, structureId, now))?.name : undefined;
  const authorName = `${me?.firstName ?? ''} ${me?.lastName ?? ''}`.trim() + (structureName ? ` (${structureName})` : '');
  const { entry, created } = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(patientEntry)
      .values({ patientId, kind: input.kind, body: input.body, authorId: a.id, authorName, structureId, createdAt: now })
      .returning();
    await tx.execute(sql`UPDATE patient SET updated_at = ${now} WHERE id = ${patientId}`);
    await recordAuditEvent(tx, a, ctx, { action: 'patient.entry_added', objectType: 'patient', objectId: patientId, details: { entryId: row.id, kind: input.kind } });
    const notes =
      input.kind === 'treatment_plan'
        ? await toGpAndNurses(tx, patientId, a.id, {
            kind: 'circle.treatment_plan_changed',
            title: `Plan de traitement modifié pour ${await patientInitials(tx, patientId)}`,
            body: `${authorName} a noté un changement du plan de traitement (le détail est dans le dossier).`,
            link: `${patientLink(patientId)}#notes`,
          })
        : [];
    return { entry: row, created: await createNotifications(tx, notes, now) };
  });
  await deliverNotificationMails(deps, created);
  return {
    id: entry.id,
    kind: entry.kind as EntryKind,
    body: entry.body,
    authorId: entry.authorId,
    authorName: entry.authorName,
    structureId: entry.structureId,
    createdAt: entry.createdAt.toISOString(),
  };
}
