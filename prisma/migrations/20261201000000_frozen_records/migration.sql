-- A deployment record is frozen when its rollout ends: from then on the database refuses to
-- change or delete it, whatever path the change takes.
CREATE OR REPLACE FUNCTION switchyard_refuse_frozen_record_change() RETURNS trigger AS $$
BEGIN
  IF OLD."frozen_at" IS NOT NULL THEN
    RAISE EXCEPTION 'deployment record % is frozen (% refused)', OLD."number", TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER deployment_records_frozen
  BEFORE UPDATE OR DELETE ON "deployment_records"
  FOR EACH ROW EXECUTE FUNCTION switchyard_refuse_frozen_record_change();
