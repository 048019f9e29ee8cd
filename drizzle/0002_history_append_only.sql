-- The history is append-only: every change to the registry is kept, as it was written.
CREATE OR REPLACE FUNCTION multitrack_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the history is append-only: % on it is refused', TG_OP;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON "history"
  FOR EACH ROW EXECUTE FUNCTION multitrack_history_append_only();--> statement-breakpoint
CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON "history"
  FOR EACH STATEMENT EXECUTE FUNCTION multitrack_history_append_only();
