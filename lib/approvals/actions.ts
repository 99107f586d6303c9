"use server";
import { revalidatePath } from "next/cache";
import { authActionClient } from "../safe-action";
import { approveRolloutSchema, revokeApprovalSchema } from "./schemas";
import { approveRollout } from "./approve-rollout";
import { revokeApproval } from "./revoke-approval";

export const approveRolloutAction = authActionClient
  .metadata({ name: "approveRollout" })
  .inputSchema(approveRolloutSchema)
  .action(async ({ ctx, parsedInput }) => {
    const { approval, ready } = await approveRollout({ ctx, input: parsedInput });
    revalidatePath(`/rollouts/${parsedInput.rolloutId}`);
    revalidatePath("/approvals");
    return { id: approval.id, ready };
  });

export const revokeApprovalAction = authActionClient
  .metadata({ name: "revokeApproval" })
  .inputSchema(revokeApprovalSchema)
  .action(async ({ ctx, parsedInput }) => {
    const approval = await revokeApproval({ ctx, input: parsedInput });
    revalidatePath(`/rollouts/${approval.rolloutId}`);
    revalidatePath("/approvals");
    return { id: approval.id };
  });
