// PATCH /api/v1/notifications/endpoints/[endpointId] – pause or resume deliveries { enabled } (admin)
// DELETE /api/v1/notifications/endpoints/[endpointId] – remove an endpoint (admin)
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { endpointIdSchema, setEndpointEnabledSchema } from "@/lib/notifications/schemas";
import { deleteNotificationEndpoint, setNotificationEndpointEnabled } from "@/lib/notifications/manage-endpoints";
import { idField } from "@/lib/validation";

type Params = { endpointId: string };

export const PATCH = apiRoute<Params>(async ({ request, ctx, params }) => {
  const input = await readInput(request, setEndpointEnabledSchema, { endpointId: idField.parse(params.endpointId) });
  return { endpoint: await setNotificationEndpointEnabled({ ctx, input }) };
});

export const DELETE = apiRoute<Params>(async ({ ctx, params }) => {
  const input = endpointIdSchema.parse({ endpointId: idField.parse(params.endpointId) });
  await deleteNotificationEndpoint({ ctx, input });
  return { deleted: input.endpointId };
});
