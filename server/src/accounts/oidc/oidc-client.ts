import * as client from 'openid-client';
import type { Config } from '../../config';

export type OidcConfig = NonNullable<Config['oidc']>;

export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';
/** How long the provider has to send the user back (the oidc_login_state row lives that long). */
export const STATE_TTL_MS = 10 * 60_000;
/** Short cookie binding the login to the browser that started it (login CSRF defence). */
export const STATE_COOKIE = 'palliance_oidc_state';
export const STATE_COOKIE_PATH = '/api/v1/auth/oidc';

/** The redirect URI registered at the provider; read at each request (tests set publicUrl after listen). */
export const redirectUri = (config: Config) => `${config.publicUrl}${CALLBACK_PATH}`;

// One discovery per configuration and process; a failed one is forgotten so the next login retries.
const cache = new WeakMap<OidcConfig, Promise<client.Configuration>>();

/** The provider's metadata (discovery) with this client's credentials, cached. */
export function oidcConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  let pending = cache.get(oidc);
  if (!pending) {
    pending = discover(oidc);
    cache.set(oidc, pending);
    pending.catch(() => cache.delete(oidc));
  }
  return pending;
}

async function discover(oidc: OidcConfig): Promise<client.Configuration> {
  const execute = oidc.allowHttp ? [client.allowInsecureRequests] : [];
  const discovered = await client.discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, { execute, timeout: 10 });
  const metadata = discovered.serverMetadata();
  // client_secret_basic is the default of the specification (and of Pro Santé Connect);
  // client_secret_post only when the provider says it is the one it takes.
  const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const auth =
    !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
      ? client.ClientSecretPost(oidc.clientSecret)
      : client.ClientSecretBasic(oidc.clientSecret);
  const configuration = new client.Configuration(metadata, oidc.clientId, oidc.clientSecret, auth);
  configuration.timeout = 10;
  for (const fn of execute) fn(configuration);
  return configuration;
}
