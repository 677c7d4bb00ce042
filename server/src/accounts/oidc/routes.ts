import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { OIDC_LOGIN_ERROR, oidcCallbackQuery, oidcInfoSchema, oidcStartQuery } from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Config } from '../../config';
import { setSessionCookie } from '../../http/session';
import { closeSession } from '../sessions';
import { finishOidcLogin } from './finish-oidc-login';
import { CALLBACK_PATH, STATE_COOKIE, STATE_COOKIE_PATH, STATE_TTL_MS } from './oidc-client';
import { oidcDisabled, startOidcLogin } from './start-oidc-login';

const FAILED = `/connexion?erreur=${OIDC_LOGIN_ERROR}`;

const stateCookieOptions = (config: Config) => ({
  path: STATE_COOKIE_PATH,
  httpOnly: true,
  // Lax: sent back on the provider's top-level redirect to the callback.
  sameSite: 'lax' as const,
  secure: config.publicUrl.startsWith('https://'),
});

const redirect = (reply: FastifyReply, to: string) => reply.header('cache-control', 'no-store').redirect(to, 302);

export async function oidcRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const limited = { rateLimit: { max: deps.config.authRatePerMinute, timeWindow: '1 minute' } };
  const tags = ['Comptes'];
  const redirectAnswer = { 302: z.null().describe('Redirection') };

  app.get(
    '/api/v1/auth/oidc',
    { schema: { tags, summary: "Connexion par un fournisseur d'identité (OpenID Connect) : est-elle proposée ?", response: { 200: oidcInfoSchema } } },
    async () => ({ enabled: !!deps.config.oidc, name: deps.config.oidc?.name ?? '' }),
  );

  app.get(
    '/api/v1/auth/oidc/start',
    {
      config: limited,
      schema: { tags, summary: "Redirige vers le fournisseur d'identité", querystring: oidcStartQuery, response: redirectAnswer },
    },
    async (req, reply) => {
      if (!deps.config.oidc) throw oidcDisabled();
      let started: { url: string; state: string };
      try {
        started = await startOidcLogin(deps, req.query, req.ctx);
      } catch (err) {
        // Provider unreachable or database down: the browser gets the sign-in page with a message.
        req.log.error({ err }, 'OpenID Connect: start failed');
        await deps.db
          .transaction((tx) =>
            recordAuditEvent(tx, null, req.ctx, {
              action: 'auth.oidc_failed',
              objectType: 'user',
              details: { provider: deps.config.oidc!.issuer, reason: 'start_failed' },
            }),
          )
          .catch(() => {});
        return redirect(reply, FAILED);
      }
      reply.setCookie(STATE_COOKIE, started.state, { ...stateCookieOptions(deps.config), maxAge: STATE_TTL_MS / 1000 });
      return redirect(reply, started.url);
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      config: limited,
      schema: { tags, summary: "Retour du fournisseur d'identité", querystring: oidcCallbackQuery, response: redirectAnswer },
    },
    async (req, reply) => {
      if (!deps.config.oidc) throw oidcDisabled();
      // The address the provider was given, whatever proxy stands in front: public URL + query received.
      const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      const callbackUrl = new URL(`${deps.config.publicUrl}${CALLBACK_PATH}${search}`);
      const result = await finishOidcLogin(deps, { callbackUrl, stateCookie: req.cookies[STATE_COOKIE] }, req.ctx);
      reply.clearCookie(STATE_COOKIE, stateCookieOptions(deps.config));
      if (result.status === 'failed') {
        if (result.reason === 'internal') req.log.error({ err: result.error }, 'OpenID Connect: callback failed');
        else req.log.warn({ reason: result.reason, err: result.error }, 'OpenID Connect: sign-in refused');
        return redirect(reply, FAILED);
      }
      // A new session at each sign-in; the one this browser had, if any, is closed.
      if (req.actor) await closeSession(deps.db, req.actor.sessionHash).catch(() => {});
      setSessionCookie(reply, deps.config, result.sessionToken);
      return redirect(reply, result.returnTo);
    },
  );
}
