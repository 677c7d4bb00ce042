-- A counter per survey that moves whenever what its analysis report reads changes: submitted responses
-- (inserted, edited, submitted, deleted, imported or rolled back) and analyst themes of free texts.
-- The server keeps computed reports keyed by it, so a report is computed once per change instead of
-- once per view (100,000 responses take seconds to read). Kept by triggers, not by each use case, so
-- that no writing path can forget it. No foreign key: a deleted survey's responses bump it on the way out.
CREATE TABLE survey_report_version (
  survey_id uuid PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION survey_report_bump(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO survey_report_version AS v (survey_id, version)
  SELECT DISTINCT id, 1 FROM unnest(ids) AS id
  ON CONFLICT (survey_id) DO UPDATE SET version = v.version + 1;
$$;

-- Drafts never reach the report: saving a draft as the respondent goes leaves the counter alone.
CREATE FUNCTION survey_response_report_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT survey_id) INTO ids FROM new_rows WHERE status = 'submitted';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT survey_id) INTO ids FROM old_rows WHERE status = 'submitted';
  ELSE
    SELECT array_agg(DISTINCT survey_id) INTO ids
    FROM (SELECT survey_id FROM new_rows WHERE status = 'submitted' UNION SELECT survey_id FROM old_rows WHERE status = 'submitted') x;
  END IF;
  IF ids IS NOT NULL THEN PERFORM survey_report_bump(ids); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER survey_response_report_insert AFTER INSERT ON survey_response
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_response_report_changed();
CREATE TRIGGER survey_response_report_update AFTER UPDATE ON survey_response
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_response_report_changed();
CREATE TRIGGER survey_response_report_delete AFTER DELETE ON survey_response
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_response_report_changed();

CREATE FUNCTION survey_text_theme_report_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT r.survey_id) INTO ids FROM new_rows t JOIN survey_response r ON r.id = t.response_id;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT r.survey_id) INTO ids FROM old_rows t JOIN survey_response r ON r.id = t.response_id;
  ELSE
    SELECT array_agg(DISTINCT r.survey_id) INTO ids FROM new_rows t JOIN survey_response r ON r.id = t.response_id;
  END IF;
  IF ids IS NOT NULL THEN PERFORM survey_report_bump(ids); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER survey_text_theme_report_insert AFTER INSERT ON survey_text_theme
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_text_theme_report_changed();
CREATE TRIGGER survey_text_theme_report_update AFTER UPDATE ON survey_text_theme
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_text_theme_report_changed();
CREATE TRIGGER survey_text_theme_report_delete AFTER DELETE ON survey_text_theme
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_text_theme_report_changed();
