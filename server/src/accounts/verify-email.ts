import { eq } from 'drizzle-orm';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { appUser } from '../db/schema';
import type { RequestContext } from '../http/actor';
import { AppError } from '../http/errors';
import { verificationMail } from './mails';
import { issueLinkToken } from './link-tokens';
import { consumeToken, findUserByEmail } from './queries';
import { hashToken } from './secrets';

export async function verifyEmail(deps: AppDeps, token: string, ctx: RequestContext): Promise<void> {
  const now = deps.now();
  const ok = await deps.db.transaction(async (tx) => {
    const userId = await consumeToken(tx, hashToken(token), 'verify_email', now);
    if (!userId) return false;
    const [u] = await tx.update(appUser).set({ emailVerifiedAt: now, updatedAt: now }).where(eq(appUser.id, userId)).returning();
    await recordAuditEvent(tx, { id: u.id, email: u.email }, ctx, { action: 'account.verify_email', objectType: 'user', objectId: u.id });
    return true;
  });
  if (!ok) {
    throw new AppError(400, 'invalid_token', "Ce lien de confirmation n'est plus valable. Demandez-en un nouveau depuis la page de connexion.", 'token');
  }
}

/** Sends a new verification link; says nothing about whether the address exists. */
export async function resendVerification(deps: AppDeps, email: string, ctx: RequestContext): Promise<void> {
  const u = await findUserByEmail(deps.db, email);
  if (!u || u.emailVerifiedAt || u.disabledAt) return;
  const now = deps.now();
  const link = await deps.db.transaction(async (tx) => {
    const l = await issueLinkToken(tx, u.id, 'verify_email', now, deps.config.publicUrl);
    await recordAuditEvent(tx, null, ctx, { action: 'account.resend_verification', objectType: 'user', objectId: u.id });
    return l;
  });
  await deps.mailer.send(verificationMail(u.email, u.firstName, link, deps.config.publicUrl));
}
