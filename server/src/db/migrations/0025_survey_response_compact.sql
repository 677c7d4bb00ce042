-- Answers kept a second time in the compact form the survey report reads (core/src/surveys/compact.ts):
-- a JSON array in question order, choices as option positions, about a quarter of the jsonb text and
-- read without a code lookup per answer. answers stays the source; compact_layout fingerprints the
-- list of questions and options the positions refer to. A row written under another layout (the
-- questionnaire changed since), or before this migration, is read from answers by the report, which
-- then writes its compact form back (no backfill here: the layout is computed from the questionnaire
-- by the application). answers_compact is null when the compact form cannot carry the answers exactly.
ALTER TABLE survey_response ADD COLUMN answers_compact text, ADD COLUMN compact_layout text;

-- That write-back, like any update that changes neither the answers, the status nor the survey of a
-- response (e.g. forgetting its respondent), leaves the report version alone: the report it would
-- compute is the same, so the one kept stays valid.
CREATE OR REPLACE FUNCTION survey_response_report_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT survey_id) INTO ids FROM new_rows WHERE status = 'submitted';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT survey_id) INTO ids FROM old_rows WHERE status = 'submitted';
  ELSE
    SELECT array_agg(DISTINCT x.survey_id) INTO ids
    FROM new_rows n FULL JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n.survey_id, n.status), (o.survey_id, o.status)) AS x (survey_id, status)
    WHERE x.status = 'submitted'
      AND (n.id IS NULL OR o.id IS NULL OR n.answers IS DISTINCT FROM o.answers OR n.status IS DISTINCT FROM o.status OR n.survey_id IS DISTINCT FROM o.survey_id);
  END IF;
  IF ids IS NOT NULL THEN PERFORM survey_report_bump(ids); END IF;
  RETURN NULL;
END $$;
