import { and, eq } from 'drizzle-orm';
import * as client from 'openid-client';
import { OIDC_DEFAULT_RETURN_TO, oidcClaims, rppsFromClaims, type OidcClaims } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { appUser, oidcLoginState, userIdentity } from '../../db/schema';
import type { RequestContext } from '../../http/actor';
import { findUserByEmail, findUserById, type UserRow } from '../queries';
import { openSession } from '../sessions';
import { oidcConfiguration, STATE_TTL_MS, type OidcConfig } from './oidc-client';
import { oidcDisabled } from './start-oidc-login';

export interface FinishOidcInput {
  /** The callback address as the provider called it: this platform's public URL and the query received. */
  callbackUrl: URL;
  /** The state cookie set by /start in this browser. */
  stateCookie: string | undefined;
}

export type OidcOutcome = 'login' | 'linked' | 'created';

export type FinishOidcResult =
  | { status: 'ok'; sessionToken: string; userId: string; returnTo: string; outcome: OidcOutcome }
  | { status: 'failed'; reason: string; error?: unknown };

/** A refused sign-in: the reason goes to the audit log, the user only sees "connexion impossible". */
class OidcFailure extends Error {
  constructor(
    readonly reason: string,
    readonly details: Record<string, unknown> = {},
    readonly userId: string | null = null,
    readonly error?: unknown,
  ) {
    super(reason);
  }
}

/**
 * Completes the authorization code flow: checks the state (bound to this browser, single use,
 * 10 minutes), exchanges the code (PKCE, nonce, ID token signature and issuer checked by
 * openid-client), then finds, links or creates the account and opens a session.
 * Never throws once OpenID Connect is configured: every failure is audited and returned.
 */
export async function finishOidcLogin(deps: AppDeps, input: FinishOidcInput, ctx: RequestContext): Promise<FinishOidcResult> {
  const oidc = deps.config.oidc;
  if (!oidc) throw oidcDisabled();
  try {
    return await finish(deps, oidc, input, ctx);
  } catch (err) {
    const failure = err instanceof OidcFailure ? err : new OidcFailure('internal', {}, null, err);
    try {
      await deps.db.transaction((tx) =>
        recordAuditEvent(tx, null, ctx, {
          action: 'auth.oidc_failed',
          objectType: 'user',
          objectId: failure.userId,
          details: { provider: oidc.issuer, reason: failure.reason, ...failure.details },
        }),
      );
    } catch (auditErr) {
      return { status: 'failed', reason: failure.reason, error: failure.error ?? auditErr };
    }
    return { status: 'failed', reason: failure.reason, error: failure.error };
  }
}

async function finish(deps: AppDeps, oidc: OidcConfig, input: FinishOidcInput, ctx: RequestContext): Promise<FinishOidcResult> {
  const params = input.callbackUrl.searchParams;
  const state = params.get('state');
  if (!state) throw new OidcFailure('missing_state');
  // The state must come back to the browser that asked for it: a link forged with someone
  // else's code and state cannot sign a victim in to the forger's account.
  if (!input.stateCookie || input.stateCookie !== state) throw new OidcFailure('state_mismatch');
  const [row] = await deps.db.delete(oidcLoginState).where(eq(oidcLoginState.state, state)).returning();
  if (!row) throw new OidcFailure('unknown_state');
  const now = deps.now();
  if (now.getTime() - row.createdAt.getTime() > STATE_TTL_MS) throw new OidcFailure('expired_state');

  const providerError = params.get('error');
  if (providerError) {
    throw new OidcFailure('provider_error', {
      error: providerError.slice(0, 100),
      description: params.get('error_description')?.slice(0, 300) ?? null,
    });
  }

  let configuration: client.Configuration;
  try {
    configuration = await oidcConfiguration(oidc);
  } catch (err) {
    throw new OidcFailure('discovery_failed', { error: errorCode(err) }, null, err);
  }
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, input.callbackUrl, {
      pkceCodeVerifier: row.codeVerifier,
      expectedState: row.state,
      expectedNonce: row.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw new OidcFailure('exchange_failed', { error: errorCode(err) }, null, err);
  }
  const idToken = tokens.claims();
  if (!idToken) throw new OidcFailure('no_id_token');

  // Some providers (Pro Santé Connect among them) put little more than `sub` in the ID token:
  // the rest comes from UserInfo, bound to the same subject. The ID token wins where both speak.
  let raw: Record<string, unknown> = { ...idToken };
  const userinfoEndpoint = configuration.serverMetadata().userinfo_endpoint;
  if (userinfoEndpoint && (!idToken.email || !idToken.given_name || !idToken.family_name)) {
    try {
      raw = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
    } catch {
      // Not fatal: the ID token may be enough (an identity already linked needs only `sub`).
    }
  }
  const parsed = oidcClaims.safeParse(raw);
  if (!parsed.success) throw new OidcFailure('bad_claims');
  const claims = parsed.data;

  const result = await deps.db.transaction(async (tx) => {
    const { user, outcome } = await resolveUser(tx, oidc.issuer, claims, now, ctx);
    if (user.disabledAt) throw new OidcFailure('account_disabled', {}, user.id);
    const sessionToken = await openSession(tx, user.id, ctx, now, deps.config.sessionDays);
    await recordAuditEvent(tx, { id: user.id, email: user.email }, ctx, {
      action: 'auth.oidc_login',
      objectType: 'user',
      objectId: user.id,
      details: { provider: oidc.issuer, outcome },
    });
    return { sessionToken, userId: user.id, outcome };
  });
  return { status: 'ok', ...result, returnTo: row.returnTo ?? OIDC_DEFAULT_RETURN_TO };
}

