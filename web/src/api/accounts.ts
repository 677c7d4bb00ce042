import type { z } from 'zod';
import type {
  DeleteAccountBody,
  loginBody,
  loginResultSchema,
  Me,
  passwordChangeBody,
  profileUpdateBody,
  registerBody,
  totpSetupSchema,
} from '@palliance/core';
import { get, post, put } from './http';

export type RegisterInput = z.input<typeof registerBody>;
export type ProfileInput = z.input<typeof profileUpdateBody>;
export type LoginInput = z.input<typeof loginBody>;
export type LoginResult = z.infer<typeof loginResultSchema>;
export type PasswordChangeInput = z.input<typeof passwordChangeBody>;
export type TotpSetup = z.infer<typeof totpSetupSchema>;
export interface OidcInfo {
  enabled: boolean;
  name: string;
}

type Ok = { ok: true };

export const register = (body: RegisterInput) => post<Ok>('/api/v1/auth/register', body);
export const verifyEmail = (token: string) => post<Ok>('/api/v1/auth/verify-email', { token });
export const resendVerification = (email: string) => post<Ok>('/api/v1/auth/resend-verification', { email });
export const login = (body: LoginInput) => post<LoginResult>('/api/v1/auth/login', body);
export const logout = () => post<void>('/api/v1/auth/logout');
export const requestPasswordReset = (email: string) => post<Ok>('/api/v1/auth/password-reset/request', { email });
export const resetPassword = (token: string, password: string) => post<Ok>('/api/v1/auth/password-reset', { token, password });

export const getMe = () => get<Me>('/api/v1/me');
/** Who is signed in: null for a visitor (no 401 in the console on every page). */
export const getSession = () => get<{ user: Me | null }>('/api/v1/session');
export const updateProfile = (body: ProfileInput) => put<Me>('/api/v1/me/profile', body);
export const changePassword = (body: PasswordChangeInput) => post<Ok>('/api/v1/me/password', body);
export const setupTotp = () => post<TotpSetup>('/api/v1/me/totp/setup');
export const confirmTotp = (code: string) => post<Me>('/api/v1/me/totp/confirm', { code });
export const deleteMyAccount = (body: DeleteAccountBody) => post<void>('/api/v1/me/delete', body);
export const disableTotp = (code: string) => post<Me>('/api/v1/me/totp/disable', { code });

/** OpenID Connect (Pro Santé Connect) login; an older server without the route means "disabled". */
export async function getOidcInfo(): Promise<OidcInfo> {
  try {
    const info = await get<Partial<OidcInfo>>('/api/v1/auth/oidc');
    return { enabled: info.enabled === true, name: typeof info.name === 'string' && info.name ? info.name : 'Pro Santé Connect' };
  } catch {
    return { enabled: false, name: '' };
  }
}

export function oidcStartUrl(returnTo: string): string {
  return `/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
}
