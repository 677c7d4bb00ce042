import { eq, sql } from 'drizzle-orm';
import { expandRecurrence, type EventDetail, type EventInput, type RecurrenceRule } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import { event, eventOccurrence } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, conflict, forbidden, notFound } from '../http/errors';
import { assertCan } from '../http/permissions';
import { mayOrganise } from './access';
import { cancelledMail } from './mails';
import { findEvent } from './queries';
import { loadEventDetail } from './read-events';

/** The dates an input describes: one for a webinar or workshop, those of the rule for a group. */
export function occurrencesOf(input: EventInput): { startsAt: Date; endsAt: Date }[] {
  if (input.kind === 'exchange_group') return expandRecurrence(input.recurrence as RecurrenceRule);
  return [{ startsAt: new Date(input.startsAt!), endsAt: new Date(input.endsAt!) }];
}

async function checkReferences(tx: Db, input: EventInput): Promise<void> {
  if (input.communeCode) {
    const res = (await tx.execute(sql`SELECT departement FROM commune WHERE code = ${input.communeCode}`)) as unknown as { rows: { departement: string }[] };
    if (!res.rows[0]) throw badInput('communeCode', "Cette commune n'existe pas dans le référentiel du territoire.");
    if (res.rows[0].departement !== input.departement) throw badInput('communeCode', "Cette commune n'est pas dans le département de l'événement.");
  }
  if (input.courseId) {
    const res = (await tx.execute(sql`SELECT 1 FROM course WHERE id = ${input.courseId}`)) as unknown as { rows: unknown[] };
    if (!res.rows[0]) throw badInput('courseId', "Ce cours n'existe pas.");
  }
}

const columns = (input: EventInput) => ({
  kind: input.kind,
  title: input.title,
  description: input.description,
  audience: input.audience,
  organiserName: input.organiserName,
  organiserEmail: input.organiserEmail ?? null,
  organiserPhone: input.organiserPhone ?? null,
  departement: input.departement,
  communeCode: input.communeCode ?? null,
  address: input.address ?? null,
  videoUrl: input.videoUrl ?? null,
  seatCap: input.seatCap ?? null,
  courseId: input.courseId ?? null,
  recurrence: (input.kind === 'exchange_group' ? input.recurrence : null) as Record<string, unknown> | null,
  source: input.source ?? null,
});

/** Writes an event and its dates (used by the route and by the demo seed). */
export async function insertEvent(tx: Db, input: EventInput, opts: { createdBy: string | null; isDemo?: boolean; id?: string; now: Date }): Promise<string> {
  const dates = occurrencesOf(input);
  if (dates.length === 0) throw badInput('recurrence', 'Ce rythme ne donne aucune date.');
  const [row] = await tx
    .insert(event)
    .values({ ...(opts.id ? { id: opts.id } : {}), ...columns(input), status: input.status, createdBy: opts.createdBy, isDemo: opts.isDemo ?? false, createdAt: opts.now, updatedAt: opts.now })
    .returning({ id: event.id });
  await tx.insert(eventOccurrence).values(dates.map((d) => ({ eventId: row.id, startsAt: d.startsAt, endsAt: d.endsAt })));
  return row.id;
}

export async function createEvent(deps: AppDeps, actor: Actor | null, input: EventInput, ctx: RequestContext): Promise<EventDetail> {
  assertCan(actor, 'events.organise', { departement: input.departement });
  if (input.status === 'cancelled') throw badInput('status', 'Un nouvel événement est un brouillon ou publié.');
  const id = await deps.db.transaction(async (tx) => {
    await checkReferences(tx, input);
    const id = await insertEvent(tx, input, { createdBy: actor.id, now: deps.now() });
    await recordAuditEvent(tx, actor, ctx, { action: 'event.created', objectType: 'event', objectId: id, details: { kind: input.kind, status: input.status, departement: input.departement } });
    return id;
  });
  return loadEventDetail(deps, actor, id);
}

interface Notified {
  email: string;
  first_name: string;
  starts_at: Date;
}

/**
 * Edits an event. Publishing, moving a single date and cancelling all go through here; a
 * cancellation tells everyone registered or waiting for a date still to come, after the commit.
 */
