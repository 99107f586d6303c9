import { z } from "zod";
import { text } from "../validation";
import { IncidentStatus } from "../generated/prisma/enums";

/** In the schema's order; the database enum is the source. */
export const INCIDENT_STATUSES: readonly IncidentStatus[] = Object.values(IncidentStatus);
export const INCIDENT_SEVERITIES = ["minor", "major", "critical"] as const;

const message = text({ error: "Required" })
  .trim()
  .min(3, "Say what stakeholders should know")
  .max(2000, "At most 2000 characters");

export const openIncidentSchema = z.object({
  systemId: text().min(1, "Pick a system"),
  rolloutId: text().min(1).optional(),
  title: text({ error: "Required" }).trim().min(3, "At least 3 characters").max(200, "At most 200 characters"),
  severity: z.enum(INCIDENT_SEVERITIES, { error: "minor, major or critical" }).default("minor"),
  message,
});
export type OpenIncidentInput = z.input<typeof openIncidentSchema>;

export const postIncidentUpdateSchema = z.object({
  incidentId: text().min(1),
  status: z.enum(INCIDENT_STATUSES, { error: "investigating, identified, monitoring or resolved" }),
  message,
});
export type PostIncidentUpdateInput = z.infer<typeof postIncidentUpdateSchema>;

/** REST body of POST /api/v1/incidents/{incidentId}/updates; a root cause may come with any update. */
export const postIncidentUpdateBodySchema = postIncidentUpdateSchema
  .omit({ incidentId: true })
  .extend({ rootCause: text().trim().max(2000, "At most 2000 characters").optional() });

export const resolveIncidentSchema = z.object({
  incidentId: text().min(1),
  message,
  rootCause: text().trim().max(2000, "At most 2000 characters").optional(),
});
export type ResolveIncidentInput = z.infer<typeof resolveIncidentSchema>;
