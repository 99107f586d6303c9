import { z } from "zod";
import { STRATEGIES } from "../strategies/plan";

export const RECORD_OUTCOMES = ["completed", "aborted", "rolled_back", "in_progress"] as const;
export const EXPORT_FORMATS = ["json", "ndjson", "csv", "pdf"] as const;

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Not a real date");

/** Filters shared by the records page, GET /api/v1/records and the export (query strings: empty = unset). */
export const recordFilterSchema = z.object({
  system: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,60}$/, "A system slug")
    .optional(),
  from: day.optional(),
  to: day.optional(),
  strategy: z.enum(STRATEGIES, { error: `One of ${STRATEGIES.join(", ")}` }).optional(),
  number: z
    .string()
    .trim()
    .regex(/^DR-\d{4}-\d{1,6}$/, "A record number like DR-2026-0001")
    .optional(),
  outcome: z.enum(RECORD_OUTCOMES, { error: `One of ${RECORD_OUTCOMES.join(", ")}` }).optional(),
});
export type RecordFilter = z.infer<typeof recordFilterSchema>;

export const exportRecordsSchema = recordFilterSchema.extend({
  format: z.enum(EXPORT_FORMATS, { error: `One of ${EXPORT_FORMATS.join(", ")}` }).default("json"),
});
export type ExportRecordsInput = z.infer<typeof exportRecordsSchema>;

/** Query string → filter input, dropping empty values so "?system=" means no filter. */
export function searchParamsToObject(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const entries =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  return Object.fromEntries(
    entries.filter((e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== ""),
  );
}
