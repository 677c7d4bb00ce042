import type { Db } from '../db/client';
import { userToken } from '../db/schema';
import { newToken } from './secrets';

export const VERIFY_HOURS = 48;
export const RESET_HOURS = 1;

/** The single-use links we mail: how long each stays valid and the page it opens. */
const LINKS = {
  verify_email: { hours: VERIFY_HOURS, page: '/verifier-email' },
  reset_password: { hours: RESET_HOURS, page: '/mot-de-passe/nouveau' },
} as const;

/**
 * Stores a single-use token for a mailed link (only its hash is kept; consumeToken spends it) and
 * returns the link. Call it in the transaction that records the audit event; mail after commit.
 */
export async function issueLinkToken(tx: Db, userId: string, purpose: keyof typeof LINKS, now: Date, publicUrl: string): Promise<string> {
  const t = newToken();
  await tx.insert(userToken).values({
    tokenHash: t.hash,
    userId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + LINKS[purpose].hours * 3_600_000),
  });
  return `${publicUrl}${LINKS[purpose].page}?jeton=${t.token}`;
}
