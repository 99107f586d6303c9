// GET /api/v1/routers/[routerId] – one router: sync state, recent errors, active rollout
// PATCH /api/v1/routers/[routerId] – change name, endpoint, settings or secret (admin)
// DELETE /api/v1/routers/[routerId] – remove a router (admin); refused during a live rollout
import { apiRoute } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { deleteRouter } from "@/lib/routers/delete-router";
import { getRouterDetail } from "@/lib/routers/queries";
import { updateRouterBodySchema } from "@/lib/routers/schemas";
import { updateRouter } from "@/lib/routers/update-router";
import { idField } from "@/lib/validation";

type Params = { routerId: string };

export const GET = apiRoute<Params>(async ({ ctx, params }) => getRouterDetail(ctx, idField.parse(params.routerId)));

export const PATCH = apiRoute<Params>(async ({ request, ctx, params }) => {
  const body = await readJson(request, updateRouterBodySchema);
  return { router: await updateRouter({ ctx, input: { ...body, routerId: idField.parse(params.routerId) } }) };
});

export const DELETE = apiRoute<Params>(async ({ ctx, params }) => ({
  router: await deleteRouter({ ctx, input: { routerId: idField.parse(params.routerId) } }),
}));
