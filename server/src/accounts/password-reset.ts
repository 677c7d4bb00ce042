import { eq } from 'drizzle-orm';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { appUser } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { AppError } from '../http/errors';
import { passwordChangedMail, passwordResetMail } from './mails';
import { issueLinkToken } from './link-tokens';
import { consumeToken, findUserByEmail, findUserById } from './queries';
import { hashPassword, hashToken, verifyPassword } from './secrets';
import { closeAllSessions } from './sessions';

/** Sends a single-use reset link valid one hour; answers the same whether the address exists or not. */
export async function requestPasswordReset(deps: AppDeps, email: string, ctx: RequestContext): Promise<void> {
  const u = await findUserByEmail(deps.db, email);
  if (!u || u.disabledAt) return;
  const now = deps.now();
  const link = await deps.db.transaction(async (tx) => {
    const l = await issueLinkToken(tx, u.id, 'reset_password', now, deps.config.publicUrl);
    await recordAuditEvent(tx, null, ctx, { action: 'auth.password_reset_requested', objectType: 'user', objectId: u.id });
    return l;
  });
  await deps.mailer.send(passwordResetMail(u.email, link, deps.config.publicUrl));
}

/** Sets the new password, closes every session and unlocks the account. The link works once. */
export async function resetPassword(deps: AppDeps, token: string, password: string, ctx: RequestContext): Promise<void> {
  const now = deps.now();
  const passwordHash = await hashPassword(password);
  const user = await deps.db.transaction(async (tx) => {
    const userId = await consumeToken(tx, hashToken(token), 'reset_password', now);
    if (!userId) return null;
    // Following the link proves the address, so it also counts as verification.
    const [u] = await tx
      .update(appUser)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now })
      .where(eq(appUser.id, userId))
      .returning();
    if (!u.emailVerifiedAt) await tx.update(appUser).set({ emailVerifiedAt: now }).where(eq(appUser.id, userId));
    await closeAllSessions(tx, userId);
    await recordAuditEvent(tx, { id: u.id, email: u.email }, ctx, { action: 'auth.password_reset', objectType: 'user', objectId: u.id });
    return u;
  });
  if (!user) {
    throw new AppError(400, 'invalid_token', "Ce lien n'est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau.", 'token');
  }
  await deps.mailer.send(passwordChangedMail(user.email, deps.config.publicUrl));
}

export async function changePassword(
  deps: AppDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  ctx: RequestContext,
): Promise<void> {
  const u = await findUserById(deps.db, actor.id);
  if (!u || !(await verifyPassword(u.passwordHash, input.currentPassword))) {
    throw new AppError(400, 'invalid_credentials', 'Le mot de passe actuel est incorrect.', 'currentPassword');
  }
  const now = deps.now();
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.update(appUser).set({ passwordHash, updatedAt: now }).where(eq(appUser.id, u.id));
    // Other devices are signed out; this one keeps its session.
    await closeAllSessions(tx, u.id);
    await recordAuditEvent(tx, actor, ctx, { action: 'auth.password_changed', objectType: 'user', objectId: u.id });
  });
  await deps.mailer.send(passwordChangedMail(u.email, deps.config.publicUrl));
}
