import { and, eq, inArray } from 'drizzle-orm';
import { PROFESSIONS, type AttendanceBody, type OccurrenceRegistrants } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { eventRegistration } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { AppError, badInput, forbidden } from '../http/errors';
import { requireActor } from '../http/permissions';
import { mayOrganise } from './access';
import { attendanceStats, iso, listRegistrants } from './queries';
import { lockOccurrence } from './register';

/** The organiser's sheet of a date: who is registered or waiting, and who came. */
export async function occurrenceRegistrants(deps: AppDeps, actor: Actor | null, occurrenceId: string): Promise<OccurrenceRegistrants> {
  const a = requireActor(actor);
  return deps.db.transaction(async (tx) => {
    const o = await lockOccurrence(tx, a, occurrenceId);
    if (!mayOrganise(a, o)) throw forbidden("Seuls les organisateurs voient la liste des inscrits.");
    const now = deps.now();
    return {
      occurrenceId,
      eventId: o.event_id,
      eventTitle: o.title,
      startsAt: iso(o.starts_at),
      endsAt: iso(o.ends_at),
      attendanceOpen: new Date(o.starts_at).getTime() <= now.getTime(),
      registrants: await listRegistrants(tx, occurrenceId),
      attendance: await attendanceStats(tx, { occurrenceId }, now),
    };
  });
}

/** Ticks present or absent; only organisers, only once the date has begun, only for the registered. */
export async function markAttendance(deps: AppDeps, actor: Actor | null, occurrenceId: string, body: AttendanceBody, ctx: RequestContext): Promise<OccurrenceRegistrants> {
  const a = requireActor(actor);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const o = await lockOccurrence(tx, a, occurrenceId);
    if (!mayOrganise(a, o)) throw forbidden("Seuls les organisateurs pointent les présences.");
    if (new Date(o.starts_at).getTime() > now.getTime()) throw new AppError(409, 'attendance_not_open', "Les présences se pointent à partir du début de l'événement.");
    const ids = body.marks.map((m) => m.registrationId);
    const rows = await tx
      .select({ id: eventRegistration.id })
      .from(eventRegistration)
      .where(and(eq(eventRegistration.occurrenceId, occurrenceId), eq(eventRegistration.status, 'enrolled'), inArray(eventRegistration.id, ids)));
    const known = new Set(rows.map((r) => r.id));
    const unknown = body.marks.findIndex((m) => !known.has(m.registrationId));
    if (unknown >= 0) throw badInput(`marks.${unknown}.registrationId`, "Cette personne n'est pas inscrite à cette date.");
    for (const m of body.marks) {
      await tx.update(eventRegistration).set({ attendance: m.present ? 'present' : 'absent', attendanceMarkedAt: now, updatedAt: now }).where(eq(eventRegistration.id, m.registrationId));
    }
    await recordAuditEvent(tx, a, ctx, {
      action: 'event.attendance_marked',
      objectType: 'event_occurrence',
      objectId: occurrenceId,
      details: { eventId: o.event_id, present: body.marks.filter((m) => m.present).length, absent: body.marks.filter((m) => !m.present).length },
    });
  });
  return occurrenceRegistrants(deps, a, occurrenceId);
}

// A cell starting with = + - @ would be run as a formula by a spreadsheet: prefix it.
const cell = (v: string) => {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The attendance sheet as CSV for a spreadsheet in French (semicolons, BOM so accents show). */
export async function attendanceCsv(deps: AppDeps, actor: Actor | null, occurrenceId: string): Promise<{ filename: string; body: string }> {
  const sheet = await occurrenceRegistrants(deps, actor, occurrenceId);
  const when = new Date(sheet.startsAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
  const lines = [
    ['Événement', 'Date', 'Nom', 'Prénom', 'Adresse e-mail', 'Profession', 'Statut', 'Présence'].join(';'),
    ...sheet.registrants.map((r) =>
      [
        sheet.eventTitle,
        when,
        r.lastName,
        r.firstName,
        r.email,
        PROFESSIONS[r.profession as keyof typeof PROFESSIONS] ?? r.profession,
        r.status === 'enrolled' ? 'Inscrit(e)' : `Liste d'attente (${r.waitingRank})`,
        r.attendance === 'present' ? 'Présent(e)' : r.attendance === 'absent' ? 'Absent(e)' : '',
      ]
        .map(cell)
        .join(';'),
    ),
  ];
  const day = sheet.startsAt.slice(0, 10);
  return { filename: `presences-${day}-${occurrenceId.slice(0, 8)}.csv`, body: `\uFEFF${lines.join('\r\n')}\r\n` };
}
