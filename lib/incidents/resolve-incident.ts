import "server-only";
import type { ServiceContext } from "../permissions";
import { postIncidentUpdate } from "./post-incident-update";
import type { ResolveIncidentInput } from "./schemas";

/** Closes an incident with a last update (and, when known, its root cause). */
export function resolveIncident({ ctx, input }: { ctx: ServiceContext; input: ResolveIncidentInput }) {
  return postIncidentUpdate({
    ctx,
    input: { incidentId: input.incidentId, status: "resolved", message: input.message },
    rootCause: input.rootCause || undefined,
  });
}
