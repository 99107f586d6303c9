// GET /api/v1/users – people and their roles (admin)
// POST /api/v1/users – add a person { email, name, role, password } (admin)
import { apiRoute, json } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { createUserSchema } from "@/lib/users/schemas";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ ctx }) => ({ users: await listUsers(ctx) }));

export const POST = apiRoute(async ({ request, ctx }) => {
  const user = await createUser({ ctx, input: await readInput(request, createUserSchema) });
  return json({ user }, 201);
});
