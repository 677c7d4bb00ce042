import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  isActionOverdue,
  isValidDueDate,
  placeCase,
  upcomingMeetings,
  type RcpAgenda,
  type RcpCase,
  type rcpCaseInputSchema,
  type rcpReportInputSchema,
  type rcpSeriesInputSchema,
} from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { findUserById } from '../../accounts/queries';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { rcpAction, rcpAttendance, rcpCase, rcpSeries } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { assertCan, can, requireActor } from '../../http/permissions';
import { badInput, conflict, forbidden, notFound } from '../../http/errors';
import { createNotifications, deliverNotificationMails } from '../../notifications/in-app/notify';
import { assertCircleMember, readAsCircleMember } from '../patient-access';
import { caseForReport, ownerCandidates } from './action-owners';
import { attendanceLines } from './attendance-sheet';
import { countsByMeeting, loadSeries, seriesView, type Criterion } from './series-view';

const nameOf = async (db: Db, a: Actor) => {
  const me = await findUserById(db, a.id);
  return `${me?.firstName ?? ''} ${me?.lastName ?? ''}`.trim() || a.email;
};

/** Territory coordinators set up the recurring meeting of their department. */
export async function createSeries(deps: AppDeps, actor: Actor | null, input: z.output<typeof rcpSeriesInputSchema>, ctx: RequestContext) {
  assertCan(actor, 'rcp.organise', { departement: input.departement });
  const now = deps.now();
  const row = await deps.db.transaction(async (tx) => {
    const [r] = await tx.insert(rcpSeries).values({ ...input, createdBy: actor.id, createdAt: now }).returning();
    await recordAuditEvent(tx, actor, ctx, { action: 'rcp.series_created', objectType: 'rcp_series', objectId: r.id, details: { departement: input.departement } });
    return r;
  });
  return seriesView(deps.db, row, now);
}

export async function listSeries(deps: AppDeps, departement: string | undefined) {
  const rows = await deps.db.select().from(rcpSeries).where(departement ? eq(rcpSeries.departement, departement) : undefined).orderBy(asc(rcpSeries.departement), asc(rcpSeries.title));
  const now = deps.now();
  return Promise.all(rows.map((r) => seriesView(deps.db, r, now)));
}

/** Minimal identity for the meeting: initials and age, never the name or the address. */
const patientLabelSql = sql<string>`upper(left(p.first_name, 1)) || '. ' || upper(left(p.last_name, 1)) || '.' || coalesce(', ' || date_part('year', age(p.birth_date))::int || ' ans', '')`;

async function loadCases(db: Db, where: ReturnType<typeof sql>, now: Date): Promise<RcpCase[]> {
  const res = (await db.execute(sql`
    SELECT c.id, c.series_id, c.meeting_at, c.patient_id, ${patientLabelSql} AS patient_label, c.question, c.submitter_name, c.status, c.report, c.created_at
    FROM rcp_case c JOIN patient p ON p.id = c.patient_id WHERE ${where} ORDER BY c.meeting_at, c.created_at, c.id`)) as unknown as {
    rows: { id: string; series_id: string; meeting_at: Date | string; patient_id: string; patient_label: string; question: string; submitter_name: string; status: 'scheduled' | 'discussed'; report: { summary: string; decisions: string } | null; created_at: Date | string }[];
  };
  const ids = res.rows.map((r) => r.id);
  const actions = ids.length
    ? ((await db.execute(sql`
        SELECT a.id, a.case_id, a.label, a.owner_id, a.due_on::text AS due_on, a.done_at, coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), u.email) AS owner_name
        FROM rcp_action a JOIN app_user u ON u.id = a.owner_id WHERE a.case_id = ANY (${`{${ids.join(',')}}`}::uuid[]) ORDER BY a.due_on, a.id`)) as unknown as {
        rows: { id: string; case_id: string; label: string; owner_id: string; due_on: string; done_at: Date | string | null; owner_name: string }[];
      }).rows
    : [];
  return res.rows.map((r) => ({
    id: r.id,
    seriesId: r.series_id,
    meetingAt: new Date(r.meeting_at).toISOString(),
    // Whether it went past a full meeting is said at submission; afterwards the date speaks.
    postponed: false,
    patientId: r.patient_id,
    patientLabel: r.patient_label,
    question: r.question,
    submitterName: r.submitter_name,
    status: r.status,
    report: r.report,
    actions: actions
      .filter((a) => a.case_id === r.id)
      .map((a) => {
        const doneAt = a.done_at ? new Date(a.done_at).toISOString() : null;
        return { id: a.id, label: a.label, ownerId: a.owner_id, ownerName: a.owner_name, dueOn: a.due_on, doneAt, overdue: isActionOverdue({ dueOn: a.due_on, doneAt }, now) };
      }),
  }));
}

