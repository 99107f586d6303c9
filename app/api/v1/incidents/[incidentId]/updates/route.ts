// POST /api/v1/incidents/[incidentId]/updates – post a status update { status, message, rootCause? }; "resolved" closes it
import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { INCIDENT_STATUSES } from "@/lib/incidents/schemas";
import { postIncidentUpdate } from "@/lib/incidents/post-incident-update";

const bodySchema = z.object({
  status: z.enum(INCIDENT_STATUSES),
  message: z.string().trim().min(3).max(2000),
  rootCause: z.string().trim().max(2000).optional(),
});

export const POST = apiRoute<{ incidentId: string }>(async ({ request, ctx, params }) => {
  const body = await readJson(request, bodySchema);
  const out = await postIncidentUpdate({
    ctx,
    input: { incidentId: params.incidentId, status: body.status, message: body.message },
    rootCause: body.rootCause,
  });
  return json(out, 201);
});
