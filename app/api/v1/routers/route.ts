// GET /api/v1/routers – routers with health and sync state (?system=<slug>); never secrets
// POST /api/v1/routers – register a router (admin); the secret is stored encrypted, never returned
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { createRouter } from "@/lib/routers/create-router";
import { listRouters } from "@/lib/routers/queries";
import { createRouterSchema } from "@/lib/routers/schemas";
import { slugField } from "@/lib/validation";

export const GET = apiRoute(async ({ request, ctx }) => {
  const system = new URL(request.url).searchParams.get("system");
  const routers = await listRouters(ctx, { systemSlug: system ? slugField.parse(system) : undefined });
  return { routers };
});

export const POST = apiRoute(async ({ request, ctx }) => {
  const input = await readJson(request, createRouterSchema);
  const router = await createRouter({ ctx, input });
  return json({ router }, 201);
});
