-- Outcome events arrive roughly in time order and are read by rollout and time range (rollup
-- rebuilds): a BRIN index serves that at a fraction of a b-tree's write cost on every ingest.
DROP INDEX "outcome_events_rollout_id_occurred_at_idx";
CREATE INDEX "outcome_events_rollout_id_occurred_at_idx" ON "outcome_events" USING BRIN ("rollout_id", "occurred_at");
