import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Db, DbHandle } from './db/client';
import type { Actor, RequestContext } from './http/actor';
import type { Mailer } from './notifications/mailer';
import type { MailCatcher } from './notifications/mail-catcher';

/** What use cases need from the outside world; tests pass their own clock or mailer. */
export interface AppDeps {
  config: Config;
  handle: DbHandle;
  db: Db;
  mailer: Mailer;
  catcher: MailCatcher | null;
  now: () => Date;
}

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
> & { deps: AppDeps };

/** Every route of the app as registered, for the permission and bad-input suites. */
export interface RouteEntry {
  method: string;
  url: string;
  access: string | null;
  /** The route's input contracts (zod), so the permission suites can check their bodies are valid. */
  schema: { body?: unknown; querystring?: unknown; params?: unknown };
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    ctx: RequestContext;
  }
  interface FastifyInstance {
    deps: AppDeps;
    routeTable: RouteEntry[];
  }
}
