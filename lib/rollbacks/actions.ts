"use server";
import { revalidatePath } from "next/cache";
import { authActionClient } from "../safe-action";
import {
  breakGlassRollbackSchema,
  cancelRollbackRequestSchema,
  confirmRollbackSchema,
  recordRootCauseSchema,
  requestRollbackSchema,
  reviewBreakGlassSchema,
} from "./schemas";
import { requestRollback } from "./request-rollback";
import { confirmRollback } from "./confirm-rollback";
import { cancelRollbackRequest } from "./cancel-rollback-request";
import { breakGlassRollback } from "./break-glass-rollback";
import { reviewBreakGlass } from "./review-break-glass";
import { recordRootCause } from "./record-root-cause";

function refresh(rolloutId: string) {
  revalidatePath(`/rollouts/${rolloutId}`);
  revalidatePath("/approvals");
}

export const requestRollbackAction = authActionClient
  .metadata({ name: "requestRollback" })
  .inputSchema(requestRollbackSchema)
  .action(async ({ ctx, parsedInput }) => {
    const request = await requestRollback({ ctx, input: parsedInput });
    refresh(request.rolloutId);
    return { id: request.id };
  });

export const confirmRollbackAction = authActionClient
  .metadata({ name: "confirmRollback" })
  .inputSchema(confirmRollbackSchema)
  .action(async ({ ctx, parsedInput }) => {
    const { request, weightsBefore, weightsAfter } = await confirmRollback({ ctx, input: parsedInput });
    refresh(request.rolloutId);
    return { id: request.id, weightsBefore, weightsAfter };
  });

export const cancelRollbackRequestAction = authActionClient
  .metadata({ name: "cancelRollbackRequest" })
  .inputSchema(cancelRollbackRequestSchema)
  .action(async ({ ctx, parsedInput }) => {
    const request = await cancelRollbackRequest({ ctx, input: parsedInput });
    refresh(request.rolloutId);
    return { id: request.id };
  });

export const breakGlassRollbackAction = authActionClient
  .metadata({ name: "breakGlassRollback" })
  .inputSchema(breakGlassRollbackSchema)
  .action(async ({ ctx, parsedInput }) => {
    const { request, weightsBefore, weightsAfter } = await breakGlassRollback({ ctx, input: parsedInput });
    refresh(request.rolloutId);
    return { id: request.id, weightsBefore, weightsAfter };
  });

export const reviewBreakGlassAction = authActionClient
  .metadata({ name: "reviewBreakGlass" })
  .inputSchema(reviewBreakGlassSchema)
  .action(async ({ ctx, parsedInput }) => {
    const request = await reviewBreakGlass({ ctx, input: parsedInput });
    refresh(request.rolloutId);
    return { id: request.id };
  });

export const recordRootCauseAction = authActionClient
  .metadata({ name: "recordRootCause" })
  .inputSchema(recordRootCauseSchema)
  .action(async ({ ctx, parsedInput }) => {
    const { unblocked } = await recordRootCause({ ctx, input: parsedInput });
    refresh(parsedInput.rolloutId);
    return { unblocked: unblocked.length };
  });
