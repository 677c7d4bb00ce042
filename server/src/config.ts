import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'doit valoir true ou false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number({ error: 'doit être un numéro de port' }).int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url({ error: 'doit être une URL (ex. https://palliance.example.org)' }).optional(),
    DATA_DIR: z.string().default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: 'doit commencer par postgres://' })
      .optional(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DEMO_DATA: bool.optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, { error: 'doit commencer par smtp:// ou smtps://' }).optional(),
    MAIL_FROM: z.string().default('Palliance <ne-pas-repondre@palliance.example.org>'),
    MAIL_CATCHER_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
    OIDC_ISSUER: z.url({ error: "doit être l'URL de l'émetteur OpenID Connect" }).optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_PROVIDER_NAME: z.string().default('Pro Santé Connect'),
    OIDC_SCOPES: z.string().default('openid email profile'),
    OIDC_ALLOW_HTTP: bool.default(false),
    OIDC_ACR_VALUES: z.string().optional(),
    TRUST_PROXY: bool.default(false),
    SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(10),
    QUEUE_ENABLED: bool.default(true),
    WARM_CACHES: bool.optional(),
    WORKERS: z.coerce.number({ error: 'doit être un nombre de processus' }).int().min(1).max(64).default(1),
    MAP_TILE_URL: z
      .string()
      .regex(/^https:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/, { error: 'doit être une URL https de tuiles avec {z}, {x} et {y}' })
      .optional(),
    MAP_TILE_ATTRIBUTION: z.string().max(300).optional(),
    AUDIT_RETENTION_DAYS: z.coerce.number({ error: 'doit être un nombre de jours' }).int().min(30, { error: 'doit valoir au moins 30 jours' }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.OIDC_ISSUER && !(env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'OIDC_CLIENT_ID et OIDC_CLIENT_SECRET sont requis avec OIDC_ISSUER' });
    }
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'est requis en production (liens des e-mails, contrôle Origin)' });
    }
    if (env.WORKERS > 1 && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['WORKERS'], message: 'supérieur à 1 demande DATABASE_URL (la base embarquée ne sert qu’un processus)' });
    }
    if (env.WORKERS > 1 && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['WORKERS'], message: 'supérieur à 1 demande SMTP_URL (le serveur de courriel local de développement ne se partage pas)' });
    }
    if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: "est requis en production (vérification d'e-mail, mots de passe oubliés)" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  dbPoolMax: number;
  demoData: boolean;
  smtpUrl?: string;
  mailFrom: string;
  /** Without SMTP_URL outside production, mail goes to an in-process SMTP catcher readable at /dev/courriels. */
  mailCatcherPort: number | null;
  oidc?: { issuer: string; clientId: string; clientSecret: string; name: string; scopes: string; allowHttp: boolean; acrValues?: string };
  trustProxy: boolean;
  sessionDays: number;
  logLevel: Env['LOG_LEVEL'];
  authRatePerMinute: number;
  queueEnabled: boolean;
  /** Fill the in-memory caches (directory, communes) in the background once listening; off in tests. */
  warmCaches: boolean;
  /** HTTP processes sharing the port (node:cluster); more than one needs a PostgreSQL server. */
  workers: number;
  /** Optional raster tiles under the directory map; without them the map is drawn from shipped data only. */
  mapTiles: { url: string; attribution: string; origin: string } | null;
  /** Audit events older than this many days are purged every night; absent: kept forever. */
  auditRetentionDays: number | null;
}

export class ConfigError extends Error {}

/** Reads the environment once at start; a wrong value stops the start with a message naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'} ${i.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dbPoolMax: e.DB_POOL_MAX,
    // Demo data is on by default on the embedded engine only: a server database starts empty.
    demoData: e.DEMO_DATA ?? !e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailCatcherPort: e.SMTP_URL || e.NODE_ENV === 'production' ? null : e.MAIL_CATCHER_PORT,
    oidc: e.OIDC_ISSUER
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID!,
          clientSecret: e.OIDC_CLIENT_SECRET!,
          name: e.OIDC_PROVIDER_NAME,
          scopes: e.OIDC_SCOPES,
          allowHttp: e.OIDC_ALLOW_HTTP,
          acrValues: e.OIDC_ACR_VALUES,
        }
      : undefined,
    trustProxy: e.TRUST_PROXY,
    sessionDays: e.SESSION_DAYS,
    logLevel: e.LOG_LEVEL,
    authRatePerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE,
    queueEnabled: e.QUEUE_ENABLED,
    warmCaches: e.WARM_CACHES ?? e.NODE_ENV !== 'test',
    workers: e.WORKERS,
    mapTiles: e.MAP_TILE_URL
      ? { url: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION ?? '', origin: new URL(e.MAP_TILE_URL.replace(/[{}]/g, '')).origin }
      : null,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS ?? null,
  };
}
