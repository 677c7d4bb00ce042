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
  /** Null on the row that totals the whole territory for the period. */
  structureId: string | null;
  structureName: string;
  isEmtsp: boolean;
  /** Requests to an EM(T)SP whose requester is known, and those from a liberal professional. */
  emtspKnown: number;
  emtspLiberal: number;
  answered: number;
  meanHours: number | null;
  medianHours: number | null;
  withinThreshold: number;
  overdueUnanswered: number;
}

/**
 * Support requests per period, per receiving structure and for the whole territory (GROUPING SETS:
 * a territory median is not a mix of structure medians), for the patients of the territory. The
 * database does the aggregation (avg, percentile_cont(0.5) = mean of the two middle values for an
 * even count, as core's median): a national year is one query returning a few hundred rows.
 * Aggregated here rather than through coordination's requestDelays(): that export lists every
 * request row and carries neither the requester's practice mode nor the structure's types.
 */
export async function supportRequestFigures(db: Db, departements: string[] | null, buckets: Bucket[], now: Date): Promise<RequestBucketRow[]> {
  const emtsp = sql`ARRAY[${sql.join(EMTSP_TYPE_CODES.map((c) => sql`${c}`), sql`, `)}]::text[]`;
  const overdueBefore = new Date(now.getTime() - RESPONSE_THRESHOLD_HOURS * 3600_000).toISOString();
  const res = (await db.execute(sql`
    WITH x AS (
      SELECT b.i, r.structure_id, s.name, (s.types && ${emtsp}) AS is_emtsp, u.id AS requester, u.practice_mode,
        (extract(epoch FROM (r.first_response_at - r.sent_at)) / 3600.0)::float8 AS hours,
        (r.first_response_at IS NULL AND r.sent_at <= ${overdueBefore}::timestamptz) AS overdue
      FROM ${bucketsTable(buckets)}
      JOIN support_request r ON r.sent_at >= b.f AND r.sent_at < b.t
      JOIN structure s ON s.id = r.structure_id
      LEFT JOIN app_user u ON u.id = r.requester_id
      WHERE ${inDepartements(sql`r.patient_departement`, departements)}
    )
    SELECT i AS bucket, structure_id, max(name) AS structure_name, bool_or(is_emtsp) AS is_emtsp,
      count(*) FILTER (WHERE is_emtsp AND requester IS NOT NULL) AS emtsp_known,
      count(*) FILTER (WHERE is_emtsp AND practice_mode = 'liberal') AS emtsp_liberal,
      count(hours) AS answered,
      avg(hours) AS mean_hours,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_hours,
      count(*) FILTER (WHERE hours <= ${RESPONSE_THRESHOLD_HOURS}) AS within_threshold,
      count(*) FILTER (WHERE overdue) AS overdue
    FROM x
    GROUP BY GROUPING SETS ((i, structure_id), (i))`)) as unknown as {
    rows: {
      bucket: number; structure_id: string | null; structure_name: string; is_emtsp: boolean; emtsp_known: number | string; emtsp_liberal: number | string;
      answered: number | string; mean_hours: number | string | null; median_hours: number | string | null; within_threshold: number | string; overdue: number | string;
    }[];
  };
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return res.rows.map((r) => ({
    bucket: Number(r.bucket),
    structureId: r.structure_id,
    structureName: r.structure_name,
    isEmtsp: r.is_emtsp,
    emtspKnown: Number(r.emtsp_known),
    emtspLiberal: Number(r.emtsp_liberal),
    answered: Number(r.answered),
    meanHours: num(r.mean_hours),
    medianHours: num(r.median_hours),
    withinThreshold: Number(r.within_threshold),
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
