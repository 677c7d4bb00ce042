-- Se former, communauté: forum per course and per module, and multidisciplinary groups with
-- their discussion (same thread model) and their work submissions.

-- Multidisciplinary groups of a course (created by hand or mixed by profession).
CREATE TABLE learning_group (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  name text NOT NULL,
  assignment text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (course_id, name)
);

-- One group per learner and course.
CREATE TABLE learning_group_member (
  group_id uuid NOT NULL REFERENCES learning_group(id) ON DELETE CASCADE,
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id),
  UNIQUE (course_id, user_id)
);

-- A thread belongs to a course; module_id narrows it to a module forum, group_id makes it a
-- group's private discussion.
CREATE TABLE forum_thread (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  module_id uuid REFERENCES course_module(id) ON DELETE CASCADE,
  group_id uuid REFERENCES learning_group(id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  title text NOT NULL,
  pinned boolean NOT NULL DEFAULT false,
  locked boolean NOT NULL DEFAULT false,
  idempotency_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (author_id, idempotency_key)
);
CREATE INDEX forum_thread_course ON forum_thread (course_id, module_id, pinned DESC, last_activity_at DESC);

-- The opening post of a thread carries its body (is_opening); the others are replies.
-- Markdown source and its rendered (safe) HTML are both kept.
CREATE TABLE forum_post (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  thread_id uuid NOT NULL REFERENCES forum_thread(id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  is_opening boolean NOT NULL DEFAULT false,
  body_source text NOT NULL,
  body_html text NOT NULL,
  idempotency_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  hidden_at timestamptz,
  hidden_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  UNIQUE (author_id, idempotency_key)
);
CREATE INDEX forum_post_thread ON forum_post (thread_id, created_at);

CREATE TABLE forum_like (
  post_id uuid NOT NULL REFERENCES forum_post(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, user_id)
);

CREATE TABLE forum_follow (
  thread_id uuid NOT NULL REFERENCES forum_thread(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (thread_id, user_id)
);

CREATE TABLE forum_mention (
  post_id uuid NOT NULL REFERENCES forum_post(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  PRIMARY KEY (post_id, user_id)
);

CREATE TABLE forum_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  post_id uuid NOT NULL REFERENCES forum_post(id) ON DELETE CASCADE,
  reporter_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  outcome text CHECK (outcome IN ('hidden', 'dismissed')),
  resolved_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'resolved') = (outcome IS NOT NULL))
);
-- A member reports a post once while the report is open.
CREATE UNIQUE INDEX forum_report_open ON forum_report (post_id, reporter_id) WHERE status = 'open';

-- Versions of a group's work; the file (optional) lives under DATA_DIR.
CREATE TABLE group_submission (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id uuid NOT NULL REFERENCES learning_group(id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  author_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  body text NOT NULL DEFAULT '',
  file_name text,
  file_type text,
  file_size integer,
  file_path text,
  idempotency_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (group_id, version),
  UNIQUE (author_id, idempotency_key)
);

CREATE TABLE group_review (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  submission_id uuid NOT NULL REFERENCES group_submission(id) ON DELETE CASCADE,
  reviewer_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('a_revoir', 'valide')),
  comment text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX group_review_submission ON group_review (submission_id, created_at);