export async function updateEvent(deps: AppDeps, actor: Actor | null, id: string, input: EventInput, ctx: RequestContext): Promise<EventDetail> {
  const now = deps.now();
  const { notify, current } = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM event WHERE id = ${id} FOR UPDATE`);
    const current = await findEvent(tx, id);
    if (!current) throw notFound("Cet événement n'existe pas.");
    if (!mayOrganise(actor, current)) {
      if (current.status === 'draft') throw notFound("Cet événement n'existe pas.");
      throw forbidden("Vous n'organisez pas cet événement.");
    }
    if (input.departement !== current.departement) assertCan(actor, 'events.organise', { departement: input.departement });
    if (input.kind !== current.kind) throw badInput('kind', "Le type d'un événement ne change pas ; créez-en un autre.");
    if (current.status === 'cancelled' && input.status !== 'cancelled') throw conflict('Cet événement est annulé ; créez-en un nouveau.', 'status');
    if (current.status !== 'draft' && input.status === 'draft') throw badInput('status', 'Un événement publié ne redevient pas un brouillon ; annulez-le si besoin.');
    await checkReferences(tx, input);

    await tx.update(event).set({ ...columns(input), status: input.status, sequence: sql`${event.sequence} + 1`, updatedAt: now }).where(eq(event.id, id));

    // Dates: a single event moves its one date; a group's rule may change only while nobody is registered.
    const dates = occurrencesOf(input);
    const occs = await tx.select().from(eventOccurrence).where(eq(eventOccurrence.eventId, id));
    if (input.kind !== 'exchange_group') {
      if (occs[0] && (occs[0].startsAt.getTime() !== dates[0].startsAt.getTime() || occs[0].endsAt.getTime() !== dates[0].endsAt.getTime())) {
        await tx.update(eventOccurrence).set({ startsAt: dates[0].startsAt, endsAt: dates[0].endsAt }).where(eq(eventOccurrence.id, occs[0].id));
        // A moved date is reminded of again at its new time.
        await tx.execute(sql`DELETE FROM event_reminder WHERE registration_id IN (SELECT id FROM event_registration WHERE occurrence_id = ${occs[0].id})`);
      }
    } else if (JSON.stringify(current.recurrence) !== JSON.stringify(input.recurrence)) {
      const res = (await tx.execute(sql`SELECT count(*)::int AS n FROM event_registration r JOIN event_occurrence o ON o.id = r.occurrence_id WHERE o.event_id = ${id}`)) as unknown as { rows: { n: number }[] };
      if (Number(res.rows[0].n) > 0) throw conflict('Des personnes sont déjà inscrites : le rythme du groupe ne peut plus changer. Annulez-le et créez-en un autre.', 'recurrence');
      await tx.delete(eventOccurrence).where(eq(eventOccurrence.eventId, id));
      await tx.insert(eventOccurrence).values(dates.map((d) => ({ eventId: id, startsAt: d.startsAt, endsAt: d.endsAt })));
    }

    let notify: Notified[] = [];
    if (input.status === 'cancelled' && current.status !== 'cancelled') {
      const res = (await tx.execute(sql`
        SELECT u.email, u.first_name, min(o.starts_at) AS starts_at
        FROM event_registration r JOIN event_occurrence o ON o.id = r.occurrence_id JOIN app_user u ON u.id = r.user_id
        WHERE o.event_id = ${id} AND r.status IN ('enrolled', 'waiting') AND o.ends_at > ${now}
        GROUP BY u.email, u.first_name ORDER BY u.email`)) as unknown as { rows: Notified[] };
      notify = res.rows;
    }
    await recordAuditEvent(tx, actor, ctx, {
      action: input.status === 'cancelled' && current.status !== 'cancelled' ? 'event.cancelled' : 'event.updated',
      objectType: 'event',
      objectId: id,
      details: { from: current.status, to: input.status, ...(notify.length ? { notified: notify.length } : {}) },
    });
    return { notify, current };
  });
  for (const n of notify) {
    await deps.mailer.send(
      cancelledMail(n.email, n.first_name, { id, title: input.title, kind: input.kind, address: input.address ?? null, communeName: current.commune_name, videoUrl: null }, new Date(n.starts_at), deps.config.publicUrl),
    );
  }
  return loadEventDetail(deps, actor, id);
}

