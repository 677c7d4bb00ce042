import { eq, sql } from 'drizzle-orm';
import { CIRCLE_ROLES, type RcpOwnerCandidate } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { rcpCase } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { notFound } from '../../http/errors';
import { can, requireActor } from '../../http/permissions';
import { findCircleAccess } from '../patient-access';
import { loadCircle } from '../patient-file';
import { loadSeries, type SeriesRow } from './series-view';

type CaseRow = typeof rcpCase.$inferSelect;

/**
 * A case as the people who may write its report reach it: a member of the patient's circle or an
 * organiser of the meeting. Anyone else gets the 404 of a case that does not exist, audited on the patient.
 */
export async function caseForReport(deps: AppDeps, actor: Actor | null, caseId: string, ctx: RequestContext): Promise<{ a: Actor; c: CaseRow; s: SeriesRow }> {
  const a = requireActor(actor);
  const [c] = await deps.db.select().from(rcpCase).where(eq(rcpCase.id, caseId));
  if (!c) throw notFound("Ce cas n'existe pas.");
  const s = await loadSeries(deps.db, c.seriesId);
  const member = await findCircleAccess(deps.db, a, c.patientId);
  if (!member && !can(a, 'rcp.organise', { departement: s.departement })) {
    await recordAuditEvent(deps.db, a, ctx, { action: 'patient.access_denied', objectType: 'patient', objectId: c.patientId, details: { rcpCase: caseId } });
    throw notFound("Ce cas n'existe pas.");
  }
  return { a, c, s };
}

/**
 * Who may own an action decided on a case: the professionals of the patient's care circle (in person,
 * or the staff of a structure of the circle) and the participants registered to the meeting. An owner
 * must be able to act on the patient, or have heard the case discussed.
 */
export async function ownerCandidates(db: Db, c: Pick<CaseRow, 'patientId' | 'seriesId' | 'meetingAt'>, now: Date): Promise<RcpOwnerCandidate[]> {
  const reasons = new Map<string, string[]>();
  const add = (userId: string, reason: string) => reasons.set(userId, [...(reasons.get(userId) ?? []), reason]);
  const circle = await loadCircle(db, c.patientId, now);
  for (const m of circle) if (m.kind === 'professional' && m.userId) add(m.userId, `Cercle de soins : ${CIRCLE_ROLES[m.circleRole as keyof typeof CIRCLE_ROLES] ?? m.circleRole}`);
  const structures = circle.filter((m) => m.kind === 'structure' && m.structureId);
  if (structures.length) {
    const staff = (await db.execute(sql`
      SELECT DISTINCT user_id, scope FROM role_grant
      WHERE role IN ('structure_member', 'structure_manager') AND scope = ANY (${`{${structures.map((m) => m.structureId).join(',')}}`}::text[])`)) as unknown as {
      rows: { user_id: string; scope: string }[];
    };
    for (const r of staff.rows) add(r.user_id, `Cercle de soins : ${structures.find((m) => m.structureId === r.scope)?.displayName ?? 'structure'}`);
  }
  const participants = (await db.execute(sql`
    SELECT user_id FROM rcp_attendance WHERE series_id = ${c.seriesId} AND meeting_at = ${c.meetingAt} AND registered`)) as unknown as { rows: { user_id: string }[] };
  for (const r of participants.rows) add(r.user_id, 'Participant à la réunion');
  if (!reasons.size) return [];
  const users = (await db.execute(sql`
    SELECT id, coalesce(nullif(trim(first_name || ' ' || last_name), ''), email) AS name FROM app_user
    WHERE id = ANY (${`{${[...reasons.keys()].join(',')}}`}::uuid[]) AND deleted_at IS NULL AND disabled_at IS NULL`)) as unknown as { rows: { id: string; name: string }[] };
  return users.rows
    .map((u) => ({ userId: u.id, name: u.name, reason: reasons.get(u.id)!.join(' · ') }))
    .sort((x, y) => Number(!x.reason.startsWith('Cercle')) - Number(!y.reason.startsWith('Cercle')) || x.name.localeCompare(y.name, 'fr'));
}

/** The list the report form offers as owners; reading it shows who cares for the patient, so it is logged on the file. */
export async function listOwnerCandidates(deps: AppDeps, actor: Actor | null, caseId: string, ctx: RequestContext): Promise<RcpOwnerCandidate[]> {
  const { a, c } = await caseForReport(deps, actor, caseId, ctx);
  await recordAuditEvent(deps.db, a, ctx, { action: 'patient.read', objectType: 'patient', objectId: c.patientId, details: { what: 'rcp_owners', caseId } });
  return ownerCandidates(deps.db, c, deps.now());
}
