// POST /api/v1/routers/[routerId]/test – ask the router for health and what it serves; records the result (admin)
import { apiRoute } from "@/lib/api/route";
import { testRouterConnection } from "@/lib/routers/test-router-connection";
import { idField } from "@/lib/validation";

export const POST = apiRoute<{ routerId: string }>(async ({ ctx, params }) => ({
  result: await testRouterConnection({ ctx, input: { routerId: idField.parse(params.routerId) } }),
}));
