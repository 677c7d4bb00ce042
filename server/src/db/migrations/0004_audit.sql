-- Append-only: the application never updates or deletes a row (retention is a separate, audited job).
CREATE TABLE audit_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_email text,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text,
  ip text,
  details jsonb
);
CREATE INDEX audit_event_at ON audit_event (at DESC);
CREATE INDEX audit_event_action ON audit_event (action, at DESC);
CREATE INDEX audit_event_object ON audit_event (object_type, object_id, at DESC);
CREATE INDEX audit_event_actor ON audit_event (actor_id, at DESC);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
