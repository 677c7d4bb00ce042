import { and, eq, sql } from 'drizzle-orm';
import { satisfactionInputSchema, type SatisfactionAnswer, type SatisfactionStatus } from '@palliance/core';
import type { z } from 'zod';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { courseSatisfaction } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { conflict, forbidden, notFound } from '../../http/errors';
import { requireActor } from '../../http/permissions';

type Row = typeof courseSatisfaction.$inferSelect;
type Input = z.output<typeof satisfactionInputSchema>;

const toAnswer = (r: Row): SatisfactionAnswer => ({
  sessionId: r.sessionId,
  rating: r.rating,
  useful: r.useful,
  wouldRecommend: r.wouldRecommend,
  comment: r.comment,
  answeredAt: r.createdAt.toISOString(),
});

/**
 * Whether the survey is open to this learner: enrolled in the session, and the course at its end
 * (the session is over, or its last module has opened). Seed 000 asks at the end of the course,
 * when the learner can judge the whole of it.
 */
async function offer(db: Db, userId: string, sessionId: string, now: Date): Promise<{ offered: boolean; reason: string | null }> {
  const r = ((await db.execute(sql`
    SELECT s.ends_at, c.status,
      (SELECT e.status FROM enrolment e WHERE e.session_id = s.id AND e.user_id = ${userId}) AS enrolment,
      (SELECT max(opens_at) FROM module_release mr WHERE mr.session_id = s.id) AS last_opens_at
    FROM course_session s JOIN course c ON c.id = s.course_id WHERE s.id = ${sessionId}`)) as unknown as {
    rows: { ends_at: Date | string; status: string; enrolment: string | null; last_opens_at: Date | string | null }[];
  }).rows[0];
  if (!r || r.status !== 'published') throw notFound("Cette session n'existe pas.");
  if (r.enrolment !== 'enrolled') return { offered: false, reason: 'Le questionnaire de satisfaction est réservé aux inscrits de cette session.' };
  const endsAt = new Date(r.ends_at).getTime();
  const lastOpens = r.last_opens_at ? new Date(r.last_opens_at).getTime() : null;
  if (endsAt <= now.getTime() || (lastOpens !== null && lastOpens <= now.getTime())) return { offered: true, reason: null };
  return { offered: false, reason: 'Le questionnaire de satisfaction s’ouvre à la fin du cours, quand le dernier module est disponible.' };
}

async function findAnswer(db: Db, userId: string, sessionId: string): Promise<Row | null> {
  const [r] = await db.select().from(courseSatisfaction).where(and(eq(courseSatisfaction.sessionId, sessionId), eq(courseSatisfaction.userId, userId)));
  return r ?? null;
}

export async function satisfactionStatus(deps: AppDeps, actor: Actor | null, sessionId: string): Promise<SatisfactionStatus> {
  const a = requireActor(actor);
  const o = await offer(deps.db, a.id, sessionId, deps.now());
  const row = await findAnswer(deps.db, a.id, sessionId);
  return { sessionId, offered: o.offered && !row, reason: row ? 'Vous avez déjà répondu, merci.' : o.reason, answer: row ? toAnswer(row) : null };
}

const same = (r: Row, i: Input) => r.rating === i.rating && r.useful === i.useful && r.wouldRecommend === i.wouldRecommend && r.comment === i.comment;

/**
 * Stores the learner's answer once per session. The same answer sent again (a retried request)
 * gets the stored one back (200); a different one is refused (409): the survey is answered once.
 */
export async function answerSatisfaction(deps: AppDeps, actor: Actor | null, sessionId: string, input: Input, ctx: RequestContext): Promise<{ created: boolean; answer: SatisfactionAnswer }> {
  const a = requireActor(actor);
  return deps.db.transaction(async (tx) => {
    const existing = await findAnswer(tx, a.id, sessionId);
    if (existing) {
      if (same(existing, input)) return { created: false, answer: toAnswer(existing) };
      throw conflict('Vous avez déjà répondu au questionnaire de satisfaction de cette session.');
    }
    const o = await offer(tx, a.id, sessionId, deps.now());
    if (!o.offered) throw forbidden(o.reason ?? undefined);
    const [row] = await tx
      .insert(courseSatisfaction)
      .values({ sessionId, userId: a.id, rating: input.rating, useful: input.useful, wouldRecommend: input.wouldRecommend, comment: input.comment, createdAt: deps.now() })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      // Two identical requests at once: the other one stored it.
      const again = await findAnswer(tx, a.id, sessionId);
      if (again && same(again, input)) return { created: false, answer: toAnswer(again) };
      throw conflict('Vous avez déjà répondu au questionnaire de satisfaction de cette session.');
    }
    await recordAuditEvent(tx, a, ctx, { action: 'course.satisfaction_answered', objectType: 'course_session', objectId: sessionId, details: { rating: input.rating } });
    return { created: true, answer: toAnswer(row) };
  });
}
