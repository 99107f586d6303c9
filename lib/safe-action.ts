import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { requireSessionContext } from "./context";
import { BadRequestError, publicMessage, ServiceError } from "./errors";
import { CONTROL_CHARACTER_REASON, controlCharacterPath } from "./validation";

/** Server actions for people: session required; the verb checks permissions itself. */
export const authActionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string() }),
  handleServerError(error) {
    if (!(error instanceof ServiceError)) console.error(error);
    return publicMessage(error);
  },
}).use(async ({ next, clientInput }) => {
  const ctx = await requireSessionContext();
  // Belt and braces for fields the schemas take as free-form JSON: no control character (NUL...)
  // reaches a verb or the database, and the refusal names the field.
  const path = controlCharacterPath(clientInput);
  if (path) throw new BadRequestError(`${path.join(".") || "Input"}: ${CONTROL_CHARACTER_REASON}`);
  return next({ ctx });
});
