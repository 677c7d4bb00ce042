/**
 * The one TypeScript description of the tables. The SQL migrations create them;
 * schema.int.test.ts checks that both agree column by column.
 */
import { bigint, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const region = pgTable('region', {
  code: text('code').primaryKey(),
  nom: text('nom').notNull(),
});

export const departement = pgTable('departement', {
  code: text('code').primaryKey(),
  nom: text('nom').notNull(),
  region: text('region').notNull(),
});

export const commune = pgTable('commune', {
  code: text('code').primaryKey(),
  nom: text('nom').notNull(),
  nomSearch: text('nom_search').notNull(),
  codesPostaux: text('codes_postaux').array().notNull(),
  departement: text('departement').notNull(),
  region: text('region').notNull(),
  population: integer('population').notNull(),
  kind: text('kind').notNull(),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
});

export const communePostalCode = pgTable(
  'commune_postal_code',
  { codePostal: text('code_postal').notNull(), commune: text('commune').notNull() },
  (t) => [primaryKey({ columns: [t.codePostal, t.commune] })],
);

export const referenceDataset = pgTable('reference_dataset', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  source: text('source').notNull(),
  loadedAt: tz('loaded_at').notNull().defaultNow(),
});

export const appUser = pgTable('app_user', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  emailVerifiedAt: tz('email_verified_at'),
  passwordHash: text('password_hash'),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  profession: text('profession').notNull(),
  professionOther: text('profession_other'),
  practiceMode: text('practice_mode').notNull(),
  departement: text('departement'),
  rpps: text('rpps'),
  totpSecret: text('totp_secret'),
  totpEnabledAt: tz('totp_enabled_at'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  disabledAt: tz('disabled_at'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: tz('locked_until'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const userIdentity = pgTable(
  'user_identity',
  {
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] })],
);

export const roleGrant = pgTable('role_grant', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  role: text('role').notNull(),
  scope: text('scope'),
  grantedBy: uuid('granted_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const userSession = pgTable('user_session', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
  expiresAt: tz('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const userToken = pgTable('user_token', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  purpose: text('purpose').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  expiresAt: tz('expires_at').notNull(),
  usedAt: tz('used_at'),
});

export const oidcLoginState = pgTable('oidc_login_state', {
  state: text('state').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  returnTo: text('return_to'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const auditEvent = pgTable('audit_event', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: tz('at').notNull().defaultNow(),
  actorId: uuid('actor_id'),
  actorEmail: text('actor_email'),
  action: text('action').notNull(),
  objectType: text('object_type').notNull(),
  objectId: text('object_id'),
  ip: text('ip'),
  details: jsonb('details').$type<Record<string, unknown>>(),
});
