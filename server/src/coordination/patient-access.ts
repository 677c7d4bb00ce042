import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import type { Actor, RequestContext } from '../http/actor';
import { notFound } from '../http/errors';
import { requireActor } from '../http/permissions';

/** How the actor belongs to the circle: in person, through structures they work for, or both. */
export interface CircleAccess {
  actor: Actor;
  patientId: string;
  /** The actor's own roles in the circle (gp, nurse, ...). */
  personalRoles: string[];
  /** The circle's structures the actor is a member or manager of. */
  viaStructures: string[];
}

/** Structures whose members see the files of patients the structure is in the circle of. */
export const actorStructureIds = (actor: Actor): string[] =>
  actor.roles.filter((g) => (g.role === 'structure_member' || g.role === 'structure_manager') && g.scope).map((g) => g.scope!);

export async function findCircleAccess(db: Db, actor: Actor, patientId: string): Promise<CircleAccess | null> {
  const structures = actorStructureIds(actor);
  const res = (await db.execute(sql`
    SELECT circle_role, user_id, structure_id FROM care_circle_member
    WHERE patient_id = ${patientId} AND removed_at IS NULL
      AND (user_id = ${actor.id} OR structure_id = ANY (${`{${structures.join(',')}}`}::uuid[]))`)) as unknown as {
    rows: { circle_role: string; user_id: string | null; structure_id: string | null }[];
  };
  if (res.rows.length === 0) return null;
  return {
    actor,
    patientId,
    personalRoles: res.rows.filter((r) => r.user_id === actor.id).map((r) => r.circle_role),
    viaStructures: res.rows.filter((r) => r.structure_id).map((r) => r.structure_id!),
  };
}

/**
 * THE access rule of patient data: only the members of the patient's care circle (in person, or as
 * member/manager of a structure of the circle) get in. Anyone else — an admin included — gets the
 * same 404 as for a patient that does not exist, and the attempt is audited. Call it before opening
 * a write transaction (the denial is recorded on its own, outside any transaction that would roll it back).
 */
export async function assertCircleMember(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext | null = null): Promise<CircleAccess> {
  const a = requireActor(actor);
  const access = await findCircleAccess(deps.db, a, patientId);
  if (!access) {
    await recordAuditEvent(deps.db, a, ctx, { action: 'patient.access_denied', objectType: 'patient', objectId: patientId });
    throw notFound("Ce dossier patient n'existe pas ou vous ne faites pas partie de son cercle de soins.");
  }
  return access;
}

/** A read of patient data by a circle member: checked, then written to the access log. */
export async function readAsCircleMember(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext, what: string): Promise<CircleAccess> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  await recordAuditEvent(deps.db, access.actor, ctx, { action: 'patient.read', objectType: 'patient', objectId: patientId, details: { what } });
  return access;
}
