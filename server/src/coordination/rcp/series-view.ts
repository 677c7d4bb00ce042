import { and, eq, inArray, sql } from 'drizzle-orm';
import { upcomingMeetings } from '@palliance/core';
import type { Db } from '../../db/client';
import { rcpCase, rcpSeries } from '../../db/schema';
import { notFound } from '../../http/errors';

export type SeriesRow = typeof rcpSeries.$inferSelect;
export type Criterion = { id: string; text: string; source: string };

export async function countsByMeeting(db: Db, seriesId: string, meetings: Date[]): Promise<Map<number, number>> {
  if (!meetings.length) return new Map();
  const rows = await db
    .select({ at: rcpCase.meetingAt, n: sql<number>`count(*)::int` })
    .from(rcpCase)
    .where(and(eq(rcpCase.seriesId, seriesId), inArray(rcpCase.meetingAt, meetings)))
    .groupBy(rcpCase.meetingAt);
  return new Map(rows.map((r) => [r.at.getTime(), Number(r.n)]));
}

/**
 * Meetings already begun, as they were held: the dates stored with their cases and participants (a
 * change of schedule moves the meetings to come, never these), most recent first.
 */
async function recentMeetings(db: Db, seriesId: string, now: Date, limit = 4) {
  const res = (await db.execute(sql`
    WITH m AS (
      SELECT meeting_at FROM rcp_case WHERE series_id = ${seriesId} AND meeting_at <= ${now}
      UNION SELECT meeting_at FROM rcp_attendance WHERE series_id = ${seriesId} AND meeting_at <= ${now}
    )
    SELECT m.meeting_at,
           (SELECT count(*)::int FROM rcp_case c WHERE c.series_id = ${seriesId} AND c.meeting_at = m.meeting_at) AS cases,
           EXISTS (SELECT 1 FROM rcp_attendance a WHERE a.series_id = ${seriesId} AND a.meeting_at = m.meeting_at AND a.attendance_recorded_at IS NOT NULL) AS recorded
    FROM m ORDER BY m.meeting_at DESC LIMIT ${limit}`)) as unknown as { rows: { meeting_at: Date | string; cases: number; recorded: boolean }[] };
  return res.rows.map((r) => ({ meetingAt: new Date(r.meeting_at).toISOString(), cases: Number(r.cases), attendanceRecorded: Boolean(r.recorded) }));
}

export async function seriesView(db: Db, s: SeriesRow, now: Date) {
  const meetings = upcomingMeetings(s, now, 6);
  const counts = await countsByMeeting(db, s.id, meetings);
  return {
    id: s.id,
    departement: s.departement,
    title: s.title,
    weekday: s.weekday,
    localTime: s.localTime,
    durationMinutes: s.durationMinutes,
    videoLink: s.videoLink,
    maxCases: s.maxCases,
    criteria: s.criteria as Criterion[],
    upcoming: meetings.map((m) => ({ meetingAt: m.toISOString(), cases: counts.get(m.getTime()) ?? 0 })),
    recent: await recentMeetings(db, s.id, now),
  };
}

export async function loadSeries(db: Db, id: string): Promise<SeriesRow> {
  const [s] = await db.select().from(rcpSeries).where(eq(rcpSeries.id, id));
  if (!s) throw notFound("Cette réunion n'existe pas.");
  return s;
}
