// GET /api/v1/notifications/endpoints – webhook endpoints (no secrets) (admin)
// POST /api/v1/notifications/endpoints – add an endpoint { name, url, secret?, events[] } (admin)
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { createEndpointSchema } from "@/lib/notifications/schemas";
import { createNotificationEndpoint, listNotificationEndpoints } from "@/lib/notifications/manage-endpoints";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ ctx }) => ({ endpoints: await listNotificationEndpoints(ctx) }));

export const POST = apiRoute(async ({ request, ctx }) =>
  json(
    { endpoint: await createNotificationEndpoint({ ctx, input: await readJson(request, createEndpointSchema) }) },
    201,
  ),
);
