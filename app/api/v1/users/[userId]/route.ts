// PATCH /api/v1/users/[userId] – change a person's role or disable them { role?, disabled? } (admin)
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { updateUserSchema } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/update-user";
import { idField } from "@/lib/validation";

export const PATCH = apiRoute<{ userId: string }>(async ({ request, ctx, params }) => {
  const input = await readInput(request, updateUserSchema, { userId: idField.parse(params.userId) });
  return { user: await updateUser({ ctx, input }) };
});
