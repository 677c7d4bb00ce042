-- Se former: live events (webinars, in-person workshops, recurring exchange groups), their dates,
-- registrations with a waiting list, reminders sent, attendance, and personal calendar feeds.

CREATE TABLE event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('webinar', 'workshop', 'exchange_group')),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- Professions the event is meant for; empty = everyone.
  audience text[] NOT NULL DEFAULT '{}',
  organiser_name text NOT NULL,
  organiser_email text,
  organiser_phone text,
  departement text NOT NULL,
  commune_code text REFERENCES commune(code),
  address text,
  video_url text,
  seat_cap integer CHECK (seat_cap IS NULL OR seat_cap > 0),
  course_id uuid REFERENCES course(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
  -- Exchange groups: the rule their dates were generated from (shown in French on the page).
  recurrence jsonb,
  source text,
  -- Raised at each change so calendars replace their copy (iCalendar SEQUENCE).
  sequence integer NOT NULL DEFAULT 0,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_listing ON event (status, departement);

CREATE TABLE event_occurrence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  CHECK (starts_at < ends_at),
  UNIQUE (event_id, starts_at)
);
CREATE INDEX event_occurrence_start ON event_occurrence (starts_at);

CREATE TABLE event_registration (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  occurrence_id uuid NOT NULL REFERENCES event_occurrence(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('enrolled', 'waiting', 'withdrawn')),
  -- A ticket number: the waiting list is ordered by it; the rank shown is computed.
  waiting_position integer,
  attendance text CHECK (attendance IS NULL OR attendance IN ('present', 'absent')),
  attendance_marked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (occurrence_id, user_id),
  CHECK ((status = 'waiting') = (waiting_position IS NOT NULL))
);
CREATE INDEX event_registration_user ON event_registration (user_id);
CREATE INDEX event_registration_waiting ON event_registration (occurrence_id, waiting_position) WHERE status = 'waiting';

-- One row per reminder sent: the primary key is what makes a reminder go out once, even when the
-- job runs twice or on two machines.
CREATE TABLE event_reminder (
  registration_id uuid NOT NULL REFERENCES event_registration(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('24h', '1h')),
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registration_id, kind)
);

-- Secret address of a user's own calendar feed; only its SHA-256 is kept. Deleting the row revokes it.
CREATE TABLE event_feed_token (
  user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
