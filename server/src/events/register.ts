import { and, asc, eq, sql } from 'drizzle-orm';
import type { MyEventRegistration } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import { appUser, eventRegistration } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { AppError, notFound } from '../http/errors';
import { requireActor } from '../http/permissions';
import { mayOrganise } from './access';
import { promotedMail, type MailEvent } from './mails';
import { getRegistration } from './queries';

export interface LockedOccurrence {
  id: string;
  event_id: string;
  starts_at: Date;
  ends_at: Date;
  title: string;
  kind: string;
  status: string;
  seat_cap: number | null;
  departement: string;
  created_by: string | null;
  address: string | null;
  commune_name: string | null;
  video_url: string | null;
}

/**
 * Locks the date's row for the rest of the transaction: every registration and withdrawal of a
 * date goes through this lock, so two people cannot both take its last seat.
 */
export async function lockOccurrence(tx: Db, actor: Actor | null, occurrenceId: string): Promise<LockedOccurrence> {
  const res = (await tx.execute(sql`
    SELECT o.id, o.event_id, o.starts_at, o.ends_at, e.title, e.kind, e.status, e.seat_cap, e.departement, e.created_by, e.address, c.nom AS commune_name, e.video_url
    FROM event_occurrence o JOIN event e ON e.id = o.event_id LEFT JOIN commune c ON c.code = e.commune_code
    WHERE o.id = ${occurrenceId}
    FOR UPDATE OF o`)) as unknown as { rows: LockedOccurrence[] };
  const o = res.rows[0];
  if (!o || (o.status === 'draft' && !mayOrganise(actor, o))) throw notFound("Cette date n'existe pas.");
  return o;
}

export const mailEvent = (o: LockedOccurrence): MailEvent => ({ id: o.event_id, title: o.title, kind: o.kind, address: o.address, communeName: o.commune_name, videoUrl: o.video_url });

async function enrolledCount(tx: Db, occurrenceId: string): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(eventRegistration).where(and(eq(eventRegistration.occurrenceId, occurrenceId), eq(eventRegistration.status, 'enrolled')));
  return Number(r.n);
}

/**
 * Registers the signed-in user to one date. When every seat is taken they join the waiting list.
 * Registering again answers the existing registration (the pair date + person is unique).
 */
export async function register(deps: AppDeps, actor: Actor | null, occurrenceId: string, ctx: RequestContext): Promise<{ registration: MyEventRegistration; created: boolean }> {
  const a = requireActor(actor);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const o = await lockOccurrence(tx, a, occurrenceId);
    const [existing] = await tx.select().from(eventRegistration).where(and(eq(eventRegistration.occurrenceId, occurrenceId), eq(eventRegistration.userId, a.id)));
    if (existing && existing.status !== 'withdrawn') return { registration: (await getRegistration(tx, occurrenceId, a.id))!, created: false };
    if (o.status === 'cancelled') throw new AppError(409, 'event_cancelled', 'Cet événement est annulé : les inscriptions sont fermées.');
    if (o.status !== 'published') throw new AppError(409, 'event_not_published', "Cet événement n'est pas encore publié.");
    if (new Date(o.starts_at).getTime() <= now.getTime()) throw new AppError(409, 'registration_closed', 'Cette date est passée ou a commencé : les inscriptions sont closes.');

    // Fair order: while someone waits, a newcomer waits too.
    const [queue] = await tx
      .select({ n: sql<number>`count(*)::int`, last: sql<number | null>`max(${eventRegistration.waitingPosition})` })
      .from(eventRegistration)
      .where(and(eq(eventRegistration.occurrenceId, occurrenceId), eq(eventRegistration.status, 'waiting')));
    const full = o.seat_cap !== null && (Number(queue.n) > 0 || (await enrolledCount(tx, occurrenceId)) >= o.seat_cap);
    const status = full ? 'waiting' : 'enrolled';
    const waitingPosition = full ? Number(queue.last ?? 0) + 1 : null;
    let id: string;
    if (existing) {
      // Coming back after a withdrawal: a fresh registration, attendance and reminders start over.
      await tx.update(eventRegistration).set({ status, waitingPosition, attendance: null, attendanceMarkedAt: null, updatedAt: now }).where(eq(eventRegistration.id, existing.id));
      await tx.execute(sql`DELETE FROM event_reminder WHERE registration_id = ${existing.id}`);
      id = existing.id;
    } else {
      const [row] = await tx.insert(eventRegistration).values({ occurrenceId, userId: a.id, status, waitingPosition, createdAt: now, updatedAt: now }).returning({ id: eventRegistration.id });
      id = row.id;
    }
    await recordAuditEvent(tx, a, ctx, {
      action: full ? 'event.waitlisted' : 'event.registered',
      objectType: 'event_registration',
      objectId: id,
      details: { occurrenceId, eventId: o.event_id, ...(full ? { waitingPosition } : {}) },
    });
    return { registration: (await getRegistration(tx, occurrenceId, a.id))!, created: true };
  });
}

/**
 * Withdraws the signed-in user. A freed seat goes, in the same transaction, to the first in the
 * waiting list, who is told by e-mail once the change is committed.
 */
export async function withdraw(deps: AppDeps, actor: Actor | null, occurrenceId: string, ctx: RequestContext): Promise<MyEventRegistration> {
  const a = requireActor(actor);
  const now = deps.now();
  const { result, promoted, occ } = await deps.db.transaction(async (tx) => {
    const o = await lockOccurrence(tx, a, occurrenceId);
    const [mine] = await tx.select().from(eventRegistration).where(and(eq(eventRegistration.occurrenceId, occurrenceId), eq(eventRegistration.userId, a.id)));
    if (!mine || mine.status === 'withdrawn') throw notFound("Vous n'êtes pas inscrit(e) à cette date.");
    await tx.update(eventRegistration).set({ status: 'withdrawn', waitingPosition: null, updatedAt: now }).where(eq(eventRegistration.id, mine.id));
    await recordAuditEvent(tx, a, ctx, { action: 'event.withdrawn', objectType: 'event_registration', objectId: mine.id, details: { occurrenceId, eventId: o.event_id, from: mine.status } });

    let promoted: { email: string; firstName: string } | null = null;
    const upcoming = new Date(o.starts_at).getTime() > now.getTime();
    if (mine.status === 'enrolled' && upcoming && o.status === 'published' && o.seat_cap !== null && (await enrolledCount(tx, occurrenceId)) < o.seat_cap) {
      const [next] = await tx
        .select({ id: eventRegistration.id, userId: eventRegistration.userId, email: appUser.email, firstName: appUser.firstName })
        .from(eventRegistration)
        .innerJoin(appUser, eq(appUser.id, eventRegistration.userId))
        .where(and(eq(eventRegistration.occurrenceId, occurrenceId), eq(eventRegistration.status, 'waiting')))
        .orderBy(asc(eventRegistration.waitingPosition))
        .limit(1);
      if (next) {
        await tx.update(eventRegistration).set({ status: 'enrolled', waitingPosition: null, updatedAt: now }).where(eq(eventRegistration.id, next.id));
        await recordAuditEvent(tx, a, ctx, { action: 'event.promoted', objectType: 'event_registration', objectId: next.id, details: { occurrenceId, eventId: o.event_id, userId: next.userId } });
        promoted = { email: next.email, firstName: next.firstName };
      }
    }
    return { result: (await getRegistration(tx, occurrenceId, a.id))!, promoted, occ: o };
  });
  if (promoted) await deps.mailer.send(promotedMail(promoted.email, promoted.firstName, mailEvent(occ), new Date(occ.starts_at), deps.config.publicUrl));
  return result;
}
