// POST /api/v1/routers/[routerId]/sync – ask the controller to push the router's desired config again (admin)
import { apiRoute } from "@/lib/api/route";
import { routerIdSchema } from "@/lib/routers/schemas";
import { syncRouter } from "@/lib/routers/sync-router";
import { idField } from "@/lib/validation";

export const POST = apiRoute<{ routerId: string }>(async ({ ctx, params }) => ({
  result: await syncRouter({ ctx, input: routerIdSchema.parse({ routerId: idField.parse(params.routerId) }) }),
}));
