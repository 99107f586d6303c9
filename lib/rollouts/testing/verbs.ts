// Re-exports of the rollout verbs for integration tests, imported after DATABASE_URL is set.
export { createRollout } from "../create-rollout";
export { submitRollout } from "../submit-rollout";
export { startRollout } from "../start-rollout";
export { advanceRollout } from "../advance-rollout";
export { promoteRollout } from "../promote-rollout";
export { abortRollout } from "../abort-rollout";
export { executeRollback } from "../execute-rollback";
