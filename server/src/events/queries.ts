import { sql } from 'drizzle-orm';
import { describeRecurrence, type AttendanceStats, type EventOccurrence, type MyEventRegistration, type RecurrenceRule, type Registrant } from '@palliance/core';
import type { Db } from '../db/client';

export const iso = (d: Date | string) => new Date(d).toISOString();

export interface EventRow {
  id: string;
  kind: 'webinar' | 'workshop' | 'exchange_group';
  title: string;
  description: string;
  audience: string[];
  organiser_name: string;
  organiser_email: string | null;
  organiser_phone: string | null;
  departement: string;
  commune_code: string | null;
  commune_name: string | null;
  address: string | null;
  video_url: string | null;
  seat_cap: number | null;
  course_id: string | null;
  course_title: string | null;
  status: 'draft' | 'published' | 'cancelled';
  recurrence: RecurrenceRule | null;
  source: string | null;
  sequence: number;
  created_by: string | null;
  is_demo: boolean;
  updated_at: Date;
}

const EVENT_SELECT = sql`SELECT e.id, e.kind, e.title, e.description, e.audience, e.organiser_name, e.organiser_email, e.organiser_phone,
  e.departement, e.commune_code, c.nom AS commune_name, e.address, e.video_url, e.seat_cap, e.course_id, co.title AS course_title,
  e.status, e.recurrence, e.source, e.sequence, e.created_by, e.is_demo, e.updated_at
  FROM event e LEFT JOIN commune c ON c.code = e.commune_code LEFT JOIN course co ON co.id = e.course_id`;

export async function findEvent(db: Db, id: string): Promise<EventRow | null> {
  const res = (await db.execute(sql`${EVENT_SELECT} WHERE e.id = ${id}`)) as unknown as { rows: EventRow[] };
  return res.rows[0] ?? null;
}

export async function listEvents(db: Db, f: { statuses: string[]; kind?: string; departement?: string; upcomingAfter?: Date }): Promise<EventRow[]> {
  const conds = [sql`e.status IN (${sql.join(f.statuses.map((s) => sql`${s}`), sql`, `)})`];
  if (f.kind) conds.push(sql`e.kind = ${f.kind}`);
  if (f.departement) conds.push(sql`e.departement = ${f.departement}`);
  if (f.upcomingAfter) conds.push(sql`EXISTS (SELECT 1 FROM event_occurrence o WHERE o.event_id = e.id AND o.ends_at > ${f.upcomingAfter})`);
  const res = (await db.execute(sql`${EVENT_SELECT} WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY (SELECT min(o.starts_at) FROM event_occurrence o WHERE o.event_id = e.id AND o.ends_at > ${f.upcomingAfter ?? new Date(0)}) NULLS LAST, e.title, e.id`)) as unknown as { rows: EventRow[] };
  return res.rows;
}

// Rank in the waiting list (1 = next in line), computed so that leaving the list needs no renumbering.
const WAITING_RANK = sql`CASE WHEN r.status = 'waiting' THEN (SELECT count(*)::int FROM event_registration w WHERE w.occurrence_id = r.occurrence_id AND w.status = 'waiting' AND w.waiting_position <= r.waiting_position) END`;

interface OccurrenceRow {
  id: string;
  event_id: string;
  starts_at: Date;
  ends_at: Date;
  enrolled: number;
  waiting: number;
  my_status: EventOccurrence['myStatus'];
  my_rank: number | null;
}

/** Dates of these events with their counts and, for a signed-in user, their own place. */
export async function listOccurrences(db: Db, eventIds: string[], userId: string | null, seatCaps: Map<string, number | null>): Promise<Map<string, EventOccurrence[]>> {
  const out = new Map<string, EventOccurrence[]>(eventIds.map((id) => [id, []]));
  if (eventIds.length === 0) return out;
  const res = (await db.execute(sql`
    SELECT o.id, o.event_id, o.starts_at, o.ends_at,
      (SELECT count(*)::int FROM event_registration x WHERE x.occurrence_id = o.id AND x.status = 'enrolled') AS enrolled,
      (SELECT count(*)::int FROM event_registration x WHERE x.occurrence_id = o.id AND x.status = 'waiting') AS waiting,
      r.status AS my_status, ${WAITING_RANK} AS my_rank
    FROM event_occurrence o
    LEFT JOIN event_registration r ON r.occurrence_id = o.id AND r.user_id = ${userId} AND r.status <> 'withdrawn'
    WHERE o.event_id IN (${sql.join(eventIds.map((id) => sql`${id}`), sql`, `)})
    ORDER BY o.starts_at, o.id`)) as unknown as { rows: OccurrenceRow[] };
  for (const r of res.rows) {
    const cap = seatCaps.get(r.event_id) ?? null;
    out.get(r.event_id)!.push({
      id: r.id,
      startsAt: iso(r.starts_at),
      endsAt: iso(r.ends_at),
      enrolledCount: Number(r.enrolled),
      waitingCount: Number(r.waiting),
      seatsLeft: cap === null ? null : Math.max(0, cap - Number(r.enrolled)),
      myStatus: r.my_status ?? null,
      myWaitingRank: r.my_rank === null ? null : Number(r.my_rank),
    });
  }
  return out;
}

