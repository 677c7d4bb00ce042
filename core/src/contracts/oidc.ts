import { z } from 'zod';

/** What the sign-in page needs to show (or hide) the "Se connecter avec …" button. */
export const oidcInfoSchema = z.object({
  enabled: z.boolean(),
  /** The provider's display name, e.g. "Pro Santé Connect"; empty when OpenID Connect is off. */
  name: z.string(),
});
export type OidcInfo = z.infer<typeof oidcInfoSchema>;

/** `/connexion?erreur=oidc`: where a failed OpenID Connect sign-in lands. */
export const OIDC_LOGIN_ERROR = 'oidc';
export const OIDC_DEFAULT_RETURN_TO = '/compte';

/**
 * A path on this site to come back to after sign-in, or null. Only "/x…" is accepted: no scheme,
 * no host, no "//" or "/\" (both read as another host by browsers), no control characters.
 */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(value)) return null;
  try {
    const base = 'http://palliance.invalid';
    const url = new URL(value, base);
    return url.origin === base ? value : null;
  } catch {
    return null;
  }
}

/** A bad returnTo is ignored (the default page is used), never an error: the link still signs in. */
export const oidcStartQuery = z.object({
  returnTo: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => safeReturnTo(v) ?? undefined)
    .describe('Chemin de la plateforme où revenir après la connexion (ex. /compte)'),
});
export type OidcStartQuery = z.infer<typeof oidcStartQuery>;

// The provider's redirect: every field is read leniently, so a malformed answer becomes a
// "connexion impossible" redirect (with an audit event) rather than a JSON 400 in the browser.
const lenient = z.string().optional().catch(undefined);
export const oidcCallbackQuery = z.looseObject({
  code: lenient,
  state: lenient,
  iss: lenient,
  error: lenient,
  error_description: lenient,
});

const claimString = (max: number) =>
  z
    .string()
    .trim()
    .transform((s) => (s.length > max ? s.slice(0, max) : s))
    .optional()
    .catch(undefined);

/**
 * What Palliance reads from the provider (ID token, completed by UserInfo). Pro Santé Connect sends
 * the national identifier in SubjectNameID / preferred_username ("8" + RPPS for RPPS holders).
 */
export const oidcClaims = z.looseObject({
  sub: z.string().min(1).max(255),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email())
    .optional()
    .catch(undefined),
  email_verified: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional()
    .catch(undefined),
  given_name: claimString(100),
  family_name: claimString(100),
  name: claimString(200),
  preferred_username: claimString(100),
  SubjectNameID: claimString(100),
  rpps: claimString(100),
});
export type OidcClaims = z.infer<typeof oidcClaims>;

/** An 11-digit RPPS from the claims that carry one, or null. */
export function rppsFromClaims(claims: Pick<OidcClaims, 'rpps' | 'SubjectNameID' | 'preferred_username'>): string | null {
  for (const v of [claims.rpps, claims.SubjectNameID, claims.preferred_username]) {
    const m = v?.match(/^8?(\d{11})$/);
    if (m) return m[1];
  }
  return null;
}
