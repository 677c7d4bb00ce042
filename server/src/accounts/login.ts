import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { LoginBody, Me } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { appUser } from '../db/schema';
import type { RequestContext } from '../http/actor';
import { AppError } from '../http/errors';
import { findUserByEmail, loadRoleGrants, toMe } from './queries';
import { verifyPassword } from './secrets';
import { openSession } from './sessions';
import { verifyTotp } from './totp';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

const WRONG = () => new AppError(401, 'invalid_credentials', 'Adresse e-mail ou mot de passe incorrect.', 'password');

export type LoginResult = { status: 'ok'; user: Me; sessionToken: string } | { status: 'totp_required' };

/**
 * Checks the password (and the TOTP code when the account has one), then opens a new session.
 * Five failures in a row lock the account for 15 minutes; every attempt is audited.
 */
export async function login(deps: AppDeps, input: LoginBody, ctx: RequestContext): Promise<LoginResult> {
  const now = deps.now();
  const user = await findUserByEmail(deps.db, input.email);
  // The roles are read while the password is checked (argon2, on the thread pool): one wait fewer
  // for a login, which counts when thousands of learners arrive together.
  const [passwordOk, grants] = await Promise.all([
    verifyPassword(user?.passwordHash ?? null, input.password),
    user ? loadRoleGrants(deps.db, [user.id]) : undefined,
  ]);
  if (!user) {
    await deps.db.transaction((tx) =>
      recordAuditEvent(tx, null, ctx, { action: 'auth.login_failed', objectType: 'user', details: { reason: 'unknown_email' } }),
    );
    throw WRONG();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await deps.db.transaction((tx) =>
      recordAuditEvent(tx, null, ctx, { action: 'auth.login_locked', objectType: 'user', objectId: user.id }),
    );
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new AppError(429, 'account_locked', `Trop d'essais : ce compte est verrouillé pendant encore ${minutes} min. Vous pouvez aussi choisir un nouveau mot de passe.`);
  }
  if (!passwordOk) {
    await deps.db.transaction(async (tx) => {
      const failed = user.failedLogins + 1;
      await tx
        .update(appUser)
        .set({
          failedLogins: failed >= MAX_FAILED_LOGINS ? 0 : failed,
          lockedUntil: failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : user.lockedUntil,
        })
        .where(eq(appUser.id, user.id));
      await recordAuditEvent(tx, null, ctx, {
        action: failed >= MAX_FAILED_LOGINS ? 'auth.account_locked' : 'auth.login_failed',
        objectType: 'user',
        objectId: user.id,
        details: { reason: 'password', failed },
      });
    });
    throw WRONG();
  }
  if (user.disabledAt) {
    throw new AppError(403, 'account_disabled', "Ce compte est désactivé. Contactez l'administrateur de la plateforme.");
  }
  if (!user.emailVerifiedAt) {
    throw new AppError(403, 'email_not_verified', 'Confirmez d\'abord votre adresse e-mail avec le lien reçu. Vous pouvez demander un nouveau lien.', 'email');
  }
  let totpStepUsed: number | null = null;
  if (user.totpEnabledAt && user.totpSecret) {
    if (!input.totp) return { status: 'totp_required' };
    totpStepUsed = verifyTotp(user.totpSecret, input.totp, now, user.totpLastStep);
    if (totpStepUsed === null) {
      await deps.db.transaction((tx) =>
        recordAuditEvent(tx, null, ctx, { action: 'auth.totp_failed', objectType: 'user', objectId: user.id }),
      );
      throw new AppError(401, 'invalid_totp', 'Ce code à usage unique est incorrect ou a déjà servi.', 'totp');
    }
  }
  const opened = await deps.db.transaction(async (tx) => {
    // The step is claimed in the same statement that checks it: two logins with one code cannot both pass.
    const claimed = await tx
      .update(appUser)
      .set({ failedLogins: 0, lockedUntil: null, ...(totpStepUsed !== null ? { totpLastStep: totpStepUsed } : {}) })
      .where(
        totpStepUsed === null
          ? eq(appUser.id, user.id)
          : and(eq(appUser.id, user.id), or(isNull(appUser.totpLastStep), lt(appUser.totpLastStep, totpStepUsed))),
      )
      .returning();
    if (claimed.length === 0) return null;
    const t = await openSession(tx, user.id, ctx, now, deps.config.sessionDays);
    await recordAuditEvent(tx, { id: user.id, email: user.email }, ctx, { action: 'auth.login', objectType: 'user', objectId: user.id });
    return { token: t, row: claimed[0]! };
  });
  if (!opened) throw new AppError(401, 'invalid_totp', 'Ce code à usage unique est incorrect ou a déjà servi.', 'totp');
  // The account as it is now (the update's returned row) with its roles: no second read.
  return { status: 'ok', user: toMe(opened.row, grants?.get(user.id) ?? []), sessionToken: opened.token };
}
