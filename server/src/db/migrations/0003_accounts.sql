CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  email_verified_at timestamptz,
  password_hash text,
  first_name text NOT NULL,
  last_name text NOT NULL,
  profession text NOT NULL,
  profession_other text,
  practice_mode text NOT NULL,
  -- NULL only for an account created by OpenID Connect until its owner completes the profile.
  departement text REFERENCES departement(code),
  rpps text CHECK (rpps IS NULL OR rpps ~ '^[0-9]{11}$'),
  totp_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  disabled_at timestamptz,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));

-- An external identity (OpenID Connect: Pro Santé Connect or another provider) bound to a user.
CREATE TABLE user_identity (
  provider text NOT NULL,
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, subject)
);

CREATE TABLE role_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role text NOT NULL,
  -- NULL when the role has no scope; 'dep:06', 'cpts:<uuid>', or a course / structure id.
  scope text,
  granted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX role_grant_unique ON role_grant (user_id, role, coalesce(scope, ''));

-- Only the SHA-256 of the cookie token is stored: a database leak gives no live session.
CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX user_session_user ON user_session (user_id);

-- Single-use tokens for e-mail verification, password reset and a pending TOTP login.
CREATE TABLE user_token (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'totp_login')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX user_token_user ON user_token (user_id, purpose);

-- OIDC login state between the redirect to the provider and its callback.
CREATE TABLE oidc_login_state (
  state text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text,
  created_at timestamptz NOT NULL DEFAULT now()
);
