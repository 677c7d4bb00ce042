-- Mesurer: targets of the territorial indicators, per territory ('fr', 'reg:76', 'dep:34'). The figures
-- themselves are computed live from the platform's data; only the targets are stored. Default targets
-- (seed 004) live with the definitions in core; a row here overrides it for one territory.
CREATE TABLE indicator_target (
  territory text NOT NULL CHECK (territory ~ '^(fr|reg:[0-9]{2}|dep:([0-9]{2}|2A|2B|97[1-6]))$'),
  indicator_id text NOT NULL,
  target double precision NOT NULL CHECK (target >= 0),
  updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (territory, indicator_id)
);

-- The indicators read support requests by the patient's department and sending time, and
-- enrolments by their date: range scans instead of whole-table reads.
CREATE INDEX support_request_indicators ON support_request (patient_departement, sent_at);
CREATE INDEX support_request_sent ON support_request (sent_at);
CREATE INDEX enrolment_created ON enrolment (created_at);
