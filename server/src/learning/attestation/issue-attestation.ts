import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { PROFESSIONS, type Profession } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { attestation } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';

const WEEK = 7 * 86_400_000;
// Crockford's base 32: no I, L, O, U, so a code read aloud or copied by hand is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 120 random bits in six groups of four characters: unguessable, and short enough to type. */
export function newVerificationCode(): string {
  const bytes = randomBytes(15);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** Estimated hours per week × weeks of the session (a started week counts), to the half hour. */
export function attestationHours(hoursPerWeek: number, startsAt: Date, endsAt: Date): number {
  const weeks = Math.max(1, Math.ceil((endsAt.getTime() - startsAt.getTime()) / WEEK - 1e-9));
  return Math.round(hoursPerWeek * weeks * 2) / 2;
}

/**
 * Issues the learner's attestation of success for the course, once: a second pass (or a retried
 * submission) finds the existing one. Runs in the transaction of the submission that passed.
 */
export async function issueAttestation(
  tx: Db,
  _deps: AppDeps,
  actor: Actor,
  ctx: RequestContext,
  input: { userId: string; courseId: string; sessionId: string; attemptId: string; scorePercent: number; now: Date },
): Promise<{ code: string; created: boolean }> {
  const [existing] = await tx.select({ code: attestation.code }).from(attestation).where(and(eq(attestation.userId, input.userId), eq(attestation.courseId, input.courseId)));
  if (existing) return { code: existing.code, created: false };
  const res = (await tx.execute(sql`
    SELECT u.first_name, u.last_name, u.profession, u.profession_other, c.title, c.estimated_hours_per_week, c.dpc_reference, s.starts_at, s.ends_at
    FROM app_user u, course c, course_session s
    WHERE u.id = ${input.userId} AND c.id = ${input.courseId} AND s.id = ${input.sessionId}`)) as unknown as {
    rows: { first_name: string; last_name: string; profession: string; profession_other: string | null; title: string; estimated_hours_per_week: number; dpc_reference: string | null; starts_at: Date; ends_at: Date }[];
  };
  const r = res.rows[0];
  const startsAt = new Date(r.starts_at);
  const endsAt = new Date(r.ends_at);
  const profession = r.profession === 'autre' && r.profession_other ? r.profession_other : (PROFESSIONS[r.profession as Profession] ?? r.profession);
  const code = newVerificationCode();
  const inserted = await tx
    .insert(attestation)
    .values({
      code,
      userId: input.userId,
      courseId: input.courseId,
      sessionId: input.sessionId,
      attemptId: input.attemptId,
      learnerName: `${r.first_name} ${r.last_name}`.trim(),
      profession,
      courseTitle: r.title,
      hours: attestationHours(Number(r.estimated_hours_per_week), startsAt, endsAt),
      sessionStartsAt: startsAt,
      sessionEndsAt: endsAt,
      scorePercent: input.scorePercent,
      dpcReference: r.dpc_reference,
      issuedAt: input.now,
    })
    .onConflictDoNothing({ target: [attestation.userId, attestation.courseId] })
    .returning({ id: attestation.id });
  if (inserted.length === 0) {
    const [again] = await tx.select({ code: attestation.code }).from(attestation).where(and(eq(attestation.userId, input.userId), eq(attestation.courseId, input.courseId)));
    return { code: again.code, created: false };
  }
  await recordAuditEvent(tx, actor, ctx, {
    action: 'attestation.issued',
    objectType: 'attestation',
    objectId: inserted[0].id,
    details: { courseId: input.courseId, sessionId: input.sessionId, attemptId: input.attemptId, scorePercent: input.scorePercent },
  });
  return { code, created: true };
}