/**
 * A circle member submits a case about their patient. The access criteria are a checklist: every
 * criterion of the meeting must be ticked. The case goes on the next meeting with room under the
 * cap; if that is a later one, the answer says so (postponed: true).
 */
export async function submitCase(deps: AppDeps, actor: Actor | null, patientId: string, input: z.output<typeof rcpCaseInputSchema>, ctx: RequestContext): Promise<RcpCase> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const a = access.actor;
  const [existing] = await deps.db.select({ id: rcpCase.id, patientId: rcpCase.patientId }).from(rcpCase).where(and(eq(rcpCase.submittedBy, a.id), eq(rcpCase.idempotencyKey, input.idempotencyKey)));
  if (existing) {
    if (existing.patientId !== patientId) throw conflict("Cette clé d'idempotence a déjà servi pour un autre patient.", 'idempotencyKey');
    return (await loadCases(deps.db, sql`c.id = ${existing.id}`, deps.now()))[0];
  }
  const series = await deps.db.select().from(rcpSeries).where(eq(rcpSeries.id, input.seriesId));
  const s = series[0];
  if (!s) throw badInput('seriesId', "Cette réunion n'existe pas.");
  const missing = (s.criteria as Criterion[]).filter((c) => !input.criteriaChecked.includes(c.id));
  if (missing.length) throw badInput('criteriaChecked', `Critère d’accès non coché : « ${missing[0].text} ».`);
  const now = deps.now();
  const name = await nameOf(deps.db, a);
  const meetings = upcomingMeetings(s, now, 8);
  const id = await deps.db.transaction(async (tx) => {
    // Serialise submissions to this meeting series so two at once cannot both take the last place.
    await tx.execute(sql`SELECT id FROM rcp_series WHERE id = ${s.id} FOR UPDATE`);
    const counts = await countsByMeeting(tx, s.id, meetings);
    const place = placeCase(meetings, (m) => counts.get(m.getTime()) ?? 0, s.maxCases);
    if (!place) throw conflict('Les huit prochaines réunions sont complètes : contactez les coordinateurs du territoire.');
    const [r] = await tx
      .insert(rcpCase)
      .values({ seriesId: s.id, meetingAt: place.meetingAt, patientId, submittedBy: a.id, submitterName: name, idempotencyKey: input.idempotencyKey, question: input.question, criteriaChecked: input.criteriaChecked, createdAt: now })
      .returning({ id: rcpCase.id });
    await recordAuditEvent(tx, a, ctx, { action: 'patient.rcp_case_submitted', objectType: 'patient', objectId: patientId, details: { caseId: r.id, seriesId: s.id, meetingAt: place.meetingAt.toISOString(), postponed: place.postponed } });
    return { id: r.id, postponed: place.postponed };
  });
  const [view] = await loadCases(deps.db, sql`c.id = ${id.id}`, now);
  return { ...view, postponed: id.postponed };
}

export async function listPatientCases(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext): Promise<RcpCase[]> {
  await readAsCircleMember(deps, actor, patientId, ctx, 'rcp_cases');
  return loadCases(deps.db, sql`c.patient_id = ${patientId}`, deps.now());
}

const isParticipant = async (db: Db, seriesId: string, meetingAt: Date, userId: string) =>
  (await db.select({ u: rcpAttendance.userId }).from(rcpAttendance).where(and(eq(rcpAttendance.seriesId, seriesId), eq(rcpAttendance.meetingAt, meetingAt), eq(rcpAttendance.userId, userId)))).length > 0;

