// Pure helpers shared by the Kubernetes manifest generators: weight arithmetic, name and label
// rules, and the expansion of targeting conditions into mesh match alternatives.
import {
  RouterError,
  TOTAL_BASIS_POINTS,
  type RoutingConfig,
  type TargetingCondition,
  type Weights,
} from "@/lib/routers/types";

export const MANAGED_BY = { "app.kubernetes.io/managed-by": "switchyard" };
export const ANNOTATION_VERSION = "switchyard.io/config-version";
export const ANNOTATION_EPOCH = "switchyard.io/epoch";
export const ANNOTATION_WEIGHTS = "switchyard.io/weights";
export const ANNOTATION_ROLLOUT = "switchyard.io/rollout-id";
/** JSON { variantKey: backend } so read-back can map Services (or Argo roles) to variants. */
export const ANNOTATION_VARIANTS = "switchyard.io/variants";

/**
 * The weights the data plane must serve: the kill switch sends everything to the champion.
 * Throws invalid_config unless weights are integers over known variants summing to 10 000.
 */
export function effectiveWeights(config: RoutingConfig): Weights {
  const keys = config.variants.map((v) => v.key);
  const champion = config.variants.find((v) => v.role === "champion");
  if (!champion) throw new RouterError("config has no champion variant", "invalid_config");
  if (config.killSwitch) return Object.fromEntries(keys.map((k) => [k, k === champion.key ? TOTAL_BASIS_POINTS : 0]));
  let sum = 0;
  for (const [k, w] of Object.entries(config.weights)) {
    if (!keys.includes(k)) throw new RouterError(`weight for unknown variant ${k}`, "invalid_config");
    if (!Number.isInteger(w) || w < 0)
      throw new RouterError(`weight of ${k} must be a non-negative integer`, "invalid_config");
    sum += w;
  }
  if (sum !== TOTAL_BASIS_POINTS)
    throw new RouterError(`weights sum to ${sum}, not ${TOTAL_BASIS_POINTS}`, "invalid_config");
  return Object.fromEntries(keys.map((k) => [k, config.weights[k] ?? 0]));
}

/** Basis points -> integer percents summing to 100 (largest remainder; ties keep variant order). */
export function toPercents(weights: Weights): Record<string, number> {
  const entries = Object.entries(weights);
  const floors = entries.map(([k, w]) => ({ k, p: Math.floor(w / 100), rem: w % 100 }));
  let missing = 100 - floors.reduce((n, f) => n + f.p, 0);
  const order = [...floors].sort((a, b) => b.rem - a.rem);
  for (const f of order) {
    if (missing <= 0) break;
    if (f.rem > 0) {
      f.p += 1;
      missing -= 1;
    }
  }
  return Object.fromEntries(floors.map((f) => [f.k, f.p]));
}

/** Basis points divided by their gcd: the smallest integer weights with the exact same ratios. */
export function toRelative(weights: Weights): Record<string, number> {
  const g = Object.values(weights).reduce((a, b) => gcd(a, b), 0) || 1;
  return Object.fromEntries(Object.entries(weights).map(([k, w]) => [k, w / g]));
}

/** Relative weights read back from a live object -> basis points (null if they sum to 0). */
export function fromRelative(weights: Record<string, number>): Weights | null {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  if (!(total > 0)) return null;
  const bp = Object.fromEntries(
    Object.entries(weights).map(([k, w]) => [k, Math.round((w * TOTAL_BASIS_POINTS) / total)]),
  );
  const drift = TOTAL_BASIS_POINTS - Object.values(bp).reduce((a, b) => a + b, 0);
  if (drift !== 0) {
    const top = Object.entries(bp).sort((a, b) => b[1] - a[1])[0][0];
    bp[top] += drift;
  }
  return bp;
}

/**
 * A percentage rule sends `percentage` of matching units to its variant and lets the rest fall
 * through to the weights; a mesh route cannot fall through, so the same split is expressed as
 * one weighted route: p·[v = target] + (1 − p)·weights(v).
 */
export function ruleWeights(rule: { variant: string; percentage?: number }, weights: Weights): Weights {
  const p = rule.percentage ?? TOTAL_BASIS_POINTS;
  const mixed: Record<string, number> = {};
  for (const [k, w] of Object.entries(weights)) {
    mixed[k] = (k === rule.variant ? p * TOTAL_BASIS_POINTS : 0) + (TOTAL_BASIS_POINTS - p) * w;
  }
  return fromRelative(mixed) ?? weights;
}

export type MatchOp = "exact" | "prefix" | "regex" | "not_exact" | "not_regex";
export interface AtomicMatch {
  on: "header" | "query" | "path";
  name: string;
  op: MatchOp;
  value: string;
}

/**
 * Conditions are ANDed; `in` is an OR over values. Returns the OR of AND-alternatives
 * (cartesian product), which is what mesh route matches express. Cookies become regexes on the
 * Cookie header. Throws invalid_config past `limit` alternatives.
 */
