import type { Me, RegisterBody } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { appUser } from '../db/schema';
import type { RequestContext } from '../http/actor';
import { badInput } from '../http/errors';
import { departementExists } from '../territory/queries';
import { alreadyRegisteredMail, verificationMail } from './mails';
import { issueLinkToken } from './link-tokens';
import { findUserByEmail, toMe } from './queries';
import { hashPassword } from './secrets';

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
    const resetLink = await deps.db.transaction(async (tx) => {
      const l = await issueLinkToken(tx, existing.id, 'reset_password', now, deps.config.publicUrl);
      await recordAuditEvent(tx, null, ctx, { action: 'account.register_existing', objectType: 'user', objectId: existing.id });
      return l;
    });
    await deps.mailer.send(alreadyRegisteredMail(existing.email, resetLink, deps.config.publicUrl));
    return { user: null };
  }
  const created = await deps.db.transaction(async (tx) => {
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
    const verifyLink = await issueLinkToken(tx, u.id, 'verify_email', now, deps.config.publicUrl);
    await recordAuditEvent(tx, { id: u.id, email: u.email }, ctx, {
      action: 'account.register',
      objectType: 'user',
      objectId: u.id,
      details: { profession: u.profession, departement: u.departement },
    });
    return { user: u, verifyLink };
  });
  if (!created) return { user: null };
  const { user, verifyLink } = created;
  await deps.mailer.send(verificationMail(user.email, user.firstName, verifyLink, deps.config.publicUrl));
  return { user: toMe(user, []) };
}
