"use server";
import { revalidatePath } from "next/cache";
import { authActionClient } from "../safe-action";
import { createUserSchema, updateUserSchema } from "./schemas";
import { createUser } from "./create-user";
import { updateUser } from "./update-user";

export const createUserAction = authActionClient
  .metadata({ name: "createUser" })
  .inputSchema(createUserSchema)
  .action(async ({ ctx, parsedInput }) => {
    const user = await createUser({ ctx, input: parsedInput });
    revalidatePath("/admin/users");
    return { id: user.id };
  });

export const updateUserAction = authActionClient
  .metadata({ name: "updateUser" })
  .inputSchema(updateUserSchema)
  .action(async ({ ctx, parsedInput }) => {
    const user = await updateUser({ ctx, input: parsedInput });
    revalidatePath("/admin/users");
    return { id: user.id, role: user.role, disabled: user.disabled };
  });
