-- Se former: what a lesson contains (ordered blocks, uploaded media) and how far each learner went.

-- Uploaded files of a course. The bytes live on disk under DATA_DIR/media/<course id>/<id>;
-- a file never changes once stored (a new upload is a new row), so its id is a strong ETag.
CREATE TABLE media_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('video', 'subtitles', 'document')),
  mime text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  original_name text NOT NULL DEFAULT '',
  storage_key text NOT NULL UNIQUE,
  duration_seconds double precision CHECK (duration_seconds IS NULL OR duration_seconds > 0),
  uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_file_course ON media_file (course_id, created_at);

CREATE TABLE lesson_block (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lesson_id uuid NOT NULL REFERENCES lesson(id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position > 0),
  kind text NOT NULL CHECK (kind IN ('video', 'text', 'document', 'quiz')),
  title text NOT NULL DEFAULT '',
  -- text: the Markdown as written; video: the transcript.
  body text NOT NULL DEFAULT '',
  -- text: the safe HTML rendered once at write time (reads are many, writes few).
  html text NOT NULL DEFAULT '',
  -- No action (checked at the end of the statement): a file in use cannot be deleted alone, while a
  -- course deleted as a whole takes its blocks and files together.
  media_id uuid REFERENCES media_file(id),
  subtitles_id uuid REFERENCES media_file(id),
  -- The quiz table belongs to the quiz module (a later migration); the integrator adds the foreign key.
  quiz_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (lesson_id, position),
  CHECK ((kind IN ('video', 'document')) = (media_id IS NOT NULL)),
  CHECK (kind = 'video' OR subtitles_id IS NULL),
  CHECK ((kind = 'quiz') = (quiz_id IS NOT NULL))
);
CREATE INDEX lesson_block_media ON lesson_block (media_id) WHERE media_id IS NOT NULL;
CREATE INDEX lesson_block_subtitles ON lesson_block (subtitles_id) WHERE subtitles_id IS NOT NULL;

-- A lesson opened by a learner (course_id kept here so that "where was I" is one indexed read).
CREATE TABLE lesson_visit (
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  lesson_id uuid NOT NULL REFERENCES lesson(id) ON DELETE CASCADE,
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, lesson_id)
);
CREATE INDEX lesson_visit_course ON lesson_visit (user_id, course_id, last_seen_at DESC);

-- Where a learner is in a video and which parts they watched: a sorted union of [start, end]
-- intervals in seconds, so seeking to the end does not count as watching.
CREATE TABLE video_progress (
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  block_id uuid NOT NULL REFERENCES lesson_block(id) ON DELETE CASCADE,
  lesson_id uuid NOT NULL REFERENCES lesson(id) ON DELETE CASCADE,
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  position_seconds double precision NOT NULL DEFAULT 0 CHECK (position_seconds >= 0),
  duration_seconds double precision CHECK (duration_seconds IS NULL OR duration_seconds > 0),
  watched jsonb NOT NULL DEFAULT '[]',
  -- The player's clock of the report that set position_seconds: an older report arriving late
  -- (a retry) never moves the resume point back.
  reported_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, block_id)
);
CREATE INDEX video_progress_course ON video_progress (user_id, course_id, updated_at DESC);

-- Union of two lists of [start, end] intervals, sorted, overlapping or touching ones merged.
-- Written in SQL so that a progress report is one upsert, with no read before it.
CREATE FUNCTION watched_union(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  WITH iv AS (
    SELECT (x->>0)::float8 AS s, (x->>1)::float8 AS e
    FROM jsonb_array_elements(coalesce(a, '[]'::jsonb) || coalesce(b, '[]'::jsonb)) AS x
  ), ordered AS (
    SELECT s, e, max(e) OVER (ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM iv
  ), grouped AS (
    SELECT s, e, sum(CASE WHEN prev_end IS NULL OR s > prev_end THEN 1 ELSE 0 END) OVER (ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS g FROM ordered
  )
  SELECT coalesce(jsonb_agg(jsonb_build_array(gs, ge) ORDER BY gs), '[]'::jsonb)
  FROM (SELECT min(s) AS gs, max(e) AS ge FROM grouped GROUP BY g) AS m
$$;

-- How a course counts as completed; a course without a row uses the defaults below.
CREATE TABLE course_completion_rule (
  course_id uuid PRIMARY KEY REFERENCES course(id) ON DELETE CASCADE,
  require_lessons_seen boolean NOT NULL DEFAULT true,
  video_percent integer NOT NULL DEFAULT 80 CHECK (video_percent BETWEEN 0 AND 100),
  require_quizzes_passed boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);
