import { sql, type SQL } from 'drizzle-orm';
import { EMTSP_TYPE_CODES, RESPONSE_THRESHOLD_HOURS } from '@palliance/core';
import type { Db } from '../db/client';

/** A period of the series, as [from, to). */
export interface Bucket {
  from: Date;
  to: Date;
}

/**
 * The periods as a VALUES list joined on the dated rows: one range scan per period on the
 * (departement, date) indexes of migration 0022, and the grouping done by the database.
 */
function bucketsTable(buckets: Bucket[]): SQL {
  return sql`(VALUES ${sql.join(
    buckets.map((b, i) => sql`(${i}::int, ${b.from.toISOString()}::timestamptz, ${b.to.toISOString()}::timestamptz)`),
    sql`, `,
  )}) AS b(i, f, t)`;
}

const inDepartements = (column: SQL, departements: string[] | null): SQL =>
  departements === null ? sql`true` : sql`${column} IN (${sql.join(departements.map((d) => sql`${d}`), sql`, `)})`;

export interface RequestBucketRow {
  bucket: number;
  structureId: string;
  structureName: string;
  isEmtsp: boolean;
  /** Requests to an EM(T)SP whose requester is known, and those from a liberal professional. */
  emtspKnown: number;
  emtspLiberal: number;
  answeredHours: number[];
  overdueUnanswered: number;
}

/**
 * Support requests per period and receiving structure, for the patients of the territory.
 * Aggregated here rather than through coordination's requestDelays(): that export lists every
 * request row and carries neither the requester's practice mode nor the structure's types, and
 * the dashboard must stay one aggregate query however many requests a region has.
 */
export async function supportRequestFigures(db: Db, departements: string[] | null, buckets: Bucket[], now: Date): Promise<RequestBucketRow[]> {
  const emtsp = sql`ARRAY[${sql.join(EMTSP_TYPE_CODES.map((c) => sql`${c}`), sql`, `)}]::text[]`;
  const overdueBefore = new Date(now.getTime() - RESPONSE_THRESHOLD_HOURS * 3600_000).toISOString();
  const res = (await db.execute(sql`
    SELECT b.i AS bucket, r.structure_id, s.name AS structure_name, (s.types && ${emtsp}) AS is_emtsp,
      count(*) FILTER (WHERE u.id IS NOT NULL) AS emtsp_known,
      count(*) FILTER (WHERE u.practice_mode = 'liberal') AS emtsp_liberal,
      json_agg((extract(epoch FROM (r.first_response_at - r.sent_at)) / 3600.0)::float8) FILTER (WHERE r.first_response_at IS NOT NULL) AS answered_hours,
      count(*) FILTER (WHERE r.first_response_at IS NULL AND r.sent_at <= ${overdueBefore}::timestamptz) AS overdue
    FROM ${bucketsTable(buckets)}
    JOIN support_request r ON r.sent_at >= b.f AND r.sent_at < b.t
    JOIN structure s ON s.id = r.structure_id
    LEFT JOIN app_user u ON u.id = r.requester_id
    WHERE ${inDepartements(sql`r.patient_departement`, departements)}
    GROUP BY b.i, r.structure_id, s.name, s.types`)) as unknown as {
    rows: { bucket: number; structure_id: string; structure_name: string; is_emtsp: boolean; emtsp_known: number | string; emtsp_liberal: number | string; answered_hours: (number | string)[] | string | null; overdue: number | string }[];
  };
  return res.rows.map((r) => ({
    bucket: Number(r.bucket),
    structureId: r.structure_id,
    structureName: r.structure_name,
    isEmtsp: r.is_emtsp,
    emtspKnown: r.is_emtsp ? Number(r.emtsp_known) : 0,
    emtspLiberal: r.is_emtsp ? Number(r.emtsp_liberal) : 0,
    // json_agg comes back parsed on one driver and as text on another.
    answeredHours: ((typeof r.answered_hours === 'string' ? JSON.parse(r.answered_hours) : r.answered_hours) ?? []).map(Number),
    overdueUnanswered: Number(r.overdue),
  }));
}

export interface TrainingBucketRow {
  bucket: number;
  profession: string;
  enrolments: number;
  completed: number;
}

/**
 * Confirmed enrolments per period and profession of learners whose profile department is in the
 * territory, and how many of them hold the course's attestation (not revoked). The learning domain
 * exports no aggregate of its own; this reads its tables once, grouped, for the same reason as above.
 */
export async function trainingFigures(db: Db, departements: string[] | null, buckets: Bucket[]): Promise<TrainingBucketRow[]> {
  const res = (await db.execute(sql`
    SELECT b.i AS bucket, u.profession, count(*) AS enrolments,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM attestation a WHERE a.user_id = e.user_id AND a.course_id = cs.course_id AND a.revoked_at IS NULL)) AS completed
    FROM ${bucketsTable(buckets)}
    JOIN enrolment e ON e.created_at >= b.f AND e.created_at < b.t AND e.status = 'enrolled'
    JOIN course_session cs ON cs.id = e.session_id
    JOIN app_user u ON u.id = e.user_id
    WHERE ${inDepartements(sql`u.departement`, departements)}
    GROUP BY b.i, u.profession`)) as unknown as { rows: { bucket: number; profession: string; enrolments: number | string; completed: number | string }[] };
  return res.rows.map((r) => ({ bucket: Number(r.bucket), profession: r.profession, enrolments: Number(r.enrolments), completed: Number(r.completed) }));
}

export async function territoryTargets(db: Db, territory: string): Promise<Map<string, { target: number; updatedAt: Date }>> {
  const res = (await db.execute(sql`SELECT indicator_id, target, updated_at FROM indicator_target WHERE territory = ${territory}`)) as unknown as {
    rows: { indicator_id: string; target: number | string; updated_at: Date | string }[];
  };
  return new Map(res.rows.map((r) => [r.indicator_id, { target: Number(r.target), updatedAt: new Date(r.updated_at) }]));
}
