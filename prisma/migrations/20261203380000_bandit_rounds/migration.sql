-- One row per bandit round of a rollout step: the primary key makes each round happen once (it was
-- found by the prefix of a weight change's reason text, and rounds that kept the weights repeated).
CREATE TABLE "bandit_rounds" (
    "rollout_id" TEXT NOT NULL,
    "step_index" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bandit_rounds_pkey" PRIMARY KEY ("rollout_id","step_index","round")
);

ALTER TABLE "bandit_rounds" ADD CONSTRAINT "bandit_rounds_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
