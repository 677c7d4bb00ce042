import { and, asc, eq, sql } from 'drizzle-orm';
import { registrationState, spocAdmits, type Enrolment, type SessionEnrolment, type SpocAccess } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import { appUser, enrolment } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { AppError, notFound } from '../http/errors';
import { assertCan, requireActor } from '../http/permissions';
import { promotedMail } from './mails';
import { getEnrolment, listSessionEnrolments } from './queries';
import { mayEditCourse } from './read-courses';

interface LockedSession {
  id: string;
  title: string;
  course_id: string;
  course_title: string;
  course_kind: 'mooc' | 'spoc';
  course_status: string;
  spoc_access: SpocAccess;
  registration_opens_at: Date;
  registration_closes_at: Date;
  starts_at: Date;
  seat_cap: number | null;
}

/**
 * Locks the session row for the rest of the transaction: every enrolment and withdrawal of a
 * session goes through this lock, so two learners cannot both take its last seat.
 */
async function lockSession(tx: Db, actor: Actor, sessionId: string): Promise<LockedSession> {
  const res = (await tx.execute(sql`
    SELECT s.id, s.title, s.course_id, c.title AS course_title, c.kind AS course_kind, c.status AS course_status, c.spoc_access,
           s.registration_opens_at, s.registration_closes_at, s.starts_at, s.seat_cap
    FROM course_session s JOIN course c ON c.id = s.course_id
    WHERE s.id = ${sessionId}
    FOR UPDATE OF s`)) as unknown as { rows: LockedSession[] };
  const s = res.rows[0];
  if (!s || (s.course_status !== 'published' && !mayEditCourse(actor, s.course_id))) throw notFound("Cette session n'existe pas.");
  return s;
}

const frDay = (d: Date) => new Date(d).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });

async function enrolledCount(tx: Db, sessionId: string): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(enrolment).where(and(eq(enrolment.sessionId, sessionId), eq(enrolment.status, 'enrolled')));
  return Number(r.n);
}

/**
 * Registers the signed-in user to a session: free but mandatory. Checks the registration window
 * and, for a SPOC, the invitation code, profession or address list; when every seat is taken the
 * user joins the waiting list. Enrolling again returns the existing enrolment.
 */
export async function enrol(deps: AppDeps, actor: Actor | null, sessionId: string, body: { invitationCode?: string }, ctx: RequestContext): Promise<{ enrolment: Enrolment; created: boolean }> {
  const a = requireActor(actor);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const s = await lockSession(tx, a, sessionId);
    const [existing] = await tx.select().from(enrolment).where(and(eq(enrolment.sessionId, sessionId), eq(enrolment.userId, a.id)));
    if (existing && existing.status !== 'withdrawn') return { enrolment: (await getEnrolment(tx, sessionId, a.id))!, created: false };

    const state = registrationState({ registrationOpensAt: new Date(s.registration_opens_at), registrationClosesAt: new Date(s.registration_closes_at) }, now);
    if (state === 'not_yet_open') {
      throw new AppError(409, 'registration_not_open', `Les inscriptions à cette session ouvrent le ${frDay(s.registration_opens_at)}.`, 'registrationOpensAt');
    }
    if (state === 'closed') {
      throw new AppError(409, 'registration_closed', `Les inscriptions à cette session sont closes depuis le ${frDay(s.registration_closes_at)}.`, 'registrationClosesAt');
    }
    if (s.course_kind === 'spoc') {
      const [u] = await tx.select({ profession: appUser.profession, email: appUser.email }).from(appUser).where(eq(appUser.id, a.id));
      const verdict = spocAdmits(s.spoc_access ?? {}, { profession: u.profession, email: u.email, invitationCode: body.invitationCode });
      if (!verdict.ok) {
        throw new AppError(
          403,
          'forbidden',
          verdict.reason === 'wrong_code'
            ? "Ce code d'invitation n'est pas le bon. Vérifiez-le dans le message d'invitation."
            : "Ce cours est un SPOC à accès restreint : votre profession ou votre adresse n'est pas sur la liste. Saisissez le code d'invitation que vous avez reçu.",
          'invitationCode',
        );
      }
    }

    // Fair order: while someone waits, a newcomer waits too.
    const [queue] = await tx
      .select({ n: sql<number>`count(*)::int`, last: sql<number | null>`max(${enrolment.waitingPosition})` })
      .from(enrolment)
      .where(and(eq(enrolment.sessionId, sessionId), eq(enrolment.status, 'waiting')));
    const full = s.seat_cap !== null && (Number(queue.n) > 0 || (await enrolledCount(tx, sessionId)) >= s.seat_cap);
    const status = full ? 'waiting' : 'enrolled';
    const waitingPosition = full ? Number(queue.last ?? 0) + 1 : null;
    let id: string;
    if (existing) {
      await tx.update(enrolment).set({ status, waitingPosition, updatedAt: now }).where(eq(enrolment.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await tx.insert(enrolment).values({ sessionId, userId: a.id, status, waitingPosition, createdAt: now, updatedAt: now }).returning({ id: enrolment.id });
      id = row.id;
    }
    await recordAuditEvent(tx, a, ctx, {
      action: full ? 'session.waitlisted' : 'session.enrolled',
      objectType: 'enrolment',
      objectId: id,
      details: { sessionId, courseId: s.course_id, ...(full ? { waitingPosition } : {}), ...(body.invitationCode ? { withInvitationCode: true } : {}) },
    });
    return { enrolment: (await getEnrolment(tx, sessionId, a.id))!, created: true };
  });
}