/** A professional says they take part in a meeting (attendance, kept per meeting). */
export async function attend(deps: AppDeps, actor: Actor | null, seriesId: string, meetingAt: Date, ctx: RequestContext) {
  const a = requireActor(actor);
  const s = await loadSeries(deps.db, seriesId);
  const now = deps.now();
  const valid = upcomingMeetings(s, new Date(now.getTime() - 7 * 86_400_000), 10).some((m) => m.getTime() === meetingAt.getTime());
  if (!valid) throw badInput('meetingAt', 'Cette date ne correspond à aucune réunion de cette série.');
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(rcpAttendance)
      .values({ seriesId, meetingAt, userId: a.id, registeredAt: now })
      .onConflictDoUpdate({ target: [rcpAttendance.seriesId, rcpAttendance.meetingAt, rcpAttendance.userId], set: { registered: true } });
    await recordAuditEvent(tx, a, ctx, { action: 'rcp.attendance', objectType: 'rcp_series', objectId: seriesId, details: { meetingAt: meetingAt.toISOString() } });
  });
  return agenda(deps, a, seriesId, meetingAt, ctx);
}

/**
 * The agenda of one meeting: what its participants and organisers see of each case is the minimal
 * identity (initials, age) and the question; the file itself stays behind the circle check.
 */
export async function agenda(deps: AppDeps, actor: Actor | null, seriesId: string, meetingAt: Date, ctx: RequestContext): Promise<RcpAgenda> {
  const a = requireActor(actor);
  const s = await loadSeries(deps.db, seriesId);
  const organiser = can(a, 'rcp.organise', { departement: s.departement });
  if (!organiser && !(await isParticipant(deps.db, seriesId, meetingAt, a.id))) throw forbidden('Inscrivez-vous à la réunion pour voir son ordre du jour.');
  await recordAuditEvent(deps.db, a, ctx, { action: 'rcp.agenda_read', objectType: 'rcp_series', objectId: seriesId, details: { meetingAt: meetingAt.toISOString() } });
  const cases = await loadCases(deps.db, sql`c.series_id = ${seriesId} AND c.meeting_at = ${meetingAt}`, deps.now());
  const participants = (await deps.db.execute(sql`
    SELECT coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), u.email) AS name FROM rcp_attendance r JOIN app_user u ON u.id = r.user_id
    WHERE r.series_id = ${seriesId} AND r.meeting_at = ${meetingAt} AND r.registered ORDER BY r.registered_at`)) as unknown as { rows: { name: string }[] };
  const now = deps.now();
  const sheet = await attendanceLines(deps.db, seriesId, meetingAt, organiser ? a.id : null);
  return {
    series: await seriesView(deps.db, s, now),
    meetingAt: meetingAt.toISOString(),
    started: meetingAt.getTime() <= now.getTime(),
    participants: participants.rows.map((p) => p.name),
    attendance: sheet.lines,
    attendanceRecordedAt: sheet.recordedAt,
    cases: cases.map((c) => ({ id: c.id, patientLabel: c.patientLabel, question: c.question, submitterName: c.submitterName, status: c.status })),
  };
}

/**
 * The standard report of a case (question asked, summary, decisions, actions with an owner and a due
 * date), written by a member of the patient's circle or an organiser of the meeting. It lands in the
 * patient's pathway (the case becomes "discussed"); owners of actions are told.
 */
