import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { userSession } from '../db/schema';
import type { RequestContext } from '../http/actor';
import { newToken } from './secrets';

export const SESSION_COOKIE = 'palliance_session';

/** Opens a new session (a new token at every login: no session fixation). */
export async function openSession(tx: Db, userId: string, ctx: RequestContext, now: Date, days: number): Promise<string> {
  const { token, hash } = newToken();
  await tx.insert(userSession).values({
    tokenHash: hash,
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + days * 86_400_000),
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

export async function closeSession(tx: Db, tokenHash: string): Promise<void> {
  await tx.delete(userSession).where(eq(userSession.tokenHash, tokenHash));
}

export async function closeAllSessions(tx: Db, userId: string): Promise<void> {
  await tx.delete(userSession).where(eq(userSession.userId, userId));
}
