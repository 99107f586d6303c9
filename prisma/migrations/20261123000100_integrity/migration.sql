-- Rules the database holds itself, whatever path a change takes.

-- Audit events are append-only: no UPDATE, no DELETE, no TRUNCATE.
CREATE OR REPLACE FUNCTION switchyard_refuse_audit_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION switchyard_refuse_audit_change();

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION switchyard_refuse_audit_change();

-- Two-person rule: whoever requested a rollback cannot confirm it.
ALTER TABLE "rollback_requests" ADD CONSTRAINT "rollback_requests_two_person_check"
  CHECK ("confirmed_by_id" IS NULL OR "requested_by_id" IS NULL OR "confirmed_by_id" <> "requested_by_id");

-- An approver never approves their own rollout.
CREATE OR REPLACE FUNCTION switchyard_refuse_self_approval() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "rollouts" r WHERE r."id" = NEW."rollout_id" AND r."author_id" = NEW."approver_id") THEN
    RAISE EXCEPTION 'an author cannot approve their own rollout' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER approvals_not_by_author
  BEFORE INSERT OR UPDATE ON "approvals"
  FOR EACH ROW EXECUTE FUNCTION switchyard_refuse_self_approval();

-- Weights and versions are never negative.
ALTER TABLE "routers" ADD CONSTRAINT "routers_versions_check" CHECK ("desired_version" >= 0 AND "applied_version" >= 0);
ALTER TABLE "systems" ADD CONSTRAINT "systems_required_approvals_check" CHECK ("required_approvals" >= 0 AND "required_approvals" <= 10);