export async function writeReport(deps: AppDeps, actor: Actor | null, caseId: string, input: z.output<typeof rcpReportInputSchema>, ctx: RequestContext): Promise<RcpCase> {
  const { a, c } = await caseForReport(deps, actor, caseId, ctx);
  if (c.status === 'discussed') throw conflict('Le compte-rendu de ce cas est déjà écrit.');
  const now = deps.now();
  const owners = input.actions.length ? new Set((await ownerCandidates(deps.db, c, now)).map((o) => o.userId)) : new Set<string>();
  for (const [i, act] of input.actions.entries()) {
    if (!isValidDueDate(act.dueOn, now)) throw badInput(`actions.${i}.dueOn`, 'L’échéance d’une action ne peut pas être passée.');
    if (!owners.has(act.ownerId)) throw badInput(`actions.${i}.ownerId`, 'Le responsable de l’action doit être un membre du cercle de soins du patient ou un participant de la réunion : choisissez-le dans la liste.');
  }
  const created = await deps.db.transaction(async (tx) => {
    const done = await tx
      .update(rcpCase)
      .set({ status: 'discussed', report: { summary: input.summary, decisions: input.decisions }, discussedAt: now })
      .where(and(eq(rcpCase.id, caseId), eq(rcpCase.status, 'scheduled')))
      .returning({ id: rcpCase.id });
    if (!done.length) throw conflict('Le compte-rendu de ce cas est déjà écrit.');
    if (input.actions.length) await tx.insert(rcpAction).values(input.actions.map((x) => ({ caseId, patientId: c.patientId, label: x.label, ownerId: x.ownerId, dueOn: x.dueOn, createdAt: now })));
    await recordAuditEvent(tx, a, ctx, { action: 'patient.rcp_report_written', objectType: 'patient', objectId: c.patientId, details: { caseId, actions: input.actions.length } });
    const owners = [...new Set(input.actions.map((x) => x.ownerId))].filter((u) => u !== a.id);
    return createNotifications(
      tx,
      owners.map((userId) => ({ userId, kind: 'rcp.action_assigned', title: 'Une action vous est confiée après une mini-RCP', body: 'Le détail et l’échéance sont dans « Mes actions ».', link: '/coordination/rcp/actions' })),
      now,
    );
  });
  await deliverNotificationMails(deps, created);
  return (await loadCases(deps.db, sql`c.id = ${caseId}`, now))[0];
}

/** My open actions (overdue ones flagged), nearest due date first. */
export async function myActions(deps: AppDeps, actor: Actor | null) {
  const a = requireActor(actor);
  const now = deps.now();
  const res = (await deps.db.execute(sql`
    SELECT a.id, a.case_id, a.patient_id, ${patientLabelSql} AS patient_label, a.label, a.due_on::text AS due_on, a.done_at
    FROM rcp_action a JOIN patient p ON p.id = a.patient_id WHERE a.owner_id = ${a.id} AND a.done_at IS NULL ORDER BY a.due_on, a.id`)) as unknown as {
    rows: { id: string; case_id: string; patient_id: string; patient_label: string; label: string; due_on: string; done_at: null }[];
  };
  return res.rows.map((r) => ({ id: r.id, caseId: r.case_id, patientId: r.patient_id, patientLabel: r.patient_label, label: r.label, dueOn: r.due_on, doneAt: null, overdue: isActionOverdue({ dueOn: r.due_on, doneAt: null }, now) }));
}

export async function markActionDone(deps: AppDeps, actor: Actor | null, actionId: string, ctx: RequestContext) {
  const a = requireActor(actor);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [r] = await tx.update(rcpAction).set({ doneAt: now }).where(and(eq(rcpAction.id, actionId), eq(rcpAction.ownerId, a.id), isNull(rcpAction.doneAt))).returning({ patientId: rcpAction.patientId });
    if (!r) throw notFound("Cette action n'est pas dans vos actions ouvertes.");
    await recordAuditEvent(tx, a, ctx, { action: 'patient.rcp_action_done', objectType: 'patient', objectId: r.patientId, details: { actionId } });
  });
  return myActions(deps, a);
}

/** For the territorial indicators: cases discussed in mini-RCP (seed 004: "nombre de cas discutés en mini-RCP"). */
export async function rcpCasesDiscussed(deps: Pick<AppDeps, 'db'>, filter: { departement?: string; from?: Date; to?: Date } = {}): Promise<{ count: number; byDepartement: Record<string, number> }> {
  const conds = [eq(rcpCase.status, 'discussed')];
  if (filter.departement) conds.push(eq(rcpSeries.departement, filter.departement));
  if (filter.from) conds.push(gte(rcpCase.discussedAt, filter.from));
  if (filter.to) conds.push(lte(rcpCase.discussedAt, filter.to));
  const rows = await deps.db
    .select({ departement: rcpSeries.departement, n: sql<number>`count(*)::int` })
    .from(rcpCase)
    .innerJoin(rcpSeries, eq(rcpSeries.id, rcpCase.seriesId))
    .where(and(...conds))
    .groupBy(rcpSeries.departement);
  const byDepartement = Object.fromEntries(rows.map((r) => [r.departement, Number(r.n)]));
  return { count: rows.reduce((s, r) => s + Number(r.n), 0), byDepartement };
}

