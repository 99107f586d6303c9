"use server";
import { revalidatePath } from "next/cache";
import { authActionClient } from "../safe-action";
import {
  cancelGateOverrideSchema,
  confirmGateOverrideSchema,
  keepWaitingSchema,
  requestGateOverrideSchema,
} from "./schemas";
import { requestGateOverride } from "./request-gate-override";
import { confirmGateOverride } from "./confirm-gate-override";
import { cancelGateOverride } from "./cancel-gate-override";
import { keepWaiting } from "./keep-waiting";

function refresh(rolloutId: string) {
  revalidatePath(`/rollouts/${rolloutId}`);
  revalidatePath("/approvals");
}

export const keepWaitingAction = authActionClient
  .metadata({ name: "keepWaiting" })
  .inputSchema(keepWaitingSchema)
  .action(async ({ ctx, parsedInput }) => {
    const { rollout } = await keepWaiting({ ctx, input: parsedInput });
    refresh(rollout.id);
    return { id: rollout.id, status: rollout.status, revision: rollout.revision };
  });

export const requestGateOverrideAction = authActionClient
  .metadata({ name: "requestGateOverride" })
  .inputSchema(requestGateOverrideSchema)
  .action(async ({ ctx, parsedInput }) => {
    const override = await requestGateOverride({ ctx, input: parsedInput });
    refresh(override.rolloutId);
    return { id: override.id };
  });

export const confirmGateOverrideAction = authActionClient
  .metadata({ name: "confirmGateOverride" })
  .inputSchema(confirmGateOverrideSchema)
  .action(async ({ ctx, parsedInput }) => {
    const { rollout } = await confirmGateOverride({ ctx, input: parsedInput });
    refresh(rollout.id);
    return { id: rollout.id, status: rollout.status };
  });

export const cancelGateOverrideAction = authActionClient
  .metadata({ name: "cancelGateOverride" })
  .inputSchema(cancelGateOverrideSchema)
  .action(async ({ ctx, parsedInput }) => {
    const override = await cancelGateOverride({ ctx, input: parsedInput });
    refresh(override.rolloutId);
    return { id: override.id };
  });
