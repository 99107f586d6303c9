import { z } from "zod";
import { nameField, slugField, text, urlField } from "../validation";

const PROVENANCE = "Provenance required: nothing deploys without a sha256 digest and the pipeline run that built it";

export const artifactUriField = text({
  error: "Required: where the artifact lives (s3://, gs://, https://, oci://...)",
})
  .trim()
  .max(2000, "At most 2000 characters")
  .regex(
    /^(s3|gs|az|https|oci|hf|mlflow|models):\/\/[^\s<>]+$/,
    "Must be an s3://, gs://, az://, https://, oci://, hf://, mlflow:// or models:// URI",
  )
  .refine((v) => !/\.ipynb($|[?#])/i.test(v), "A notebook is not an artifact: register what the pipeline built");

export const registerVersionSchema = z
  .object({
    system: slugField,
    model: text({ error: "Required" })
      .trim()
      .min(1, "Required")
      .max(80, "At most 80 characters")
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._()+/-]*$/, "Letters, digits, spaces and . _ ( ) + / - only"),
    version: text({ error: "Required" })
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/, "Letters, digits, dots, dashes, plus; at most 64 characters"),
    artifactUri: artifactUriField,
    digest: text({ error: PROVENANCE })
      .trim()
      .regex(/^sha256:[0-9a-f]{64}$/, "Must be sha256:<64 lowercase hex digits>"),
    pipelineRunId: text({ error: PROVENANCE })
      .trim()
      .min(1, PROVENANCE)
      .max(200, "At most 200 characters")
      .regex(/^[^<>\s]+$/, "No spaces or markup"),
    pipelineRunUrl: urlField.optional(),
    sourceCommit: text()
      .trim()
      .regex(/^[0-9a-f]{7,64}$/, "A git commit hash")
      .optional(),
    offlineMetrics: z
      .record(text().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "Metric names: letters, digits, _ . : -"), z.number().finite())
      .refine((m) => Object.keys(m).length <= 100, "At most 100 metrics")
      .default({}),
  })
  .strict();
export type RegisterVersionInput = z.infer<typeof registerVersionSchema>;

export const createSystemSchema = z
  .object({
    slug: slugField,
    name: nameField(120),
    description: text()
      .trim()
      .max(2000)
      .regex(/^[^<>]*$/, "Must not contain < or >")
      .default(""),
    requiredApprovals: z.coerce
      .number()
      .int()
      .min(1, "At least 1: every rollout needs an approver other than its author")
      .max(10, "At most 10")
      .default(1),
    mirrorSafeRoutes: z
      .array(text().regex(/^\/[A-Za-z0-9/_.-]*$/, "A path starting with /"))
      .max(50)
      .default([]),
  })
  .strict();
export type CreateSystemInput = z.infer<typeof createSystemSchema>;

export const listVersionsSchema = z.object({ system: slugField.optional(), model: nameField(80).optional() }).strict();
