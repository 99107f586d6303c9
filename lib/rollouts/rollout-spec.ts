// Rollouts as code: the versioned spec `switchyard apply -f` reads (YAML or JSON), its plan steps in
// people's units (percent, "30s"), and the hash an applied spec is recorded with. Pure and
// client-safe: the CLI validates with it before sending, the server validates again and applies.
import { createHash } from "node:crypto";
import { z } from "zod";
import { gateSchema } from "../analysis/default-gates";
import { canonicalJson } from "./plan-hash";
import { planStepSchema, rolloutConfigSchema, strategyField, type PlanStepInput } from "./schemas";
import { nameField, slugField, text } from "../validation";

export const ROLLOUT_SPEC_API_VERSION = "switchyard.dev/v1";
export const ROLLOUT_SPEC_SCHEMA_URL = "/schemas/rollout-spec.v1.json";

// ── durations and percentages ────────────────────────────────────────────────────────────────

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** "90s", "10m", "2h", "7d" (or a bare number of seconds) → seconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === "number") return value;
  const m = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (!m) throw new Error(`"${value}" is not a duration like 30s, 10m, 2h or 7d`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** Seconds → the largest unit that divides them exactly ("600" → "10m", "90" → "90s"). */
export function formatDuration(seconds: number): string {
  for (const unit of ["d", "h", "m"] as const)
    if (seconds % UNITS[unit]! === 0) return `${seconds / UNITS[unit]!}${unit}`;
  return `${seconds}s`;
}

const durationField = z
  .union([z.number().int().min(1), text().regex(/^\d+\s*[smhd]$/, "A duration like 30s, 10m, 2h or 7d")])
  .transform((v) => parseDuration(v));

/** A share of traffic in percent (0–100, at most two decimals): 12.5 → 1250 basis points internally. */
const percentField = z
  .number()
  .min(0, "At least 0 %")
  .max(100, "At most 100 %")
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, "At most two decimals");

const toBasisPoints = (percent: number) => Math.round(percent * 100);
const toPercent = (bp: number) => bp / 100;

// ── plan steps as people write them ──────────────────────────────────────────────────────────

const targetingRules = planStepSchema.options[0].shape.rules;

const specStepSchema = z.union([
  z.object({ setWeight: percentField }).strict(),
  z
    .object({
      setWeight: z
        .object({
          /** The challenger's share (one challenger). */
          percent: percentField.optional(),
          /** Shares per variant key (champion, challenger-1, challenger-2...). */
          weights: z.record(text(), percentField).optional(),
          rules: targetingRules,
        })
        .strict(),
    })
    .strict(),
  z.object({ pause: z.union([durationField, z.object({}).strict()]) }).strict(),
  z
    .object({ pause: z.object({ duration: durationField.optional(), until: z.iso.datetime().optional() }).strict() })
    .strict(),
  z
    .object({
      analysis: z
        .object({
          gates: z.array(text().max(64)).max(20).optional(),
          interval: durationField.optional(),
          minSamples: z.number().int().min(1).max(1e9).optional(),
        })
        .strict(),
    })
    .strict(),
  z.object({ setPhase: z.enum(["internal", "alpha", "beta", "ga"]) }).strict(),
  z.object({ switch: z.literal("challenger") }).strict(),
  z.object({ mirror: percentField }).strict(),
  z
    .object({
      experiment: z.object({ duration: durationField, sampleSizePerArm: z.number().int().min(1).max(1e9) }).strict(),
    })
    .strict(),
]);
export type SpecStep = z.input<typeof specStepSchema>;

/** A spec step → the plan step the engine runs (percent → basis points, durations → seconds). */
export function toPlanStep(step: z.output<typeof specStepSchema>): PlanStepInput {
  if ("setWeight" in step) {
    if (typeof step.setWeight === "number") return { kind: "set_weight", weight: toBasisPoints(step.setWeight) };
    const { percent, weights, rules } = step.setWeight;
    return {
      kind: "set_weight",
      ...(percent !== undefined ? { weight: toBasisPoints(percent) } : {}),
      ...(weights
        ? { weights: Object.fromEntries(Object.entries(weights).map(([k, p]) => [k, toBasisPoints(p)])) }
        : {}),
      ...(rules ? { rules } : {}),
    };
  }
  if ("pause" in step) {
    const p = step.pause;
    if (typeof p === "number") return { kind: "pause", durationSeconds: p };
    const { duration, until } = p as { duration?: number; until?: string };
    return { kind: "pause", ...(duration ? { durationSeconds: duration } : {}), ...(until ? { until } : {}) };
  }
  if ("analysis" in step) {
    const { gates, interval, minSamples } = step.analysis;
    return {
      kind: "analysis",
      ...(gates ? { gates } : {}),
      ...(interval ? { intervalSeconds: interval } : {}),
      ...(minSamples ? { minSamples } : {}),
    };
  }
  if ("setPhase" in step) return { kind: "set_phase", phase: step.setPhase };
  if ("switch" in step) return { kind: "switch", to: "challenger" };
  if ("mirror" in step) return { kind: "mirror", sampleBasisPoints: toBasisPoints(step.mirror) };
  return {
    kind: "experiment",
    durationSeconds: step.experiment.duration,
    sampleSizePerArm: step.experiment.sampleSizePerArm,
  };
}

