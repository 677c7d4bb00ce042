import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-types';
import { loadRoleGrants, findSessionUser } from '../accounts/queries';
import { hashToken } from '../accounts/secrets';
import { SESSION_COOKIE } from '../accounts/sessions';
import type { Config } from '../config';
import { sql } from 'drizzle-orm';
import { assertCan, requireActor, type Action } from './permissions';

const cookieOptions = (config: Config) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: config.publicUrl.startsWith('https://'),
});

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(config), maxAge: config.sessionDays * 86_400 });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(config));
}

// last_seen_at is refreshed at most this often, so reads do not write on every request.
const TOUCH_MS = 5 * 60_000;

/**
 * Sets req.actor from the session cookie; visitors (no cookie, unknown or expired token) are null.
 * The access check runs before the body is read, so a route that needs a session answers 401/403 before judging the input.
 */
export function sessionHook(deps: AppDeps) {
  return async (req: FastifyRequest): Promise<void> => {
    req.actor = null;
    req.ctx = { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token || token.length > 100) return;
    const tokenHash = hashToken(token);
    const now = deps.now();
    const s = await findSessionUser(deps.db, tokenHash, now);
    if (!s || s.disabledAt) return;
    const roles = (await loadRoleGrants(deps.db, [s.userId])).get(s.userId) ?? [];
    req.actor = { id: s.userId, email: s.email, roles, sessionHash: tokenHash };
    if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_MS) {
      const expires = new Date(now.getTime() + deps.config.sessionDays * 86_400_000);
      await deps.db.execute(sql`UPDATE user_session SET last_seen_at = ${now}, expires_at = ${expires} WHERE token_hash = ${tokenHash}`);
    }
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'user': any signed-in user; an Action: checked with can() before the body is read. */
    access?: 'user' | Action;
  }
}

export async function accessHook(req: FastifyRequest): Promise<void> {
  const access = req.routeOptions.config.access;
  if (!access) return;
  if (access === 'user') requireActor(req.actor);
  else assertCan(req.actor, access);
}
