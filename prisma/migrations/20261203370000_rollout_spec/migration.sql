-- Rollouts as code: the spec a rollout was applied from (`switchyard apply`), its sha256, and the
-- approvals it asks for (at least the system's own minimum). The deployment record keeps the same
-- spec and hash, so an auditor sees what was applied.
ALTER TABLE "rollouts" ADD COLUMN "spec" JSONB;
ALTER TABLE "rollouts" ADD COLUMN "spec_hash" TEXT;
ALTER TABLE "rollouts" ADD COLUMN "required_approvals" INTEGER;
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_required_approvals_range"
  CHECK ("required_approvals" IS NULL OR ("required_approvals" >= 1 AND "required_approvals" <= 10));
ALTER TABLE "deployment_records" ADD COLUMN "spec" JSONB;
ALTER TABLE "deployment_records" ADD COLUMN "spec_hash" TEXT;
