// The hash approvals bind to: any change to what would run voids them, key order never does.
import { createHash } from "node:crypto";

export interface HashablePlan {
  strategy: string;
  steps: unknown[];
  config: unknown;
  gates: unknown;
  variants: unknown[];
}

/** sha256 hex of the canonical JSON of the plan. Step order counts; variant order doesn't. */
export function planHash(plan: HashablePlan): string {
  const canonical = canonicalJson({
    strategy: plan.strategy,
    steps: plan.steps,
    config: plan.config ?? {},
    gates: plan.gates ?? [],
    variants: [...plan.variants].sort((a, b) => compare(variantKey(a), variantKey(b))),
  });
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * JSON with object keys sorted at every depth, no whitespace. Like JSON.stringify, undefined
 * properties are dropped and Dates become ISO strings, so a parsed-and-reserialised plan hashes
 * the same.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compare)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

function variantKey(v: unknown): string {
  return v !== null && typeof v === "object" && typeof (v as { key?: unknown }).key === "string"
    ? (v as { key: string }).key
    : canonicalJson(v);
}

/** Code-unit order, independent of the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
