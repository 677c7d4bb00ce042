-- Mesurer: questionnaires (FHIR R4 Questionnaire kept as imported), their responses and analyst themes.

CREATE TABLE survey (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  -- The FHIR Questionnaire is the source: export gives it back, the model is derived from it.
  questionnaire jsonb NOT NULL,
  -- A template is copied to start a survey; it is never distributed itself.
  is_template boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  -- anonymous: nobody is asked to sign in; identified: one answer per signed-in user.
  mode text NOT NULL DEFAULT 'anonymous' CHECK (mode IN ('anonymous', 'identified')),
  opens_at timestamptz,
  closes_at timestamptz,
  -- The secret part of the public link (and its QR code).
  public_token text NOT NULL UNIQUE,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (opens_at IS NULL OR closes_at IS NULL OR opens_at < closes_at)
);

-- One file imported at once, all or nothing; the key makes a retried upload count once.
CREATE TABLE survey_import (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  idempotency_key text NOT NULL,
  row_count integer NOT NULL,
  imported_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (survey_id, idempotency_key)
);

-- One row per response, its answers in one jsonb object keyed by linkId: a 60-item response is one
-- row (not 60), written in one INSERT per batch and read back in one sequential scan for the report.
CREATE TABLE survey_response (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('draft', 'submitted')),
  answers jsonb NOT NULL DEFAULT '{}',
  -- Identified mode: the respondent; anonymous mode: a random key kept by the respondent's browser.
  respondent_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  draft_key text,
  import_id uuid REFERENCES survey_import(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz
);
CREATE INDEX survey_response_survey ON survey_response (survey_id, status, id);
CREATE UNIQUE INDEX survey_response_one_per_person ON survey_response (survey_id, respondent_id) WHERE respondent_id IS NOT NULL;
CREATE UNIQUE INDEX survey_response_draft_key ON survey_response (survey_id, draft_key) WHERE draft_key IS NOT NULL;

-- Themes an analyst gives to one free-text answer.
CREATE TABLE survey_text_theme (
  response_id uuid NOT NULL REFERENCES survey_response(id) ON DELETE CASCADE,
  link_id text NOT NULL,
  themes text[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (response_id, link_id)
);
