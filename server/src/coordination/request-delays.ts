import { sql } from 'drizzle-orm';
import { hoursBetween } from '@palliance/core';
import type { AppDeps } from '../app-types';

export interface RequestDelayFilter {
  structureId?: string;
  departement?: string;
  /** Requests sent from this instant (inclusive) ... */
  from?: Date;
  /** ... to this one (exclusive). */
  to?: Date;
}

export interface RequestDelay {
  requestId: string;
  structureId: string;
  departement: string;
  reason: string;
  urgency: string;
  status: string;
  responseHours: number;
  sentAt: Date;
  dueAt: Date;
  receivedAt: Date | null;
  firstResponseAt: Date | null;
  decidedAt: Date | null;
  closedAt: Date | null;
  /** Hours from sending to the first response (null while unanswered). */
  firstResponseHours: number | null;
  /** Hours from sending to closing (null while open). */
  closeHours: number | null;
  answeredInTime: boolean | null;
  reminded: boolean;
  escalated: boolean;
}

/**
 * Every delay of the support requests, for the territorial indicators (no patient identity in
 * it). Export of Coordonner for the indicators domain: it calls this, never the tables.
 */
export async function requestDelays(deps: Pick<AppDeps, 'db'>, filter: RequestDelayFilter = {}): Promise<RequestDelay[]> {
  const conds = [sql`true`];
  if (filter.structureId) conds.push(sql`structure_id = ${filter.structureId}`);
  if (filter.departement) conds.push(sql`patient_departement = ${filter.departement}`);
  if (filter.from) conds.push(sql`sent_at >= ${filter.from}`);
  if (filter.to) conds.push(sql`sent_at < ${filter.to}`);
  const res = (await deps.db.execute(sql`
    SELECT id, structure_id, patient_departement, reason, urgency, status, response_hours, sent_at, due_at, received_at, first_response_at,
           decided_at, closed_at, reminder_sent_at, escalated_at
    FROM support_request WHERE ${sql.join(conds, sql` AND `)} ORDER BY sent_at, id`)) as unknown as {
    rows: {
      id: string; structure_id: string; patient_departement: string; reason: string; urgency: string; status: string; response_hours: number;
      sent_at: Date; due_at: Date; received_at: Date | null; first_response_at: Date | null; decided_at: Date | null; closed_at: Date | null;
      reminder_sent_at: Date | null; escalated_at: Date | null;
    }[];
  };
  const d = (v: Date | string | null) => (v === null ? null : new Date(v));
  return res.rows.map((r) => {
    const sent = new Date(r.sent_at);
    const due = new Date(r.due_at);
    const first = d(r.first_response_at);
    const closed = d(r.closed_at);
    return {
      requestId: r.id,
      structureId: r.structure_id,
      departement: r.patient_departement,
      reason: r.reason,
      urgency: r.urgency,
      status: r.status,
      responseHours: r.response_hours,
      sentAt: sent,
      dueAt: due,
      receivedAt: d(r.received_at),
      firstResponseAt: first,
      decidedAt: d(r.decided_at),
      closedAt: closed,
      firstResponseHours: first ? hoursBetween(sent, first) : null,
      closeHours: closed ? hoursBetween(sent, closed) : null,
      answeredInTime: first ? first.getTime() <= due.getTime() : null,
      reminded: r.reminder_sent_at !== null,
      escalated: r.escalated_at !== null,
    };
  });
}
