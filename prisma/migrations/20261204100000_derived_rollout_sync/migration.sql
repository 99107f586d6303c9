-- A rollout's "in sync" is derived, never remembered: it is true when every router application of
-- its latest weight change (config_version) is applied (or there is no such change yet). The
-- column is recomputed by the database on every write to the rollout and on every change to a
-- router application, so no path that applies a config (push, catch-up push, retry, read-back,
-- "sync now") can leave a stale flag; whatever a writer puts in the column is overwritten.

CREATE OR REPLACE FUNCTION rollout_in_sync(p_rollout_id text, p_config_version integer)
RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT NOT EXISTS (
    SELECT 1
    FROM router_applications a
    JOIN weight_changes w ON w.id = a.weight_change_id
    WHERE w.rollout_id = p_rollout_id
      AND w.config_version = p_config_version
      AND a.status <> 'applied'
  )
$$;

CREATE OR REPLACE FUNCTION rollouts_derive_in_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.in_sync := rollout_in_sync(NEW.id, NEW.config_version);
  RETURN NEW;
END
$$;

CREATE TRIGGER rollouts_derive_in_sync
  BEFORE INSERT OR UPDATE ON rollouts
  FOR EACH ROW EXECUTE FUNCTION rollouts_derive_in_sync();

CREATE OR REPLACE FUNCTION router_applications_refresh_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wc_id text := COALESCE(NEW.weight_change_id, OLD.weight_change_id);
BEGIN
  UPDATE rollouts r
     SET in_sync = rollout_in_sync(r.id, r.config_version)
    FROM weight_changes w
   WHERE w.id = wc_id
     AND r.id = w.rollout_id
     AND r.config_version = w.config_version
     AND r.in_sync IS DISTINCT FROM rollout_in_sync(r.id, r.config_version);
  RETURN NULL;
END
$$;

CREATE TRIGGER router_applications_refresh_sync
  AFTER INSERT OR UPDATE OF status OR DELETE ON router_applications
  FOR EACH ROW EXECUTE FUNCTION router_applications_refresh_sync();

-- Bring every existing rollout to its derived value (a wedged one leaves "not in sync" here).
UPDATE rollouts SET in_sync = rollout_in_sync(id, config_version);
