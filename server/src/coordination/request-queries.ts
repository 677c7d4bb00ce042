import { sql } from 'drizzle-orm';
import { clockState, type RequestStatus, type SupportRequestSummary } from '@palliance/core';
import type { Db } from '../db/client';

export const requestLink = (requestId: string) => `/coordination/demandes/${requestId}`;

export interface RequestRow {
  id: string;
  patient_id: string;
  first_name: string;
  last_name: string;
  commune_name: string;
  structure_id: string;
  structure_name: string;
  requester_id: string | null;
  requester_name: string;
  reason: string;
  urgency: string;
  body: string;
  evaluations: Record<string, unknown>[];
  status: RequestStatus;
  decline_reason: string | null;
  outcome_summary: string | null;
  patient_departement: string;
  response_hours: number;
  sent_at: Date;
  due_at: Date;
  received_at: Date | null;
  first_response_at: Date | null;
  closed_at: Date | null;
  idempotency_key: string;
}

export const REQUEST_COLUMNS = sql.raw(`r.id, r.patient_id, p.first_name, p.last_name, c.nom AS commune_name, r.structure_id, r.structure_name, r.requester_id,
  r.requester_name, r.reason, r.urgency, r.status, r.patient_departement, r.response_hours, r.sent_at, r.due_at, r.received_at,
  r.first_response_at, r.closed_at, r.idempotency_key`);
const REQUEST_FROM = sql.raw('support_request r JOIN patient p ON p.id = r.patient_id JOIN commune c ON c.code = r.patient_commune_code');

export async function loadRequestRow(db: Db, requestId: string): Promise<RequestRow | undefined> {
  const res = (await db.execute(sql`
    SELECT ${REQUEST_COLUMNS}, r.body, r.evaluations, r.decline_reason, r.outcome_summary
    FROM ${REQUEST_FROM} WHERE r.id = ${requestId}`)) as unknown as { rows: RequestRow[] };
  return res.rows[0];
}

export async function listRequests(db: Db, where: ReturnType<typeof sql>, order: ReturnType<typeof sql>, limit: number): Promise<RequestRow[]> {
  const res = (await db.execute(sql`SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE ${where} ORDER BY ${order} LIMIT ${limit}`)) as unknown as { rows: RequestRow[] };
  return res.rows;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toRequestSummary(r: RequestRow, now: Date): SupportRequestSummary {
  const due = new Date(r.due_at);
  const first = r.first_response_at ? new Date(r.first_response_at) : null;
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: `${r.first_name} ${r.last_name}`,
    patientCommune: r.commune_name,
    structureId: r.structure_id,
    structureName: r.structure_name,
    requesterId: r.requester_id,
    requesterName: r.requester_name,
    reason: r.reason,
    urgency: r.urgency,
    status: r.status,
    sentAt: iso(r.sent_at),
    dueAt: due.toISOString(),
    firstResponseAt: first?.toISOString() ?? null,
    clock: clockState(now, due, first),
  };
}

/**
 * The people who work for a structure (its members and managers in the accounts' role grants):
 * they receive its requests. Managers only, when asked (reminders).
 */
export async function structureStaff(db: Db, structureId: string, managersOnly = false): Promise<string[]> {
  const res = (await db.execute(structureStaffSql(structureId, managersOnly))) as unknown as { rows: { user_id: string }[] };
  return res.rows.map((r) => r.user_id);
}

/** The query of structureStaff (column user_id), to embed as a subquery. */
export const structureStaffSql = (structureId: string, managersOnly = false) => sql`
    SELECT DISTINCT g.user_id FROM role_grant g JOIN app_user u ON u.id = g.user_id AND u.disabled_at IS NULL
    WHERE g.scope = ${structureId} AND g.role IN (${managersOnly ? sql`'structure_manager'` : sql`'structure_manager', 'structure_member'`})`;

/** The territory coordinators of a department (role territory_coordinator, scope dep:<code>). */
export async function territoryCoordinators(db: Db, departement: string): Promise<string[]> {
  const res = (await db.execute(sql`
    SELECT DISTINCT g.user_id FROM role_grant g JOIN app_user u ON u.id = g.user_id AND u.disabled_at IS NULL
    WHERE g.role = 'territory_coordinator' AND g.scope = ${`dep:${departement}`}`)) as unknown as { rows: { user_id: string }[] };
  return res.rows.map((r) => r.user_id);
}

/** The GP(s) of the patient's circle, in person. */
export async function circleGps(db: Db, patientId: string): Promise<string[]> {
  const res = (await db.execute(sql`
    SELECT user_id FROM care_circle_member WHERE patient_id = ${patientId} AND removed_at IS NULL AND circle_role = 'gp' AND user_id IS NOT NULL`)) as unknown as {
    rows: { user_id: string }[];
  };
  return res.rows.map((r) => r.user_id);
}

export async function responseHoursOf(db: Db, structureId: string): Promise<number | undefined> {
  const res = (await db.execute(sql`SELECT response_hours FROM coordination_structure_setting WHERE structure_id = ${structureId}`)) as unknown as {
    rows: { response_hours: number }[];
  };
  return res.rows[0]?.response_hours;
}
