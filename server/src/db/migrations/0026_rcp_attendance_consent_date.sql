-- Coordonner: attendance recorded after a mini-RCP meeting (null until an organiser fills the sheet;
-- who filled it is in the audit trail), and the day a consent was given or withdrawn (which may be
-- before the day it is recorded in the file).
-- A case submitter who took part without registering gets a row with registered = false.
ALTER TABLE rcp_attendance ADD COLUMN registered boolean NOT NULL DEFAULT true;
ALTER TABLE rcp_attendance ADD COLUMN attended boolean;
ALTER TABLE rcp_attendance ADD COLUMN attendance_recorded_at timestamptz;
ALTER TABLE patient_consent ADD COLUMN given_on date;
