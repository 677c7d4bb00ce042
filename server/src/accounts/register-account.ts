import type { Me, RegisterBody } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { appUser, userToken } from '../db/schema';
import type { RequestContext } from '../http/actor';
import { badInput } from '../http/errors';
import { departementExists } from '../territory/queries';
import { alreadyRegisteredMail, verificationMail } from './mails';
import { findUserByEmail, toMe } from './queries';
import { hashPassword, newToken } from './secrets';

export const VERIFY_HOURS = 48;
export const RESET_HOURS = 1;

/**
 * Opens an account and sends the verification mail. An address already registered gets the same
 * answer (no account enumeration) and its owner a mail saying so, with a reset link.
 */
export async function registerAccount(deps: AppDeps, input: RegisterBody, ctx: RequestContext): Promise<{ user: Me | null }> {
  if (!(await departementExists(deps.handle, input.departement))) {
    throw badInput('departement', "Ce département n'existe pas.");
  }
  const now = deps.now();
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(deps.db, input.email);
  if (existing) {
    const reset = newToken();
    await deps.db.transaction(async (tx) => {
      await tx.insert(userToken).values({
        tokenHash: reset.hash,
        userId: existing.id,
        purpose: 'reset_password',
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET_HOURS * 3_600_000),
      });
      await recordAuditEvent(tx, null, ctx, { action: 'account.register_existing', objectType: 'user', objectId: existing.id });
    });
    await deps.mailer.send(alreadyRegisteredMail(existing.email, `${deps.config.publicUrl}/mot-de-passe/nouveau?jeton=${reset.token}`, deps.config.publicUrl));
    return { user: null };
  }
  const verify = newToken();
  const user = await deps.db.transaction(async (tx) => {
    const [u] = await tx
      .insert(appUser)
      .values({
        email: input.email,
        passwordHash,
        firstName: input.firstName,
        lastName: input.lastName,
        profession: input.profession,
        professionOther: input.profession === 'autre' ? (input.professionOther ?? null) : null,
        practiceMode: input.practiceMode,
        departement: input.departement,
        rpps: input.rpps ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!u) return null; // registered a moment ago by a concurrent request
    await tx.insert(userToken).values({
      tokenHash: verify.hash,
      userId: u.id,
      purpose: 'verify_email',
      createdAt: now,
      expiresAt: new Date(now.getTime() + VERIFY_HOURS * 3_600_000),
    });
    await recordAuditEvent(tx, { id: u.id, email: u.email }, ctx, {
      action: 'account.register',
      objectType: 'user',
      objectId: u.id,
      details: { profession: u.profession, departement: u.departement },
    });
    return u;
  });
  if (!user) return { user: null };
  await deps.mailer.send(
    verificationMail(user.email, user.firstName, `${deps.config.publicUrl}/verifier-email?jeton=${verify.token}`, deps.config.publicUrl),
  );
  return { user: toMe(user, []) };
}
