import { z } from "zod";
import { text } from "../validation";

const id = (what: string) =>
  text({ error: `Required: the ${what}` })
    .trim()
    .min(1, `Required: the ${what}`)
    .max(100);

/** REST body of POST /api/v1/checklist-items/{itemId}/sign (the item comes from the path). */
export const signChecklistItemBodySchema = z
  .object({
    note: text().trim().max(2000, "At most 2000 characters").default(""),
    evidenceUrl: text()
      .trim()
      .max(2000, "At most 2000 characters")
      .refine((v) => v === "" || /^https?:\/\/[^\s<>]+$/.test(v), "An http(s) link to the evidence")
      .default(""),
  })
  .strict();

export const signChecklistItemSchema = signChecklistItemBodySchema
  .extend({ itemId: id("checklist item") })
  .strict()
  .refine((v) => v.note.length >= 3 || v.evidenceUrl.length > 0, {
    message: "Add a note (what you checked) or a link to the evidence",
    path: ["note"],
  });
export type SignChecklistItemInput = z.infer<typeof signChecklistItemSchema>;

export const runChecklistChecksSchema = z.object({ rolloutId: id("rollout") }).strict();
export type RunChecklistChecksInput = z.infer<typeof runChecklistChecksSchema>;

export const VERIFICATIONS = [
  "manual",
  "offline_metrics",
  "routers_healthy",
  "rollback_plan",
  "health_checks",
] as const;

export const templateItemSchema = z
  .object({
    section: text().trim().min(1, "Required: the section").max(80, "At most 80 characters"),
    label: text().trim().min(3, "At least 3 characters").max(200, "At most 200 characters"),
    required: z.boolean().default(true),
    verification: z.enum(VERIFICATIONS).default("manual"),
  })
  .strict();

export const saveChecklistTemplateSchema = z
  .object({
    /** Absent: create a new template. */
    templateId: text().trim().max(100).optional(),
    name: text().trim().min(3, "At least 3 characters").max(120, "At most 120 characters"),
    isDefault: z.boolean().default(false),
    items: z.array(templateItemSchema).min(1, "A checklist needs at least one item").max(200, "At most 200 items"),
  })
  .strict();
export type SaveChecklistTemplateInput = z.infer<typeof saveChecklistTemplateSchema>;

export const assignChecklistTemplateSchema = z.object({ systemId: id("system"), templateId: id("template") }).strict();
/** REST body of PUT /api/v1/systems/{system}/checklist-template. */
export const assignChecklistTemplateBodySchema = assignChecklistTemplateSchema.omit({ systemId: true });
/** REST body of PUT /api/v1/checklist-templates/{templateId}. */
export const saveChecklistTemplateBodySchema = saveChecklistTemplateSchema.omit({ templateId: true });
export type AssignChecklistTemplateInput = z.infer<typeof assignChecklistTemplateSchema>;
