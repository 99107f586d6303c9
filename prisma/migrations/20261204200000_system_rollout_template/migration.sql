-- A system's own starting point for new rollouts: per-strategy settings and the gate template the
-- wizard and the API start from (lib/rollouts/rollout-template.ts). NULL: the product's defaults.
ALTER TABLE "systems" ADD COLUMN "rollout_template" JSONB;
