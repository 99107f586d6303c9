-- A gate without the sample it needs is "waiting" (for data), not inconclusive: it holds the step
-- without counting as a strike. Steps remember when a person extended their maximum wait
-- ("keep waiting") and from when inconclusive runs count again (a resume starts a fresh count).
ALTER TYPE "Verdict" ADD VALUE IF NOT EXISTS 'waiting';

ALTER TABLE "plan_steps" ADD COLUMN "wait_until" TIMESTAMP(3);
ALTER TABLE "plan_steps" ADD COLUMN "verdicts_since" TIMESTAMP(3);
