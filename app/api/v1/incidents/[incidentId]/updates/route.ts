// POST /api/v1/incidents/[incidentId]/updates – post a status update { status, message, rootCause? }; "resolved" closes it
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { postIncidentUpdateBodySchema } from "@/lib/incidents/schemas";
import { postIncidentUpdate } from "@/lib/incidents/post-incident-update";

export const POST = apiRoute<{ incidentId: string }>(async ({ request, ctx, params }) => {
  const body = await readJson(request, postIncidentUpdateBodySchema);
  const out = await postIncidentUpdate({
    ctx,
    input: { incidentId: params.incidentId, status: body.status, message: body.message },
    rootCause: body.rootCause,
  });
  return json(out, 201);
});
