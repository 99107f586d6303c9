import { z } from "zod";
import { idField, slugField } from "../validation";

const slotName = z
  .string({ error: "Required: the slot's name (blue, green, canary...)" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Lowercase letters, digits and dashes; at most 40 characters");

const upstreamUrl = z
  .url({ protocol: /^https?$/, error: "An http(s) URL of the model server" })
  .max(500, "At most 500 characters");

/** REST body of POST /api/v1/systems/{system}/slots (the system comes from the path). */
export const createSlotBodySchema = z
  .object({
    environment: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Lowercase letters, digits and dashes")
      .default("production"),
    name: slotName,
    upstreamUrl,
    /** The registered version this model server runs, if known. */
    versionId: idField.optional(),
  })
  .strict();

export const createSlotSchema = createSlotBodySchema.extend({ system: slugField }).strict();
export type CreateSlotInput = z.infer<typeof createSlotSchema>;

const slotChanges = { upstreamUrl: upstreamUrl.optional(), versionId: idField.nullable().optional() };
const changesSomething = (v: { upstreamUrl?: string; versionId?: string | null }) =>
  v.upstreamUrl !== undefined || v.versionId !== undefined;
const NOTHING = { message: "Change upstreamUrl or versionId", path: ["upstreamUrl"] };

/** REST body of PATCH /api/v1/slots/{slotId}: what runs there now (versionId null = not known). */
export const updateSlotBodySchema = z.object(slotChanges).strict().refine(changesSomething, NOTHING);

export const updateSlotSchema = z
  .object({ slotId: idField, ...slotChanges })
  .strict()
  .refine(changesSomething, NOTHING);
export type UpdateSlotInput = z.infer<typeof updateSlotSchema>;
