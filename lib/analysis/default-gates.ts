// Gates: what a rollout checks before it moves on. The default template is the seed's rollback
// triggers; a rollout stores its own (edited) copy in Rollout.gates, validated by gatesSchema.
// Pure and client-safe: the rollout wizard imports it.
import { z } from "zod";

const name = z
  .string()
  .min(1, "Name the gate")
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, "Lower-case letters, digits, '.', '_' and '-' only");

/**
 * Compares the challenger with the champion. fail = worse with (sequential, corrected)
 * significance AND the point estimate beyond `threshold` (relative, 0.05 = 5 % above baseline;
 * for latency also more than `absoluteFloor` ms slower). pass = every arm has `minSamples` AND
 * the confidence bound rules out a regression of `passMargin` (relative; never less than
 * `absoluteFloor`: a rate near zero, or milliseconds for latency). Until the challenger has the
 * sample a good challenger needs to pass (at least `minSamples`, gate-power.ts) the gate waits.
 */
export const compareGateSchema = z.object({
  name,
  metric: z.enum([
    "error_rate",
    "latency_p50",
    "latency_p95",
    "latency_p99",
    "accuracy",
    "conversion_rate",
    "reward_mean",
  ]),
  threshold: z.number().min(0).max(100),
  passMargin: z.number().min(0).max(100).optional(),
  absoluteFloor: z.number().min(0).optional(),
  minSamples: z.number().int().min(1).max(100_000_000).default(500),
  /** Also judge every segment (request attribute) so a failure on one segment fails the gate. */
  segments: z.boolean().default(true),
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  description: z.string().max(300).optional(),
});

/** Counts on the challenger: fail when more than `max` events (in the first `withinSeconds` of the rollout, if set). */
export const countGateSchema = z.object({
  name,
  metric: z.enum(["critical_errors", "complaints"]),
  max: z.number().int().min(0),
  withinSeconds: z.number().int().min(1).optional(),
  description: z.string().max(300).optional(),
});

/**
 * A PromQL query per variant instead of the built-in rollups. `{{variant}}` and `{{window}}`
 * (e.g. "300s") are substituted. fail when challenger > champion × (1 + threshold), or above `max`.
 */
export const prometheusGateSchema = z.object({
  name,
  metric: z.literal("prometheus"),
  url: z.url({ protocol: /^https?$/ }),
  query: z
    .string()
    .min(1)
    .max(2_000)
    .refine((q) => q.includes("{{variant}}"), "The query must use {{variant}}"),
  threshold: z.number().min(0).max(100).optional(),
  max: z.number().optional(),
  higherIsWorse: z.boolean().default(true),
  description: z.string().max(300).optional(),
});

export const gateSchema = z.discriminatedUnion("metric", [
  compareGateSchema.extend({ metric: z.literal("error_rate") }),
  compareGateSchema.extend({ metric: z.literal("latency_p50") }),
  compareGateSchema.extend({ metric: z.literal("latency_p95") }),
  compareGateSchema.extend({ metric: z.literal("latency_p99") }),
  compareGateSchema.extend({ metric: z.literal("accuracy") }),
  compareGateSchema.extend({ metric: z.literal("conversion_rate") }),
  compareGateSchema.extend({ metric: z.literal("reward_mean") }),
  countGateSchema.extend({ metric: z.literal("critical_errors") }),
  countGateSchema.extend({ metric: z.literal("complaints") }),
  prometheusGateSchema,
]);

export const gatesSchema = z
  .array(gateSchema)
  .max(30)
  .refine((gates) => new Set(gates.map((g) => g.name)).size === gates.length, "Gate names must be unique");

export type Gate = z.infer<typeof gateSchema>;
export type GateInput = z.input<typeof gateSchema>;
export type CompareGate = Extract<Gate, { metric: z.infer<typeof compareGateSchema>["metric"] }>;
export type CountGate = Extract<Gate, { metric: "critical_errors" | "complaints" }>;
export type PrometheusGate = z.infer<typeof prometheusGateSchema>;

/** The seed's rollback triggers (seed 001), as the template every new rollout starts from. */
export const DEFAULT_GATES: GateInput[] = [
  {
    name: "error-rate",
    metric: "error_rate",
    threshold: 0.05,
    passMargin: 0.5,
    absoluteFloor: 0.005,
    minSamples: 500,
    description: "Error rate more than 5 % above baseline",
  },
  {
    name: "latency-p95",
    metric: "latency_p95",
    threshold: 0.5,
    // A few ms on a fast model is no regression: 50 % of a 2 ms p95 is noise in the histogram.
    absoluteFloor: 25,
    minSamples: 500,
    description: "p95 latency more than 50 % (and 25 ms) above baseline",
  },
  {
    name: "accuracy",
    metric: "accuracy",
    threshold: 0.1,
    minSamples: 200,
    description: "Accuracy more than 10 % below baseline",
  },
  { name: "critical-errors", metric: "critical_errors", max: 0, description: "Any critical error" },
  {
    name: "complaints",
    metric: "complaints",
    max: 10,
    withinSeconds: 3_600,
    description: "More than 10 complaints in the first hour",
  },
];

/**
 * The rollout's gates, or the default template when it stores none. Invalid stored gates are an
 * error (the analysis is then inconclusive), never silently replaced by the defaults.
 */
export function parseRolloutGates(stored: unknown): { gates: Gate[]; error: string | null } {
  if (stored === null || stored === undefined || (Array.isArray(stored) && stored.length === 0)) {
    return { gates: gatesSchema.parse(DEFAULT_GATES), error: null };
  }
  const parsed = gatesSchema.safeParse(stored);
  if (parsed.success) return { gates: parsed.data, error: null };
  return {
    gates: [],
    error: `The rollout's gates are invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
  };
}

/** Default relative pass margin when a gate doesn't set one: the threshold itself, at least 10 %. */
export function passMarginOf(gate: CompareGate): number {
  return gate.passMargin ?? Math.max(gate.threshold, 0.1);
}
