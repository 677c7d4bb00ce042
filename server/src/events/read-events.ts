import type { EventDetail, EventSummary } from '@palliance/core';
import type { AppDeps } from '../app-types';
import type { Actor } from '../http/actor';
import { notFound } from '../http/errors';
import { mayOrganise } from './access';
import { attendanceStats, findEvent, listEvents, listOccurrences, recurrenceText, type EventRow } from './queries';

function summary(e: EventRow, occurrences: EventDetail['occurrences'], now: Date): EventSummary {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    departement: e.departement,
    communeName: e.commune_name,
    organiserName: e.organiser_name,
    status: e.status,
    seatCap: e.seat_cap,
    recurrenceText: recurrenceText(e.recurrence),
    nextOccurrence: occurrences.find((o) => Date.parse(o.endsAt) > now.getTime()) ?? null,
    isDemo: e.is_demo,
  };
}

/** Published and cancelled events (a cancelled one stays visible, marked, so registrants see why). */
export async function listPublicEvents(deps: AppDeps, actor: Actor | null, q: { kind?: string; departement?: string; upcoming: 'true' | 'false' }): Promise<EventSummary[]> {
  const now = deps.now();
  const rows = await listEvents(deps.db, {
    statuses: q.upcoming === 'true' ? ['published'] : ['published', 'cancelled'],
    kind: q.kind,
    departement: q.departement,
    upcomingAfter: q.upcoming === 'true' ? now : undefined,
  });
  const occ = await listOccurrences(deps.db, rows.map((r) => r.id), actor?.id ?? null, new Map(rows.map((r) => [r.id, r.seat_cap])));
  return rows.map((r) => summary(r, occ.get(r.id) ?? [], now));
}

/** Events the actor may organise, drafts included. */
export async function listOrganisedEvents(deps: AppDeps, actor: Actor): Promise<EventSummary[]> {
  const now = deps.now();
  const rows = (await listEvents(deps.db, { statuses: ['draft', 'published', 'cancelled'] })).filter((r) => mayOrganise(actor, r));
  const occ = await listOccurrences(deps.db, rows.map((r) => r.id), actor.id, new Map(rows.map((r) => [r.id, r.seat_cap])));
  return rows.map((r) => summary(r, occ.get(r.id) ?? [], now));
}

export async function loadEventDetail(deps: AppDeps, actor: Actor | null, id: string): Promise<EventDetail> {
  const e = await findEvent(deps.db, id);
  const organiser = !!e && mayOrganise(actor, e);
  if (!e || (e.status === 'draft' && !organiser)) throw notFound("Cet événement n'existe pas.");
  const now = deps.now();
  const occurrences = (await listOccurrences(deps.db, [id], actor?.id ?? null, new Map([[id, e.seat_cap]]))).get(id) ?? [];
  // The video link is for those who registered: it keeps the session to its audience.
  const registered = occurrences.some((o) => o.myStatus === 'enrolled');
  return {
    ...summary(e, occurrences, now),
    description: e.description,
    audience: e.audience,
    organiserEmail: e.organiser_email,
    organiserPhone: e.organiser_phone,
    communeCode: e.commune_code,
    address: e.address,
    videoUrl: e.video_url && (registered || organiser) ? e.video_url : null,
    hasVideo: !!e.video_url,
    courseId: e.course_id,
    courseTitle: e.course_title,
    source: e.source,
    recurrence: e.recurrence ? { ...e.recurrence, setPos: e.recurrence.setPos ?? null, interval: e.recurrence.interval ?? 1 } : null,
    occurrences,
    mayOrganise: organiser,
    attendance: organiser ? await attendanceStats(deps.db, { eventId: id }, now) : null,
  } as EventDetail;
}
