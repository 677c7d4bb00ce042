-- Coordonner: the patient file and its care circle (FHIR Patient + CareTeam), shared notes and
-- liaison notebook, in-app notifications, support requests (ServiceRequest + Task) with the 48 h clock.

CREATE TABLE patient (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  first_name text NOT NULL,
  last_name text NOT NULL,
  birth_date date,
  sex text CHECK (sex IS NULL OR sex IN ('female', 'male', 'other')),
  -- INS (identité nationale de santé): optional, kept when the professional has it qualified.
  ins_matricule text CHECK (ins_matricule IS NULL OR ins_matricule ~ '^[12][0-9]{12}([0-9]{2})?$'),
  ins_oid text,
  place_of_life text NOT NULL CHECK (place_of_life IN ('home', 'ehpad', 'assisted_living', 'other')),
  address_line text,
  commune_code text NOT NULL REFERENCES commune(code),
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Consent: who gave it, who recorded it, when, and for what; a withdrawal is a new row.
CREATE TABLE patient_consent (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('coordination', 'data_sharing', 'tele_expertise')),
  decision text NOT NULL CHECK (decision IN ('given', 'withdrawn')),
  given_by text NOT NULL CHECK (given_by IN ('patient', 'legal_representative', 'trusted_person')),
  note text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patient_consent_patient ON patient_consent (patient_id, recorded_at);

-- The care circle (FHIR CareTeam): professionals with an account, structures of the directory
-- (their members and managers get access), family caregivers (a contact, never an access).
CREATE TABLE care_circle_member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('professional', 'structure', 'caregiver')),
  circle_role text NOT NULL CHECK (circle_role IN ('gp', 'nurse', 'physiotherapist', 'pharmacist', 'other', 'structure', 'caregiver')),
  user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
  structure_id uuid REFERENCES structure(id) ON DELETE CASCADE,
  display_name text NOT NULL DEFAULT '',
  relationship text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  -- Why a structure is there: added by hand, or joined when a support request was sent to it.
  joined_through text NOT NULL DEFAULT 'added' CHECK (joined_through IN ('added', 'creator', 'support_request')),
  added_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  CHECK ((kind = 'professional') = (user_id IS NOT NULL)),
  CHECK ((kind = 'structure') = (structure_id IS NOT NULL)),
  CHECK ((kind = 'structure') = (circle_role = 'structure')),
  CHECK ((kind = 'caregiver') = (circle_role = 'caregiver'))
);
CREATE UNIQUE INDEX care_circle_user ON care_circle_member (patient_id, user_id) WHERE user_id IS NOT NULL AND removed_at IS NULL;
CREATE UNIQUE INDEX care_circle_structure ON care_circle_member (patient_id, structure_id) WHERE structure_id IS NOT NULL AND removed_at IS NULL;
-- "My circles" and the access check, from the user's or the structure's side.
CREATE INDEX care_circle_by_user ON care_circle_member (user_id, patient_id) WHERE removed_at IS NULL;
CREATE INDEX care_circle_by_structure ON care_circle_member (structure_id, patient_id) WHERE removed_at IS NULL;

-- Shared notes, the liaison notebook and treatment-plan changes: append-only entries.
CREATE TABLE patient_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('note', 'notebook', 'treatment_plan')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  author_name text NOT NULL,
  -- The structure the author wrote for, when they wrote as a member of one.
  structure_id uuid REFERENCES structure(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patient_entry_patient ON patient_entry (patient_id, kind, created_at DESC);

CREATE FUNCTION patient_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'patient_entry is append-only';
END
$$;
CREATE TRIGGER patient_entry_no_update BEFORE UPDATE OR DELETE ON patient_entry
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION patient_entry_append_only();

-- In-app notifications; e-mail at once unless the user asked for a daily digest.
CREATE TABLE notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  link text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  emailed_at timestamptz
);
CREATE INDEX notification_user ON notification (user_id, created_at DESC);
CREATE INDEX notification_unread ON notification (user_id) WHERE read_at IS NULL;
CREATE INDEX notification_digest ON notification (user_id) WHERE emailed_at IS NULL;

CREATE TABLE notification_preference (
  user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
  email_mode text NOT NULL DEFAULT 'immediate' CHECK (email_mode IN ('immediate', 'daily_digest')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
