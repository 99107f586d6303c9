// POST /api/v1/notifications/endpoints/[endpointId]/test – queue a test message to one endpoint (admin)
import { apiRoute, json } from "@/lib/api/route";
import { endpointIdSchema } from "@/lib/notifications/schemas";
import { sendTestNotification } from "@/lib/notifications/manage-endpoints";
import { idField } from "@/lib/validation";

export const POST = apiRoute<{ endpointId: string }>(async ({ ctx, params }) => {
  const input = endpointIdSchema.parse({ endpointId: idField.parse(params.endpointId) });
  await sendTestNotification({ ctx, input });
  return json({ queued: input.endpointId }, 202);
});
