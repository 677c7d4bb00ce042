import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { upcomingMeetings, type rcpSeriesUpdateSchema } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import { rcpAttendance, rcpCase, rcpSeries } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { assertCan, requireActor } from '../../http/permissions';
import { createNotifications, deliverNotificationMails } from '../../notifications/in-app/notify';
import { loadSeries, seriesView, type SeriesRow } from './series-view';

const WEEKDAYS = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const FIELDS = ['title', 'weekday', 'localTime', 'durationMinutes', 'videoLink', 'maxCases', 'criteria'] as const;

/**
 * The coordinators of the department change a series. Meetings already begun keep their date (their
 * cases and attendance are stored with it); when the day or the hour changes, the n-th meeting to come
 * becomes the n-th meeting of the new schedule, with its cases (in their order, already accepted: a
 * lower cap applies to new cases) and its registered participants, who are told.
 */
export async function updateSeries(deps: AppDeps, actor: Actor | null, seriesId: string, input: z.output<typeof rcpSeriesUpdateSchema>, ctx: RequestContext) {
  const a = requireActor(actor);
  const before = await loadSeries(deps.db, seriesId);
  assertCan(a, 'rcp.organise', { departement: before.departement });
  const now = deps.now();
  const next = { ...input, criteria: input.criteria ?? (before.criteria as SeriesRow['criteria']) };
  const { row, created } = await deps.db.transaction(async (tx) => {
    // One change at a time, and no case placed on the old schedule while the meetings move.
    const [old] = await tx.select().from(rcpSeries).where(eq(rcpSeries.id, seriesId)).for('update');
    const changed = FIELDS.filter((k) => JSON.stringify(old[k]) !== JSON.stringify(next[k]));
    const moves: { from: Date; to: Date }[] = [];
    if (old.weekday !== next.weekday || old.localTime !== next.localTime) {
      const stored = (await tx.execute(sql`
        SELECT meeting_at FROM rcp_case WHERE series_id = ${seriesId} AND meeting_at > ${now}
        UNION SELECT meeting_at FROM rcp_attendance WHERE series_id = ${seriesId} AND meeting_at > ${now}
        ORDER BY meeting_at`)) as unknown as { rows: { meeting_at: Date | string }[] };
      if (stored.rows.length) {
        const oldDates = upcomingMeetings(old, now, 60);
        const newDates = upcomingMeetings({ ...old, ...next }, now, 62);
        let last = -1;
        for (const r of stored.rows) {
          const from = new Date(r.meeting_at);
          // Its rank among the meetings to come on the old schedule; two stored dates never merge.
          const rank = Math.max(oldDates.filter((d) => d.getTime() < from.getTime()).length, last + 1);
          last = Math.min(rank, newDates.length - 1);
          moves.push({ from, to: newDates[last] });
        }
      }
    }
    const told = new Set<string>();
    for (const m of moves) {
      const cases = await tx.update(rcpCase).set({ meetingAt: m.to }).where(and(eq(rcpCase.seriesId, seriesId), eq(rcpCase.meetingAt, m.from))).returning({ by: rcpCase.submittedBy });
      const people = await tx.update(rcpAttendance).set({ meetingAt: m.to }).where(and(eq(rcpAttendance.seriesId, seriesId), eq(rcpAttendance.meetingAt, m.from))).returning({ by: rcpAttendance.userId });
      for (const p of [...cases, ...people]) if (p.by && p.by !== a.id) told.add(p.by);
    }
    const [r] = await tx.update(rcpSeries).set(next).where(eq(rcpSeries.id, seriesId)).returning();
    await recordAuditEvent(tx, a, ctx, { action: 'rcp.series_updated', objectType: 'rcp_series', objectId: seriesId, details: { changed, movedMeetings: moves.length } });
    const notes = [...told].map((userId) => ({
      userId,
      kind: 'rcp.schedule_changed',
      title: `La mini-RCP « ${r.title} » change d’horaire`,
      body: `Désormais chaque ${WEEKDAYS[r.weekday]} à ${r.localTime} (heure de Paris) : vos cas et vos inscriptions suivent le nouvel horaire.`,
      link: '/coordination/rcp',
    }));
    return { row: r, created: await createNotifications(tx, notes, now) };
  });
  await deliverNotificationMails(deps, created);
  return seriesView(deps.db, row, now);
}
