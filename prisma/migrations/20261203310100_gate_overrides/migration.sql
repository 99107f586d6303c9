-- Accepting an analysis step whose gates did not decide: asked with a written reason, confirmed by
-- a second person (the same two-person rule as rollbacks, held by the database too), at most one
-- request waiting per rollout.
CREATE TYPE "GateOverrideStatus" AS ENUM ('pending', 'confirmed', 'cancelled');

CREATE TABLE "gate_overrides" (
    "id" TEXT NOT NULL,
    "rollout_id" TEXT NOT NULL,
    "step_index" INTEGER NOT NULL,
    "gates" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "GateOverrideStatus" NOT NULL DEFAULT 'pending',
    "requested_by_id" TEXT NOT NULL,
    "confirmed_by_id" TEXT,
    "confirmed_at" TIMESTAMP(3),
    "cancelled_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gate_overrides_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "gate_overrides_rollout_id_step_index_idx" ON "gate_overrides"("rollout_id", "step_index");
CREATE UNIQUE INDEX "gate_overrides_one_pending_per_rollout" ON "gate_overrides"("rollout_id") WHERE "status" = 'pending';

ALTER TABLE "gate_overrides" ADD CONSTRAINT "gate_overrides_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "gate_overrides" ADD CONSTRAINT "gate_overrides_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "gate_overrides" ADD CONSTRAINT "gate_overrides_confirmed_by_id_fkey" FOREIGN KEY ("confirmed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "gate_overrides" ADD CONSTRAINT "gate_overrides_two_person_check"
  CHECK ("confirmed_by_id" IS NULL OR "confirmed_by_id" <> "requested_by_id");