export const recurrenceText = (r: RecurrenceRule | null) => (r ? describeRecurrence(r) : null);

/** Present / absent among the registered of the dates already begun; the rate is over those marked. */
export async function attendanceStats(db: Db, where: { eventId?: string; occurrenceId?: string }, now: Date): Promise<AttendanceStats> {
  const filter = where.occurrenceId ? sql`o.id = ${where.occurrenceId}` : sql`o.event_id = ${where.eventId}`;
  const res = (await db.execute(sql`
    SELECT count(*)::int AS registered,
      count(*) FILTER (WHERE r.attendance = 'present')::int AS present,
      count(*) FILTER (WHERE r.attendance = 'absent')::int AS absent
    FROM event_registration r JOIN event_occurrence o ON o.id = r.occurrence_id
    WHERE ${filter} AND r.status = 'enrolled' AND o.starts_at <= ${now}`)) as unknown as { rows: { registered: number; present: number; absent: number }[] };
  const { registered, present, absent } = res.rows[0];
  const marked = Number(present) + Number(absent);
  return {
    registered: Number(registered),
    present: Number(present),
    absent: Number(absent),
    unmarked: Number(registered) - marked,
    rate: marked === 0 ? null : Math.round((Number(present) / marked) * 1000) / 1000,
  };
}

export async function listRegistrants(db: Db, occurrenceId: string): Promise<Registrant[]> {
  const res = (await db.execute(sql`
    SELECT r.id, r.user_id, u.first_name, u.last_name, u.email, u.profession, r.status, ${WAITING_RANK} AS waiting_rank, r.attendance
    FROM event_registration r JOIN app_user u ON u.id = r.user_id
    WHERE r.occurrence_id = ${occurrenceId} AND r.status <> 'withdrawn'
    ORDER BY CASE r.status WHEN 'enrolled' THEN 0 ELSE 1 END, r.waiting_position NULLS FIRST, u.last_name, u.first_name, r.id`)) as unknown as {
    rows: { id: string; user_id: string; first_name: string; last_name: string; email: string; profession: string; status: Registrant['status']; waiting_rank: number | null; attendance: Registrant['attendance'] }[];
  };
  return res.rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    profession: r.profession,
    status: r.status,
    waitingRank: r.waiting_rank === null ? null : Number(r.waiting_rank),
    attendance: r.attendance,
  }));
}

interface MyRow {
  id: string;
  occurrence_id: string;
  event_id: string;
  title: string;
  kind: MyEventRegistration['kind'];
  event_status: MyEventRegistration['eventStatus'];
  starts_at: Date;
  ends_at: Date;
  status: MyEventRegistration['status'];
  waiting_rank: number | null;
}

const MY_SELECT = sql`SELECT r.id, r.occurrence_id, e.id AS event_id, e.title, e.kind, e.status AS event_status, o.starts_at, o.ends_at, r.status, ${WAITING_RANK} AS waiting_rank
  FROM event_registration r JOIN event_occurrence o ON o.id = r.occurrence_id JOIN event e ON e.id = o.event_id`;

const toMine = (r: MyRow): MyEventRegistration => ({
  id: r.id,
  occurrenceId: r.occurrence_id,
  eventId: r.event_id,
  eventTitle: r.title,
  kind: r.kind,
  eventStatus: r.event_status,
  startsAt: iso(r.starts_at),
  endsAt: iso(r.ends_at),
  status: r.status,
  waitingRank: r.waiting_rank === null ? null : Number(r.waiting_rank),
});

export async function getRegistration(db: Db, occurrenceId: string, userId: string): Promise<MyEventRegistration | null> {
  const res = (await db.execute(sql`${MY_SELECT} WHERE r.occurrence_id = ${occurrenceId} AND r.user_id = ${userId}`)) as unknown as { rows: MyRow[] };
  return res.rows[0] ? toMine(res.rows[0]) : null;
}

export async function listMyRegistrations(db: Db, userId: string): Promise<MyEventRegistration[]> {
  const res = (await db.execute(sql`${MY_SELECT} WHERE r.user_id = ${userId} AND r.status <> 'withdrawn' ORDER BY o.starts_at, r.id`)) as unknown as { rows: MyRow[] };
  return res.rows.map(toMine);
}
