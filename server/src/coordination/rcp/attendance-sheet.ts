import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { rcpAttendanceSheetSchema } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { rcpAttendance } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { badInput, forbidden } from '../../http/errors';
import { can, requireActor } from '../../http/permissions';
import { loadSeries } from './series-view';

export interface AttendanceLine {
  userId: string;
  name: string;
  registered: boolean;
  attended: boolean | null;
}

/**
 * Who may be marked present at a meeting: the registered participants, the authors of its cases, and
 * the organiser filling the sheet (who ran the meeting without registering). `attended` stays null
 * until the sheet is recorded.
 */
export async function attendanceLines(db: Db, seriesId: string, meetingAt: Date, organiserId: string | null): Promise<{ lines: AttendanceLine[]; recordedAt: string | null }> {
  const res = (await db.execute(sql`
    WITH people AS (
      SELECT user_id FROM rcp_attendance WHERE series_id = ${seriesId} AND meeting_at = ${meetingAt}
      UNION SELECT submitted_by FROM rcp_case WHERE series_id = ${seriesId} AND meeting_at = ${meetingAt} AND submitted_by IS NOT NULL
      ${organiserId ? sql`UNION SELECT ${organiserId}::uuid` : sql``}
    )
    SELECT u.id, coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), u.email) AS name,
           coalesce(a.registered, false) AS registered, a.attended, a.attendance_recorded_at
    FROM people x JOIN app_user u ON u.id = x.user_id
    LEFT JOIN rcp_attendance a ON a.series_id = ${seriesId} AND a.meeting_at = ${meetingAt} AND a.user_id = x.user_id
    ORDER BY name, u.id`)) as unknown as { rows: { id: string; name: string; registered: boolean; attended: boolean | null; attendance_recorded_at: Date | string | null }[] };
  const times = res.rows.map((r) => (r.attendance_recorded_at ? new Date(r.attendance_recorded_at).getTime() : 0)).filter(Boolean);
  return {
    lines: res.rows.map((r) => ({ userId: r.id, name: r.name, registered: Boolean(r.registered), attended: r.attended === null ? null : Boolean(r.attended) })),
    recordedAt: times.length ? new Date(Math.max(...times)).toISOString() : null,
  };
}

/**
 * After a meeting has begun, an organiser records who took part among those invited to it (registered
 * participants, authors of its cases, themself). Recording again replaces the sheet. The meeting keeps
 * its date even if the series' schedule changes later.
 */
export async function recordAttendance(deps: AppDeps, actor: Actor | null, seriesId: string, input: z.output<typeof rcpAttendanceSheetSchema>, ctx: RequestContext) {
  const a = requireActor(actor);
  const s = await loadSeries(deps.db, seriesId);
  if (!can(a, 'rcp.organise', { departement: s.departement })) throw forbidden('Seuls les coordinateurs du territoire relèvent la présence à la réunion.');
  const meetingAt = new Date(input.meetingAt);
  const now = deps.now();
  if (meetingAt.getTime() > now.getTime()) throw badInput('meetingAt', 'La présence se relève une fois la réunion commencée.');
  const held = (await deps.db.execute(sql`
    SELECT 1 FROM rcp_case WHERE series_id = ${seriesId} AND meeting_at = ${meetingAt}
    UNION ALL SELECT 1 FROM rcp_attendance WHERE series_id = ${seriesId} AND meeting_at = ${meetingAt} LIMIT 1`)) as unknown as { rows: unknown[] };
  if (!held.rows.length) throw badInput('meetingAt', 'Cette réunion n’a ni cas ni participant inscrit : il n’y a pas de présence à relever.');
  const { lines } = await attendanceLines(deps.db, seriesId, meetingAt, a.id);
  const allowed = new Set(lines.map((l) => l.userId));
  const present = new Set(input.attendedUserIds);
  if ([...present].some((id) => !allowed.has(id))) throw badInput('attendedUserIds', 'Seuls les participants inscrits, les auteurs des cas et vous-même peuvent être notés présents.');
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(rcpAttendance)
      .values(lines.map((l) => ({ seriesId, meetingAt, userId: l.userId, registered: false, registeredAt: now, attended: present.has(l.userId), attendanceRecordedAt: now })))
      .onConflictDoUpdate({
        target: [rcpAttendance.seriesId, rcpAttendance.meetingAt, rcpAttendance.userId],
        set: { attended: sql`excluded.attended`, attendanceRecordedAt: sql`excluded.attendance_recorded_at` },
      });
    await recordAuditEvent(tx, a, ctx, {
      action: 'rcp.attendance_recorded',
      objectType: 'rcp_series',
      objectId: seriesId,
      details: { meetingAt: meetingAt.toISOString(), present: present.size, absent: lines.length - present.size },
    });
  });
}
