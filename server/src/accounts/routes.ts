import { z } from 'zod';
import {
  loginBody,
  loginResultSchema,
  meSchema,
  passwordChangeBody,
  passwordResetBody,
  passwordResetRequestBody,
  profileUpdateBody,
  registerBody,
  tokenBody,
  totpConfirmBody,
  totpSetupSchema,
} from '@palliance/core';
import type { AppInstance } from '../app-types';
import { requireActor } from '../http/permissions';
import { clearSessionCookie, setSessionCookie } from '../http/session';
import { login } from './login';
import { changePassword, requestPasswordReset, resetPassword } from './password-reset';
import { loadMe } from './queries';
import { registerAccount } from './register-account';
import { closeSession, openSession } from './sessions';
import { confirmTotp, disableTotp, setupTotp } from './totp-settings';
import { updateProfile } from './update-profile';
import { resendVerification, verifyEmail } from './verify-email';
import { unauthenticated } from '../http/errors';
import { recordAuditEvent } from '../audit/record-audit-event';

const ok = z.object({ ok: z.literal(true) });

export async function accountRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const limited = { rateLimit: { max: deps.config.authRatePerMinute, timeWindow: '1 minute' } };
  const signedIn = { access: 'user' as const };
  const signedInLimited = { ...limited, ...signedIn };
  const tags = ['Comptes'];

  app.post(
    '/api/v1/auth/register',
    { config: limited, schema: { tags, summary: 'Créer un compte', body: registerBody, response: { 201: ok } } },
    async (req, reply) => {
      await registerAccount(deps, req.body, req.ctx);
      return reply.status(201).send({ ok: true });
    },
  );

  app.post('/api/v1/auth/verify-email', { config: limited, schema: { tags, body: tokenBody, response: { 200: ok } } }, async (req) => {
    await verifyEmail(deps, req.body.token, req.ctx);
    return { ok: true as const };
  });

  app.post(
    '/api/v1/auth/resend-verification',
    { config: limited, schema: { tags, body: passwordResetRequestBody, response: { 202: ok } } },
    async (req, reply) => {
      await resendVerification(deps, req.body.email, req.ctx);
      return reply.status(202).send({ ok: true });
    },
  );

  app.post('/api/v1/auth/login', { config: limited, schema: { tags, body: loginBody, response: { 200: loginResultSchema } } }, async (req, reply) => {
    const result = await login(deps, req.body, req.ctx);
    if (result.status === 'totp_required') return { status: 'totp_required' as const };
    // The old session, if any, is dropped: a new token at each login.
    if (req.actor) await closeSession(deps.db, req.actor.sessionHash);
    setSessionCookie(reply, deps.config, result.sessionToken);
    return { status: 'ok' as const, user: result.user };
  });

  app.post('/api/v1/auth/logout', { schema: { tags, response: { 204: z.null() } } }, async (req, reply) => {
    if (req.actor) {
      const actor = req.actor;
      await deps.db.transaction(async (tx) => {
        await closeSession(tx, actor.sessionHash);
        await recordAuditEvent(tx, actor, req.ctx, { action: 'auth.logout', objectType: 'user', objectId: actor.id });
      });
    }
    clearSessionCookie(reply, deps.config);
    return reply.status(204).send(null);
  });

  app.post(
    '/api/v1/auth/password-reset/request',
    { config: limited, schema: { tags, body: passwordResetRequestBody, response: { 202: ok } } },
    async (req, reply) => {
      await requestPasswordReset(deps, req.body.email, req.ctx);
      return reply.status(202).send({ ok: true });
    },
  );

  app.post('/api/v1/auth/password-reset', { config: limited, schema: { tags, body: passwordResetBody, response: { 200: ok } } }, async (req) => {
    await resetPassword(deps, req.body.token, req.body.password, req.ctx);
    return { ok: true as const };
  });

  // The web app asks this at every page load: a visitor gets 200 with null, not a 401 in the console.
  app.get('/api/v1/session', { schema: { tags, summary: 'Qui est connecté', response: { 200: z.object({ user: meSchema.nullable() }) } } }, async (req) => ({
    user: req.actor ? ((await loadMe(deps.db, req.actor.id)) ?? null) : null,
  }));

  app.get('/api/v1/me', { config: signedIn, schema: { tags, summary: 'Mon compte', response: { 200: meSchema } } }, async (req) => {
    const actor = requireActor(req.actor);
    const me = await loadMe(deps.db, actor.id);
    if (!me) throw unauthenticated();
    return me;
  });

  app.put('/api/v1/me/profile', { config: signedIn, schema: { tags, body: profileUpdateBody, response: { 200: meSchema } } }, async (req) =>
    updateProfile(deps, requireActor(req.actor), req.body, req.ctx),
  );

  app.post('/api/v1/me/password', { config: signedInLimited, schema: { tags, body: passwordChangeBody, response: { 200: ok } } }, async (req, reply) => {
    await changePassword(deps, requireActor(req.actor), req.body, req.ctx);
    // Every session was closed; this device gets a fresh one.
    const actor = requireActor(req.actor);
    const token = await openSession(deps.db, actor.id, req.ctx, deps.now(), deps.config.sessionDays);
    setSessionCookie(reply, deps.config, token);
    return { ok: true as const };
  });

  app.post('/api/v1/me/totp/setup', { config: signedIn, schema: { tags, response: { 200: totpSetupSchema } } }, async (req) =>
    setupTotp(deps, requireActor(req.actor), req.ctx),
  );
  app.post('/api/v1/me/totp/confirm', { config: signedInLimited, schema: { tags, body: totpConfirmBody, response: { 200: meSchema } } }, async (req) =>
    confirmTotp(deps, requireActor(req.actor), req.body.code, req.ctx),
  );
  app.post('/api/v1/me/totp/disable', { config: signedInLimited, schema: { tags, body: totpConfirmBody, response: { 200: meSchema } } }, async (req) =>
    disableTotp(deps, requireActor(req.actor), req.body.code, req.ctx),
  );
}
