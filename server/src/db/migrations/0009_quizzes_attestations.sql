-- Se former: question bank, quizzes, attempts and answers, and attestations of success.

-- A course's question bank; spec holds the question's choices and its correct answer (never sent to learners as is).
CREATE TABLE quiz_question (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'true_false', 'numeric', 'short', 'matching', 'ordering')),
  prompt text NOT NULL,
  explanation text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  source text NOT NULL DEFAULT '',
  spec jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quiz_question_course ON quiz_question (course_id);

CREATE TABLE quiz (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('self_assessment', 'graded')),
  is_final boolean NOT NULL DEFAULT false,
  -- {"mode":"fixed","questionIds":[...]} or {"mode":"draw","count":N,"tags":[...]}
  selection jsonb NOT NULL,
  max_attempts integer CHECK (max_attempts IS NULL OR max_attempts > 0),
  pass_mark_percent double precision NOT NULL DEFAULT 0 CHECK (pass_mark_percent BETWEEN 0 AND 100),
  opens_at timestamptz,
  closes_at timestamptz,
  time_limit_minutes integer CHECK (time_limit_minutes IS NULL OR time_limit_minutes > 0),
  review_mode text NOT NULL DEFAULT 'after_submit' CHECK (review_mode IN ('after_submit', 'after_close', 'score_only')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (opens_at IS NULL OR closes_at IS NULL OR opens_at < closes_at),
  CHECK (NOT is_final OR kind = 'graded')
);
CREATE INDEX quiz_course ON quiz (course_id);
-- One final evaluation per course: its pass gives the attestation.
CREATE UNIQUE INDEX quiz_one_final ON quiz (course_id) WHERE is_final;

-- questions: the questions asked, copied when the attempt starts, so that a reload (or a later edit
-- of the bank) shows and scores the same ones.
CREATE TABLE quiz_attempt (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  quiz_id uuid NOT NULL REFERENCES quiz(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  session_id uuid REFERENCES course_session(id) ON DELETE SET NULL,
  number integer NOT NULL CHECK (number > 0),
  questions jsonb NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  deadline_at timestamptz,
  submitted_at timestamptz,
  score_percent double precision,
  passed boolean,
  UNIQUE (quiz_id, user_id, number),
  CHECK ((submitted_at IS NULL) = (score_percent IS NULL))
);
CREATE INDEX quiz_attempt_user ON quiz_attempt (user_id, quiz_id);
-- At most one attempt in progress per learner and quiz.
CREATE UNIQUE INDEX quiz_attempt_open ON quiz_attempt (quiz_id, user_id) WHERE submitted_at IS NULL;

-- One answer per question of an attempt: a retry replaces or repeats it, never adds a second.
CREATE TABLE quiz_answer (
  attempt_id uuid NOT NULL REFERENCES quiz_attempt(id) ON DELETE CASCADE,
  question_id uuid NOT NULL,
  response jsonb NOT NULL,
  points double precision NOT NULL,
  correct boolean NOT NULL,
  answered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (attempt_id, question_id)
);

-- Attestation de réussite: the facts are copied at issue so that the document never changes afterwards.
CREATE TABLE attestation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  session_id uuid REFERENCES course_session(id) ON DELETE SET NULL,
  attempt_id uuid REFERENCES quiz_attempt(id) ON DELETE SET NULL,
  learner_name text NOT NULL,
  profession text NOT NULL DEFAULT '',
  course_title text NOT NULL,
  hours double precision NOT NULL,
  session_starts_at timestamptz NOT NULL,
  session_ends_at timestamptz NOT NULL,
  score_percent double precision NOT NULL,
  dpc_reference text,
  issued_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  revocation_reason text,
  UNIQUE (user_id, course_id),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
