-- outcome_events.rollout_id → rollouts.id, checked once per statement instead of once per row.
-- The row-level foreign key ran an SPI lookup (plan start, index scan, row lock) for every
-- inserted event: a quarter of PostgreSQL's CPU in a batched ingest. These triggers keep the
-- same rules: an event's rollout must exist, and is locked FOR KEY SHARE until the inserting
-- transaction ends (a concurrent rollout delete waits, or the insert fails if the delete won);
-- deleting a rollout deletes its events, changing its id carries them along, and truncating
-- rollouts truncates them.
ALTER TABLE "outcome_events" DROP CONSTRAINT "outcome_events_rollout_id_fkey";

CREATE OR REPLACE FUNCTION switchyard_outcome_events_rollout_check() RETURNS trigger AS $$
DECLARE
  missing text;
BEGIN
  -- Each distinct rollout of the statement's rows, locked as a foreign key would lock it; one
  -- that isn't there (or was deleted before the lock was granted) fails the statement.
  SELECT n.rollout_id INTO missing
  FROM (SELECT DISTINCT rollout_id FROM new_rows) n
  LEFT JOIN LATERAL (SELECT 1 AS found FROM "rollouts" r WHERE r."id" = n.rollout_id FOR KEY SHARE) l ON true
  WHERE l.found IS NULL
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "outcome_events" violates foreign key constraint "outcome_events_rollout_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (rollout_id)=(%s) is not present in table "rollouts".', missing);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER outcome_events_rollout_insert
  AFTER INSERT ON "outcome_events" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION switchyard_outcome_events_rollout_check();
CREATE TRIGGER outcome_events_rollout_update
  AFTER UPDATE ON "outcome_events" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION switchyard_outcome_events_rollout_check();

CREATE OR REPLACE FUNCTION switchyard_rollouts_cascade_outcome_events() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "outcome_events" WHERE "rollout_id" = OLD."id";
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE "outcome_events" SET "rollout_id" = NEW."id" WHERE "rollout_id" = OLD."id";
  ELSE
    TRUNCATE "outcome_events";
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER rollouts_cascade_outcome_events_delete
  AFTER DELETE ON "rollouts"
  FOR EACH ROW EXECUTE FUNCTION switchyard_rollouts_cascade_outcome_events();
CREATE TRIGGER rollouts_cascade_outcome_events_update
  AFTER UPDATE OF "id" ON "rollouts"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION switchyard_rollouts_cascade_outcome_events();
CREATE TRIGGER rollouts_cascade_outcome_events_truncate
  AFTER TRUNCATE ON "rollouts"
  FOR EACH STATEMENT EXECUTE FUNCTION switchyard_rollouts_cascade_outcome_events();