export function expandConditions(conditions: TargetingCondition[], limit = 64): AtomicMatch[][] {
  let alternatives: AtomicMatch[][] = [[]];
  for (const c of conditions) {
    const options = conditionOptions(c);
    alternatives = alternatives.flatMap((alt) => options.map((o) => [...alt, o]));
    if (alternatives.length > limit)
      throw new RouterError(`targeting rule expands to more than ${limit} matches`, "invalid_config");
  }
  return alternatives;
}

function conditionOptions(c: TargetingCondition): AtomicMatch[] {
  const [kind, ...rest] = c.attribute.split(":");
  const name = rest.join(":").toLowerCase();
  const values = c.values;
  if (kind === "cookie") {
    const cookie = (v: string) => `^(.*;\\s*)?${escapeRegex(name)}=${v}(;.*)?$`;
    const value = (() => {
      switch (c.operator) {
        case "equals":
        case "not_equals":
          return escapeRegex(values[0] ?? "");
        case "in":
        case "not_in":
          return `(${values.map(escapeRegex).join("|")})`;
        case "prefix":
          return `${escapeRegex(values[0] ?? "")}[^;]*`;
        case "regex":
          return values[0] ?? "";
        case "exists":
          return "[^;]*";
      }
    })();
    const negative = c.operator === "not_equals" || c.operator === "not_in";
    return [{ on: "header", name: "cookie", op: negative ? "not_regex" : "regex", value: cookie(value) }];
  }
  const on = kind === "header" ? "header" : kind === "query" ? "query" : kind === "path" ? "path" : null;
  if (!on) throw new RouterError(`unsupported targeting attribute ${c.attribute}`, "invalid_config");
  const n = on === "path" ? "" : name;
  switch (c.operator) {
    case "equals":
      return [{ on, name: n, op: "exact", value: values[0] ?? "" }];
    case "in":
      return values.map((v) => ({ on, name: n, op: "exact", value: v }));
    case "prefix":
      return [{ on, name: n, op: "prefix", value: values[0] ?? "" }];
    case "regex":
      return [{ on, name: n, op: "regex", value: values[0] ?? "" }];
    case "exists":
      return [{ on, name: n, op: "regex", value: ".*" }];
    case "not_equals":
      return [{ on, name: n, op: "not_exact", value: values[0] ?? "" }];
    case "not_in":
      return [{ on, name: n, op: "not_regex", value: `^(${values.map(escapeRegex).join("|")})$` }];
  }
}

/** RE2-safe literal. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A DNS-1123 label derived from free text (max 63 chars). */
export function dnsLabel(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return out || "x";
}

/** Kubernetes label values: ≤ 63 chars of [A-Za-z0-9-_.], alphanumeric at both ends. */
export function assertLabelValue(v: string, what: string): string {
  if (!/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v) || v.length > 63) {
    throw new RouterError(`${what} "${v}" is not a valid Kubernetes label value`, "invalid_config");
  }
  return v;
}

/** Annotations every generated object carries; read-back takes the config version from them. */
export function switchyardAnnotations(config: RoutingConfig, weights: Weights): Record<string, string> {
  return {
    [ANNOTATION_VERSION]: String(config.version),
    [ANNOTATION_EPOCH]: String(config.epoch),
    [ANNOTATION_WEIGHTS]: JSON.stringify(weights),
    ...(config.rolloutId ? { [ANNOTATION_ROLLOUT]: config.rolloutId } : {}),
  };
}

/** The variant -> backend map a generator stored on the object; {} when absent. */
export function variantsFromAnnotations(annotations: Record<string, string> | undefined): Record<string, string> {
  try {
    const v = JSON.parse(annotations?.[ANNOTATION_VARIANTS] ?? "{}");
    return v && typeof v === "object" ? v : {};
  } catch {
    return {};
  }
}

/** Version from the live object's annotation, null when absent or unparsable. */
export function versionFromAnnotations(annotations: Record<string, string> | undefined): number | null {
  const v = Number(annotations?.[ANNOTATION_VERSION]);
  return annotations?.[ANNOTATION_VERSION] !== undefined && Number.isInteger(v) ? v : null;
}

/**
 * The exact basis points Switchyard asked for, if the live coarse weights are still what they
 * round to; otherwise the live weights win (someone edited the object by hand).
 */
export function reconcileReadBack(
  live: Weights,
  annotations: Record<string, string> | undefined,
  round: (w: Weights) => Record<string, number>,
  liveCoarse: Record<string, number>,
): Weights {
  try {
    const asked = JSON.parse(annotations?.[ANNOTATION_WEIGHTS] ?? "null") as Weights | null;
    if (asked && typeof asked === "object") {
      const r = round(asked);
      const keys = new Set([...Object.keys(r), ...Object.keys(liveCoarse)]);
      if ([...keys].every((k) => (r[k] ?? 0) === (liveCoarse[k] ?? 0))) return asked;
    }
  } catch {
    // fall through to the live weights
  }
  return live;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
