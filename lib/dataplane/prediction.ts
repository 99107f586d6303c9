/**
 * The prediction in a model's answer: the top-level JSON field `field` as a string (numbers and
 * booleans stringified), or, with no field configured, the whole body (so shadow agreement still
 * means "same answer"). Undefined when the body isn't JSON or lacks the field.
 */
export function extractPrediction(body: string, field: string | undefined): string | undefined {
  if (!field) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const v = (parsed as Record<string, unknown>)[field];
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}
