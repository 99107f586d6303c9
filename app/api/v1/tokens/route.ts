// GET /api/v1/tokens – API tokens without secrets (admin)
// POST /api/v1/tokens – create a token; the secret is in this response only (admin, by session)
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { createApiTokenSchema } from "@/lib/tokens/schemas";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { listApiTokens } from "@/lib/users/queries";
import { ForbiddenError } from "@/lib/errors";

export const GET = apiRoute(async ({ ctx }) => ({ tokens: await listApiTokens(ctx) }));

export const POST = apiRoute(async ({ request, ctx }) => {
  if (ctx.actor.type !== "user")
    throw new ForbiddenError("Tokens are created by a signed-in admin, not by another token.");
  const input = await readJson(request, createApiTokenSchema);
  return json({ token: await createApiToken({ ctx, input }) }, 201);
});
