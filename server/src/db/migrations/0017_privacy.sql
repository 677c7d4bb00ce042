-- Privacy: an account can be deleted (its row stays, emptied, so that forum posts and audit events keep
-- a pseudonymous author), and audit events older than the configured retention can be purged by the
-- retention job only.
ALTER TABLE app_user ADD COLUMN deleted_at timestamptz;

CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The retention job sets this for its own transaction (set_config(..., true)); nothing else can delete.
  IF TG_OP = 'DELETE' AND current_setting('palliance.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only';
END
$$;
