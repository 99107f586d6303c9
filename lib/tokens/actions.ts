"use server";
import { revalidatePath } from "next/cache";
import { authActionClient } from "../safe-action";
import { createApiTokenSchema, revokeApiTokenSchema } from "./schemas";
import { createApiToken } from "./create-api-token";
import { revokeApiToken } from "./revoke-api-token";

export const createApiTokenAction = authActionClient
  .metadata({ name: "createApiToken" })
  .inputSchema(createApiTokenSchema)
  .action(async ({ ctx, parsedInput }) => {
    const created = await createApiToken({ ctx, input: parsedInput });
    revalidatePath("/admin/tokens");
    return { id: created.id, name: created.name, token: created.token };
  });

export const revokeApiTokenAction = authActionClient
  .metadata({ name: "revokeApiToken" })
  .inputSchema(revokeApiTokenSchema)
  .action(async ({ ctx, parsedInput }) => {
    await revokeApiToken({ ctx, input: parsedInput });
    revalidatePath("/admin/tokens");
    return { ok: true };
  });
