-- Se former: the end-of-course satisfaction survey of seed 000 (note sur 5, « utile », « recommanderait »,
-- commentaire). One answer per learner and session; each question may be left unanswered (NULL), and a
-- non-answer is left out of that question's denominator.
CREATE TABLE course_satisfaction (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  rating integer CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  useful boolean,
  would_recommend boolean,
  comment text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, user_id)
);

-- Analytics read lesson views by course, and enrolments by session and date.
CREATE INDEX lesson_visit_by_course ON lesson_visit (course_id, lesson_id);
CREATE INDEX enrolment_session_created ON enrolment (session_id, created_at);