/** The identity already linked; else the account with the provider-verified e-mail, linked; else a new account. */
async function resolveUser(
  tx: Db,
  provider: string,
  claims: OidcClaims,
  now: Date,
  ctx: RequestContext,
): Promise<{ user: UserRow; outcome: OidcOutcome }> {
  const [identity] = await tx
    .select({ userId: userIdentity.userId })
    .from(userIdentity)
    .where(and(eq(userIdentity.provider, provider), eq(userIdentity.subject, claims.sub)))
    .limit(1);
  if (identity) {
    const user = await findUserById(tx, identity.userId);
    if (user) return { user, outcome: 'login' };
  }

  if (!claims.email) throw new OidcFailure('no_email');
  const emailVerified = claims.email_verified === true;
  const existing = await findUserByEmail(tx, claims.email);
  if (existing) {
    // Only an address the provider vouches for may take over an existing account.
    if (!emailVerified) throw new OidcFailure('email_not_verified', {}, existing.id);
    if (existing.disabledAt) throw new OidcFailure('account_disabled', {}, existing.id);
    await tx.insert(userIdentity).values({ provider, subject: claims.sub, userId: existing.id, createdAt: now }).onConflictDoNothing();
    let user = existing;
    const wasUnverified = !existing.emailVerifiedAt;
    if (wasUnverified) {
      // Never confirmed here: whoever registered it may not own the address. The provider says
      // the owner is signing in now, so the address is confirmed and the unproven password dropped.
      [user] = await tx
        .update(appUser)
        .set({ emailVerifiedAt: now, passwordHash: null, totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now })
        .where(eq(appUser.id, existing.id))
        .returning();
    }
    await recordAuditEvent(tx, { id: user.id, email: user.email }, ctx, {
      action: 'account.oidc_linked',
      objectType: 'user',
      objectId: user.id,
      details: { provider, subject: claims.sub, ...(wasUnverified ? { emailConfirmed: true, passwordRemoved: true } : {}) },
    });
    return { user, outcome: 'linked' };
  }

  const rpps = rppsFromClaims(claims);
  const [firstName, lastName] = names(claims);
  const [created] = await tx
    .insert(appUser)
    .values({
      email: claims.email,
      emailVerifiedAt: emailVerified ? now : null,
      passwordHash: null,
      firstName,
      lastName,
      profession: 'autre',
      professionOther: null,
      practiceMode: 'autre',
      departement: null,
      rpps,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  // The same address registered a moment ago by another request.
  if (!created) throw new OidcFailure('email_taken');
  await tx.insert(userIdentity).values({ provider, subject: claims.sub, userId: created.id, createdAt: now });
  await recordAuditEvent(tx, { id: created.id, email: created.email }, ctx, {
    action: 'account.oidc_created',
    objectType: 'user',
    objectId: created.id,
    details: { provider, subject: claims.sub, emailVerified, rpps: !!rpps },
  });
  return { user: created, outcome: 'created' };
}

/** given_name / family_name, else `name` split at its first space; empty strings the user fills in later. */
function names(claims: OidcClaims): [string, string] {
  if (claims.given_name || claims.family_name) return [claims.given_name ?? '', claims.family_name ?? ''];
  const full = claims.name ?? '';
  const space = full.indexOf(' ');
  return space > 0 ? [full.slice(0, space), full.slice(space + 1).slice(0, 100)] : [full.slice(0, 100), ''];
}

function errorCode(err: unknown): string {
  const e = err as { error?: unknown; code?: unknown; name?: unknown };
  const v = typeof e?.error === 'string' ? e.error : typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'unknown';
  return v.slice(0, 100);
}
