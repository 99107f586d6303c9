// POST /api/v1/incidents/[incidentId]/resolve – close an incident with a last message { message, rootCause? }
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { resolveIncidentSchema } from "@/lib/incidents/schemas";
import { resolveIncident } from "@/lib/incidents/resolve-incident";
import { idField } from "@/lib/validation";

export const POST = apiRoute<{ incidentId: string }>(async ({ request, ctx, params }) => {
  const input = await readInput(request, resolveIncidentSchema, { incidentId: idField.parse(params.incidentId) });
  return { incident: await resolveIncident({ ctx, input }) };
});
