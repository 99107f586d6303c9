"use server";
import { revalidatePath } from "next/cache";
import { authActionClient } from "../safe-action";
import { createSystemSchema } from "../registry/schemas";
import { createSystem } from "./create-system";

export const createSystemAction = authActionClient
  .metadata({ name: "createSystem" })
  .inputSchema(createSystemSchema)
  .action(async ({ ctx, parsedInput }) => {
    const system = await createSystem({ ctx, input: parsedInput });
    revalidatePath("/systems");
    return { slug: system.slug };
  });
