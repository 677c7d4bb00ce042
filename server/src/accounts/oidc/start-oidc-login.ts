import { lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { OidcStartQuery } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { oidcLoginState } from '../../db/schema';
import type { RequestContext } from '../../http/actor';
import { notFound } from '../../http/errors';
import { oidcConfiguration, redirectUri, STATE_TTL_MS } from './oidc-client';

export const oidcDisabled = () => notFound("La connexion par un fournisseur d'identité n'est pas activée sur cette plateforme.");

/**
 * Prepares an authorization code request (PKCE S256, state, nonce) and returns the provider's
 * authorization URL. The state row is the only write: short-lived, anonymous, not audited
 * (the callback audits the outcome). Expired rows are swept here.
 */
export async function startOidcLogin(deps: AppDeps, input: OidcStartQuery, _ctx: RequestContext): Promise<{ url: string; state: string }> {
  const oidc = deps.config.oidc;
  if (!oidc) throw oidcDisabled();
  const configuration = await oidcConfiguration(oidc);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await tx.delete(oidcLoginState).where(lt(oidcLoginState.createdAt, new Date(now.getTime() - STATE_TTL_MS)));
    await tx.insert(oidcLoginState).values({ state, codeVerifier, nonce, returnTo: input.returnTo ?? null, createdAt: now });
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri(deps.config),
    scope: oidc.scopes,
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    // Pro Santé Connect asks for the authentication level (e.g. eidas1).
    ...(oidc.acrValues ? { acr_values: oidc.acrValues } : {}),
  });
  return { url: url.href, state };
}
