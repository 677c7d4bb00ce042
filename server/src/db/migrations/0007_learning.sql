-- Se former: courses (MOOC open to every registered user, SPOC restricted), their sessions and enrolments.

CREATE TABLE course (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('mooc', 'spoc')),
  summary text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  dpc_reference text,
  estimated_hours_per_week double precision NOT NULL DEFAULT 1 CHECK (estimated_hours_per_week > 0 AND estimated_hours_per_week <= 40),
  -- SPOC only: who may enrol (any one of invitationCode, professions, emails lets a user in).
  spoc_access jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The teaching team as shown to learners; user_id links a member who has an account.
CREATE TABLE course_teacher (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  display_name text NOT NULL,
  profession text NOT NULL DEFAULT '',
  structure text NOT NULL DEFAULT '',
  position integer NOT NULL DEFAULT 0
);
CREATE INDEX course_teacher_course ON course_teacher (course_id, position);

CREATE TABLE course_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  title text NOT NULL,
  registration_opens_at timestamptz NOT NULL,
  registration_closes_at timestamptz NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  seat_cap integer CHECK (seat_cap IS NULL OR seat_cap > 0),
  -- Module N opens (N - 1) * release_every_days after starts_at.
  release_every_days integer NOT NULL DEFAULT 7 CHECK (release_every_days BETWEEN 0 AND 90),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (registration_opens_at < registration_closes_at),
  CHECK (starts_at < ends_at)
);
CREATE INDEX course_session_course ON course_session (course_id, starts_at);

CREATE TABLE course_module (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES course(id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position > 0),
  title text NOT NULL,
  UNIQUE (course_id, position)
);

-- When each module opens in each session, computed from the session's rhythm when either is created.
CREATE TABLE module_release (
  session_id uuid NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
  module_id uuid NOT NULL REFERENCES course_module(id) ON DELETE CASCADE,
  opens_at timestamptz NOT NULL,
  PRIMARY KEY (session_id, module_id)
);

CREATE TABLE lesson (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  module_id uuid NOT NULL REFERENCES course_module(id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position > 0),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  UNIQUE (module_id, position)
);

CREATE TABLE enrolment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('enrolled', 'waiting', 'withdrawn')),
  -- A ticket number: the waiting list is ordered by it; the rank shown is computed.
  waiting_position integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, user_id),
  CHECK ((status = 'waiting') = (waiting_position IS NOT NULL))
);
CREATE INDEX enrolment_user ON enrolment (user_id);
CREATE INDEX enrolment_waiting ON enrolment (session_id, waiting_position) WHERE status = 'waiting';
