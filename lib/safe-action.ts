import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { requireSessionContext } from "./context";
import { publicMessage, ServiceError } from "./errors";

/** Server actions for people: session required; the verb checks permissions itself. */
export const authActionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string() }),
  handleServerError(error) {
    if (!(error instanceof ServiceError)) console.error(error);
    return publicMessage(error);
  },
}).use(async ({ next }) => {
  const ctx = await requireSessionContext();
  return next({ ctx });
});