/**
 * Withdraws the signed-in user. A freed seat goes, in the same transaction, to the first in the
 * waiting list, who is told by e-mail once the change is committed.
 */
export async function withdraw(deps: AppDeps, actor: Actor | null, sessionId: string, ctx: RequestContext): Promise<Enrolment> {
  const a = requireActor(actor);
  const now = deps.now();
  const { result, promoted, session } = await deps.db.transaction(async (tx) => {
    const s = await lockSession(tx, a, sessionId);
    const [mine] = await tx.select().from(enrolment).where(and(eq(enrolment.sessionId, sessionId), eq(enrolment.userId, a.id)));
    if (!mine || mine.status === 'withdrawn') throw notFound("Vous n'êtes pas inscrit(e) à cette session.");
    await tx.update(enrolment).set({ status: 'withdrawn', waitingPosition: null, updatedAt: now }).where(eq(enrolment.id, mine.id));
    await recordAuditEvent(tx, a, ctx, { action: 'session.withdrawn', objectType: 'enrolment', objectId: mine.id, details: { sessionId, courseId: s.course_id, from: mine.status } });

    let promoted: { email: string; firstName: string } | null = null;
    if (mine.status === 'enrolled' && s.seat_cap !== null && (await enrolledCount(tx, sessionId)) < s.seat_cap) {
      const [next] = await tx
        .select({ id: enrolment.id, userId: enrolment.userId, email: appUser.email, firstName: appUser.firstName })
        .from(enrolment)
        .innerJoin(appUser, eq(appUser.id, enrolment.userId))
        .where(and(eq(enrolment.sessionId, sessionId), eq(enrolment.status, 'waiting')))
        .orderBy(asc(enrolment.waitingPosition))
        .limit(1);
      if (next) {
        await tx.update(enrolment).set({ status: 'enrolled', waitingPosition: null, updatedAt: now }).where(eq(enrolment.id, next.id));
        await recordAuditEvent(tx, a, ctx, { action: 'session.promoted', objectType: 'enrolment', objectId: next.id, details: { sessionId, courseId: s.course_id, userId: next.userId } });
        promoted = { email: next.email, firstName: next.firstName };
      }
    }
    return { result: (await getEnrolment(tx, sessionId, a.id))!, promoted, session: s };
  });
  if (promoted) {
    await deps.mailer.send(
      promotedMail(promoted.email, promoted.firstName, { id: session.course_id, title: session.course_title }, { title: session.title, startsAt: new Date(session.starts_at) }, deps.config.publicUrl),
    );
  }
  return result;
}

/** The teaching team's view: who is enrolled or waiting, with profession and department. */
export async function sessionEnrolments(deps: AppDeps, actor: Actor | null, sessionId: string): Promise<SessionEnrolment[]> {
  const a = requireActor(actor);
  const res = (await deps.db.execute(sql`SELECT course_id FROM course_session WHERE id = ${sessionId}`)) as unknown as { rows: { course_id: string }[] };
  const courseId = res.rows[0]?.course_id;
  if (!courseId) throw notFound("Cette session n'existe pas.");
  if (!mayEditCourse(a, courseId)) assertCan(a, 'learning.teach', { courseId });
  return listSessionEnrolments(deps.db, sessionId);
}
