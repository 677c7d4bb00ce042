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

-- Support requests ("demandes d'appui", FHIR ServiceRequest + Task) and the 48 h clock.
-- Each structure's response commitment in calendar hours (48 unless set).
CREATE TABLE coordination_structure_setting (
  structure_id uuid PRIMARY KEY REFERENCES structure(id) ON DELETE CASCADE,
  response_hours integer NOT NULL DEFAULT 48 CHECK (response_hours BETWEEN 1 AND 720),
  updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE support_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  structure_id uuid NOT NULL REFERENCES structure(id),
  requester_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  -- Names as they were when the request was sent (the record of who asked whom).
  structure_name text NOT NULL,
  requester_name text NOT NULL,
  -- Chosen by the client: a retried POST finds the request it already created.
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 100),
  reason text NOT NULL CHECK (reason IN ('pain', 'other_symptoms', 'sedation', 'complex_decision', 'palliative_emergency', 'social', 'psychological', 'orientation', 'tele_expertise')),
  urgency text NOT NULL CHECK (urgency IN ('routine', 'urgent', 'emergency')),
  body text NOT NULL DEFAULT '',
  -- FHIR QuestionnaireResponse resources produced by the evaluation forms.
  evaluations jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'received', 'accepted', 'declined', 'in_progress', 'closed')),
  decline_reason text,
  outcome_summary text,
  -- Where the patient lives when the request is sent: the escalation and the indicators go by it.
  patient_commune_code text NOT NULL,
  patient_departement text NOT NULL,
  response_hours integer NOT NULL,
  sent_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  reminder_at timestamptz NOT NULL,
  received_at timestamptz,
  first_response_at timestamptz,
  decided_at timestamptz,
  started_at timestamptz,
  closed_at timestamptz,
  reminder_sent_at timestamptz,
  escalated_at timestamptz,
  updated_at timestamptz NOT NULL,
  UNIQUE (requester_id, idempotency_key)
);
-- The structure inbox: open requests, the nearest due time first, read page by page (keyset).
CREATE INDEX support_request_inbox_open ON support_request (structure_id, due_at, id) WHERE status IN ('sent', 'received', 'accepted', 'in_progress');
CREATE INDEX support_request_inbox_all ON support_request (structure_id, sent_at DESC, id DESC);
CREATE INDEX support_request_patient ON support_request (patient_id, sent_at DESC);
CREATE INDEX support_request_requester ON support_request (requester_id, sent_at DESC);
-- The timer sweep: unanswered requests whose reminder or escalation has not gone out.
CREATE INDEX support_request_timers ON support_request (reminder_at) WHERE first_response_at IS NULL AND (reminder_sent_at IS NULL OR escalated_at IS NULL);

-- Every status change, for the history shown and the delays kept for the indicators.
CREATE TABLE support_request_transition (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES support_request(id) ON DELETE CASCADE,
  from_status text,
  to_status text NOT NULL,
  actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  note text NOT NULL DEFAULT '',
  at timestamptz NOT NULL
);
CREATE INDEX support_request_transition_request ON support_request_transition (request_id, at);

CREATE TABLE support_request_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES support_request(id) ON DELETE CASCADE,
  author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  author_name text NOT NULL,
  from_structure boolean NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  created_at timestamptz NOT NULL
);
CREATE INDEX support_request_message_request ON support_request_message (request_id, created_at);

-- Files attached to a request, stored under DATA_DIR (the row holds the name and the checksum).
CREATE TABLE support_request_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES support_request(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX support_request_file_request ON support_request_file (request_id, uploaded_at);
