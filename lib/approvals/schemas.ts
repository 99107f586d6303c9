import { z } from "zod";
import { text } from "../validation";

const id = (what: string) =>
  text({ error: `Required: the ${what}` })
    .trim()
    .min(1, `Required: the ${what}`)
    .max(100);

/** REST body of POST /api/v1/rollouts/{rolloutId}/approvals (the rollout comes from the path). */
export const approveRolloutBodySchema = z
  .object({
    /** The plan hash the approver reviewed; refused if the plan changed since. */
    planHash: text({ error: "Required: the plan hash you reviewed" })
      .trim()
      .regex(/^[0-9a-f]{64}$/, "A sha256 plan hash (64 hex digits)"),
    comment: text().trim().max(2000, "At most 2000 characters").default(""),
  })
  .strict();

export const approveRolloutSchema = approveRolloutBodySchema.extend({ rolloutId: id("rollout") }).strict();
export type ApproveRolloutInput = z.infer<typeof approveRolloutSchema>;

export const revokeApprovalSchema = z.object({ approvalId: id("approval") }).strict();
export type RevokeApprovalInput = z.infer<typeof revokeApprovalSchema>;
