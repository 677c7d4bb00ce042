import { eq } from 'drizzle-orm';
import type { DeleteAccountBody } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { verifyPassword } from '../accounts/secrets';
import { findUserById } from '../accounts/queries';
import { recordAuditEvent } from '../audit/record-audit-event';
import { appUser } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, notFound } from '../http/errors';
import { personalDataSources } from './personal-data';

/** The name under which what the person wrote in shared spaces (forum, notes) stays readable. */
export const pseudonymFor = (userId: string) => ({ firstName: 'Ancien membre', lastName: userId.slice(0, 8).toUpperCase() });

/**
 * Deletes an account: identity, credentials, sessions and roles go; the row stays, emptied and
 * disabled, so that forum posts keep a pseudonymous author and the audit trail stays whole.
 * All of it in one transaction: a failure leaves the account as it was.
 */
export async function deleteAccount(deps: AppDeps, actor: Actor, input: DeleteAccountBody, ctx: RequestContext): Promise<void> {
  const user = await findUserById(deps.db, actor.id);
  if (!user || user.deletedAt) throw notFound();
  // An account created through Pro Santé Connect has no password: the confirmation word is enough.
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.password ?? ''))) {
    throw badInput('password', 'Mot de passe incorrect.');
  }
  for (const source of personalDataSources) await source.before?.(deps, actor, ctx);
  await deps.db.transaction(async (tx) => {
    for (const source of personalDataSources) await source.erase?.(tx, actor.id);
    const now = deps.now();
    await tx
      .update(appUser)
      .set({
        ...pseudonymFor(actor.id),
        email: `supprime-${actor.id}@compte-supprime.invalid`,
        emailVerifiedAt: null,
        passwordHash: null,
        professionOther: null,
        rpps: null,
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        disabledAt: now,
        deletedAt: now,
        updatedAt: now,
      })
      .where(eq(appUser.id, actor.id));
    await recordAuditEvent(tx, actor, ctx, { action: 'account.deleted', objectType: 'user', objectId: actor.id });
  });
}
