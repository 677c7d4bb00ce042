-- Coordonner (second half): saved evaluations, places of care, the HAD "dossier dormant",
-- mini-RCP "flash" meetings with their cases, reports and actions. Every row hangs off a patient
-- and is read only through the care-circle check (server/src/coordination/patient-access.ts).

-- An evaluation (one or more scales, or the standard sheet) saved for a patient. The score of each
-- part is recomputed by the server with core's scoring, and the scale version is kept with it.
CREATE TABLE saved_evaluation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  evaluator_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  evaluator_name text NOT NULL,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 100),
  evaluated_at timestamptz NOT NULL,
  pps integer CHECK (pps IS NULL OR pps BETWEEN 0 AND 100),
  -- [{scaleId, version, answers, score, thresholdReached, interpretation, highlighted}]
  parts jsonb NOT NULL,
  mci_justification text,
  created_at timestamptz NOT NULL,
  UNIQUE (evaluator_id, idempotency_key)
);
CREATE INDEX saved_evaluation_patient ON saved_evaluation (patient_id, evaluated_at);

-- Places of care over time (home, USP, day hospital, HAD, EHPAD, hospital stays), entered by the circle.
CREATE TABLE care_place_stay (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('home', 'usp', 'day_hospital', 'had', 'ehpad', 'hospital', 'other')),
  label text NOT NULL DEFAULT '',
  structure_id uuid REFERENCES structure(id) ON DELETE SET NULL,
  started_on date NOT NULL,
  ended_on date,
  note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX care_place_stay_patient ON care_place_stay (patient_id, started_on);

-- The HAD "dossier dormant": pre-registered with an HAD of the directory, activated in one action.
CREATE TABLE dormant_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  structure_id uuid NOT NULL REFERENCES structure(id),
  structure_name text NOT NULL,
  status text NOT NULL DEFAULT 'dormant' CHECK (status IN ('dormant', 'activated', 'closed')),
  -- The "fiche URGENCE PALLIA" fields and the contacts, as the circle filled them.
  urgency_sheet jsonb NOT NULL DEFAULT '{}',
  contacts jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  activated_at timestamptz,
  activated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  activated_by_name text,
  closed_at timestamptz,
  updated_at timestamptz NOT NULL
);
-- One open dormant file per patient.
CREATE UNIQUE INDEX dormant_file_open ON dormant_file (patient_id) WHERE status <> 'closed';

-- Anticipatory prescriptions: kit documents filled for this patient, kept as the PDF produced.
CREATE TABLE dormant_file_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dormant_file_id uuid NOT NULL REFERENCES dormant_file(id) ON DELETE CASCADE,
  kit_document_id text NOT NULL,
  kit_version integer NOT NULL,
  title text NOT NULL,
  pdf bytea NOT NULL,
  sha256 text NOT NULL,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX dormant_file_document_file ON dormant_file_document (dormant_file_id, created_at);

-- What happened to a dormant file, for the pathway (created, document added, activated, closed).
CREATE TABLE dormant_file_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dormant_file_id uuid NOT NULL REFERENCES dormant_file(id) ON DELETE CASCADE,
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('created', 'document_added', 'activated', 'closed')),
  actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  actor_name text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX dormant_file_event_patient ON dormant_file_event (patient_id, at);

-- Mini-RCP "flash": a recurring meeting of a territory (department), organised by its coordinators.
CREATE TABLE rcp_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  departement text NOT NULL,
  title text NOT NULL,
  weekday integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  local_time text NOT NULL CHECK (local_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 10 AND 240),
  video_link text NOT NULL DEFAULT '',
  max_cases integer NOT NULL CHECK (max_cases BETWEEN 1 AND 20),
  -- Access criteria shown as a checklist: [{id, text, source}]
  criteria jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL
);

-- A case submitted by a circle member for a meeting (the first one with room on the agenda).
CREATE TABLE rcp_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  series_id uuid NOT NULL REFERENCES rcp_series(id) ON DELETE CASCADE,
  meeting_at timestamptz NOT NULL,
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  submitted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  submitter_name text NOT NULL,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 100),
  question text NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),
  criteria_checked jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'discussed')),
  -- The standard report: {summary, decisions}
  report jsonb,
  discussed_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (submitted_by, idempotency_key)
);
CREATE INDEX rcp_case_agenda ON rcp_case (series_id, meeting_at, created_at);
CREATE INDEX rcp_case_patient ON rcp_case (patient_id, meeting_at);

CREATE TABLE rcp_attendance (
  series_id uuid NOT NULL REFERENCES rcp_series(id) ON DELETE CASCADE,
  meeting_at timestamptz NOT NULL,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (series_id, meeting_at, user_id)
);

-- Actions decided in a report: an owner, a due date, tracked until done.
CREATE TABLE rcp_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES rcp_case(id) ON DELETE CASCADE,
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 1000),
  owner_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  due_on date NOT NULL,
  done_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX rcp_action_owner_open ON rcp_action (owner_id, due_on) WHERE done_at IS NULL;
