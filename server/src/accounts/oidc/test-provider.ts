import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person known to the test provider; they sign in by typing `sub` (any password) in its login form. */
export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
  SubjectNameID?: string;
  /** Like Pro Santé Connect: the ID token carries only `sub`, the rest comes from UserInfo. */
  userinfoOnly?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Builds the provider with its one client; call it once the platform's callback URL is known. */
  registerClient(redirectUri: string): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider, its development login and consent pages) on
 * 127.0.0.1 and a random port. The port is taken first so the issuer URL can go in the platform's
 * environment; the provider itself is built when the redirect URI is known.
 */
export async function startTestProvider(): Promise<TestProvider> {
  let handler: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end('provider not ready');
  };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'palliance-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const accounts = new Map<string, TestAccount>();

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' };

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    registerClient(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        async findAccount(_ctx: unknown, id: string) {
          const account = accounts.get(id);
          if (!account) return undefined;
          return {
            accountId: id,
            async claims(use: string) {
              const { userinfoOnly, ...claims } = account;
              return use === 'id_token' && userinfoOnly ? { sub: id } : claims;
            },
          };
        },
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['given_name', 'family_name', 'preferred_username', 'SubjectNameID'],
        },
        // Scope claims go in the ID token too (the platform reads the ID token first).
        conformIdTokenClaims: false,
        features: { devInteractions: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: [randomBytes(32).toString('base64url')] },
        jwks: { keys: [signingKey] },
        ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
      });
      handler = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
