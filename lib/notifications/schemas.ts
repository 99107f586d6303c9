import { z } from "zod";
import { text } from "../validation";
import { NOTIFICATION_EVENTS } from "./events";

export const createEndpointSchema = z.object({
  name: text({ error: "Required" }).trim().min(2, "At least 2 characters").max(80, "At most 80 characters"),
  url: text({ error: "Required" })
    .trim()
    .url("A full URL, e.g. https://hooks.slack.com/services/…")
    .refine((u) => /^https?:\/\//.test(u), "http:// or https:// only"),
  secret: text().trim().max(200, "At most 200 characters").optional(),
  events: z.array(z.enum([...NOTIFICATION_EVENTS, "*"])).min(1, "Pick at least one event"),
});
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const endpointIdSchema = z.object({ endpointId: text().min(1) });
export const setEndpointEnabledSchema = endpointIdSchema.extend({ enabled: z.boolean() });