/** A plan step → how a spec writes it (the inverse of toPlanStep; used by diff and export). */
export function toSpecStep(step: PlanStepInput): SpecStep {
  switch (step.kind) {
    case "set_weight":
      if (step.weight !== undefined && !step.weights && !step.rules) return { setWeight: toPercent(step.weight) };
      return {
        setWeight: {
          ...(step.weight !== undefined ? { percent: toPercent(step.weight) } : {}),
          ...(step.weights
            ? { weights: Object.fromEntries(Object.entries(step.weights).map(([k, bp]) => [k, toPercent(bp)])) }
            : {}),
          ...(step.rules ? { rules: step.rules } : {}),
        },
      };
    case "pause":
      if (step.until)
        return {
          pause: {
            until: step.until,
            ...(step.durationSeconds ? { duration: formatDuration(step.durationSeconds) } : {}),
          },
        };
      return { pause: step.durationSeconds ? formatDuration(step.durationSeconds) : {} };
    case "analysis":
      return {
        analysis: {
          ...(step.gates ? { gates: step.gates } : {}),
          ...(step.intervalSeconds ? { interval: formatDuration(step.intervalSeconds) } : {}),
          ...(step.minSamples ? { minSamples: step.minSamples } : {}),
        },
      };
    case "set_phase":
      return { setPhase: step.phase };
    case "switch":
      return { switch: "challenger" };
    case "mirror":
      return { mirror: toPercent(step.sampleBasisPoints) };
    case "experiment":
      return {
        experiment: { duration: formatDuration(step.durationSeconds), sampleSizePerArm: step.sampleSizePerArm },
      };
  }
}

// ── the spec ─────────────────────────────────────────────────────────────────────────────────

const challengerSpecSchema = z
  .object({
    /** The registered version (as the pipeline registered it, e.g. "1.6.0"). */
    version: text().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/, "A registered version, e.g. 1.6.0"),
    /** The model's name; needed only when two models of the system have this version. */
    model: text().min(1).max(80).optional(),
    /** Where it runs: a slot of the system (blue, green...) or the model server's URL. */
    slot: text()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
      .optional(),
    upstreamUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
  })
  .strict()
  .refine((c) => !(c.slot && c.upstreamUrl), { message: "Give slot or upstreamUrl, not both", path: ["slot"] });

export const rolloutSpecSchema = z
  .object({
    apiVersion: z.literal(ROLLOUT_SPEC_API_VERSION, { error: `apiVersion: ${ROLLOUT_SPEC_API_VERSION}` }),
    kind: z.literal("Rollout", { error: "kind: Rollout" }),
    metadata: z
      .object({
        /** Names the rollout on its system; applying the same name again updates or leaves it. */
        name: text()
          .trim()
          .min(3, "At least 3 characters")
          .max(100, "At most 100 characters")
          .regex(/^[A-Za-z0-9][A-Za-z0-9 ._:()\/+-]*$/, "Letters, digits, spaces and . _ : ( ) / + - only"),
        description: text()
          .trim()
          .max(2000)
          .regex(/^[^<>]*$/, "Must not contain < or >")
          .default(""),
        labels: z.record(slugField, nameField(120)).optional(),
      })
      .strict(),
    spec: z
      .object({
        system: slugField,
        strategy: strategyField,
        challengers: z.array(challengerSpecSchema).min(1, "Name at least one challenger version").max(5),
        /** Omitted: the strategy's default plan. */
        plan: z.array(specStepSchema).min(1).max(40).optional(),
        /** The strategy's settings, as the API takes them (weights in basis points there). */
        config: rolloutConfigSchema.default({}),
        /** Gate definitions; omitted: the default rollback triggers. */
        gates: z.array(gateSchema).max(20).optional(),
        approvals: z
          .object({ required: z.number().int().min(1).max(10) })
          .strict()
          .optional(),
        /** Submit for approval when applied (default). false: leave it a draft. */
        submit: z.boolean().default(true),
      })
      .strict(),
  })
  .strict();

export type RolloutSpec = z.output<typeof rolloutSpecSchema>;
export type RolloutSpecInput = z.input<typeof rolloutSpecSchema>;

/** The plan the engine would run, or undefined for the strategy's default. */
export function planStepsOf(spec: RolloutSpec): PlanStepInput[] | undefined {
  return spec.spec.plan?.map(toPlanStep);
}

/**
 * sha256 of the spec's canonical form: key order, YAML vs JSON and spelling ("30s" vs
 * {duration: 30s}) don't change it; anything the rollout would do differently does.
 */
export function rolloutSpecHash(spec: RolloutSpec): string {
  const normalized = { ...spec, spec: { ...spec.spec, plan: planStepsOf(spec) } };
  return `sha256:${createHash("sha256").update(canonicalJson(normalized)).digest("hex")}`;
}

/** The published JSON Schema of the spec (public/schemas/rollout-spec.v1.json), derived from the zod schema. */
export function rolloutSpecJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(rolloutSpecSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    $schema,
    $id: `https://switchyard.dev${ROLLOUT_SPEC_SCHEMA_URL}`,
    title: "Switchyard rollout spec",
    description:
      "A rollout as code: `switchyard apply -f` creates it (or leaves it when unchanged), `switchyard diff -f` shows what would change. Traffic shares are percent; durations are like 30s, 10m, 2h, 7d.",
    ...schema,
  };
}
