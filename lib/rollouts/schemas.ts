import { z } from "zod";
import { targetingRegexProblem } from "../dataplane/targeting-regex";
import { STRATEGIES } from "../strategies/plan";
import { idField, slugField, text } from "../validation";

export const strategyField = z.enum(STRATEGIES, { error: `One of ${STRATEGIES.join(", ")}` });

const bp = z.number().int().min(0).max(10_000);
const weightsField = z.record(text().regex(/^[a-z][a-z0-9-]{0,30}$/), bp);
const headerName = text().regex(/^[A-Za-z0-9-]{1,64}$/, "A header name");

export const targetingConditionSchema = z
  .object({
    attribute: text().regex(
      /^(header:[A-Za-z0-9-]{1,64}|cookie:[A-Za-z0-9_-]{1,64}|query:[A-Za-z0-9_-]{1,64}|path)$/,
      "header:<name>, cookie:<name>, query:<name> or path",
    ),
    operator: z.enum(["equals", "not_equals", "in", "not_in", "prefix", "regex", "exists"]),
    values: z
      .array(
        text()
          .max(200)
          .regex(/^[^<>]*$/, "No markup"),
      )
      .max(50),
  })
  .strict()
  .superRefine((cond, ctx) => {
    if (cond.operator !== "regex") return;
    cond.values.forEach((v, i) => {
      const problem = targetingRegexProblem(v);
      if (problem) ctx.addIssue({ code: "custom", path: ["values", i], message: problem });
    });
  });

export const targetingRuleSchema = z
  .object({
    id: text().regex(/^[A-Za-z0-9_-]{1,40}$/),
    description: text()
      .max(200)
      .regex(/^[^<>]*$/)
      .optional(),
    conditions: z.array(targetingConditionSchema).min(1).max(10),
    variant: text().min(1).max(32),
    percentage: bp.optional(),
  })
  .strict();

export const planStepSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("set_weight"),
      weight: bp.optional(),
      weights: weightsField.optional(),
      rules: z.array(targetingRuleSchema).max(20).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("pause"),
      durationSeconds: z
        .number()
        .int()
        .min(1)
        .max(90 * 86_400)
        .optional(),
      until: z.iso.datetime().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("analysis"),
      gates: z.array(text().max(64)).max(20).optional(),
      intervalSeconds: z.number().int().min(1).max(86_400).optional(),
      minSamples: z.number().int().min(1).max(1e9).optional(),
      /** How long the step waits for its gates to decide before a person is asked (default 24 h). */
      maxWaitSeconds: z
        .number()
        .int()
        .min(10)
        .max(30 * 86_400)
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal("set_phase"), phase: z.enum(["internal", "alpha", "beta", "ga"]) }).strict(),
  z.object({ kind: z.literal("switch"), to: z.literal("challenger") }).strict(),
  z.object({ kind: z.literal("mirror"), sampleBasisPoints: bp }).strict(),
  z
    .object({
      kind: z.literal("experiment"),
      durationSeconds: z
        .number()
        .int()
        .min(60)
        .max(180 * 86_400),
      sampleSizePerArm: z.number().int().min(1).max(1e9),
    })
    .strict(),
]);
export type PlanStepInput = z.infer<typeof planStepSchema>;

/** Every strategy's settings in one strict shape; unknown keys are refused. */
export const rolloutConfigSchema = z
  .object({
    stickiness: z
      .object({
        header: headerName.optional(),
        cookie: text()
          .regex(/^[A-Za-z0-9_-]{1,64}$/)
          .optional(),
      })
      .strict()
      .optional(),
    overrideHeader: headerName.optional(),
    segmentHeader: headerName.optional(),
    predictionField: text()
      .regex(/^[A-Za-z0-9_]{1,64}$/)
      .optional(),
    stages: z.array(bp).min(1).max(20).optional(),
    internalSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .optional(),
    warmSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .optional(),
    previewHeader: headerName.optional(),
    verifyGates: z.array(text().max(64)).max(20).optional(),
    mirrorRoutes: z
      .array(text().regex(/^\/[A-Za-z0-9/_.-]*$/, "A path starting with /"))
      .max(20)
      .optional(),
    sampleBasisPoints: bp.optional(),
    minSamples: z.number().int().min(1).max(1e9).optional(),
    split: weightsField.optional(),
    durationSeconds: z
      .number()
      .int()
      .min(60)
      .max(180 * 86_400)
      .optional(),
    sampleSizePerArm: z.number().int().min(1).max(1e9).optional(),
    primaryMetric: text().max(64).optional(),
    rules: z.array(targetingRuleSchema).max(20).optional(),
    percentage: bp.optional(),
    killSwitch: z.boolean().optional(),
    schedule: z
      .array(
        z
          .object({
            at: z.iso.datetime(),
            weight: bp.optional(),
            rules: z.array(targetingRuleSchema).max(20).optional(),
          })
          .strict(),
      )
      .max(20)
      .optional(),
    shares: weightsField.optional(),
    floorBasisPoints: bp.optional(),
    intervalSeconds: z.number().int().min(5).max(86_400).optional(),
    reallocationIntervalSeconds: z
      .number()
      .int()
      .min(5)
      .max(30 * 86_400)
      .optional(),
    rewardMetric: text().max(64).optional(),
    gates: z.array(text().max(64)).max(20).optional(),
    analysisIntervalSeconds: z.number().int().min(1).max(86_400).optional(),
    maxInconclusive: z.number().int().min(1).max(100).optional(),
    /** Default maximum wait of every analysis step (seconds); a step's own maxWaitSeconds wins. */
    maxWaitSeconds: z
      .number()
      .int()
      .min(10)
      .max(30 * 86_400)
      .optional(),
    winner: text().max(32).optional(),
  })
  .strict();
export type RolloutConfigInput = z.infer<typeof rolloutConfigSchema>;

export const createRolloutSchema = z
  .object({
    system: slugField,
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
    strategy: strategyField,
    challengers: z
      .array(
        z
          .object({
            versionId: idField,
            upstreamUrl: z
              .url({ protocol: /^https?$/ })
              .max(500)
              .optional(),
            slotId: idField.optional(),
          })
          .strict(),
      )
      .min(1, "Pick at least one challenger version")
      .max(5, "At most 5 challengers"),
    /** Omitted: the strategy's default plan. */
    steps: z.array(planStepSchema).min(1).max(40).optional(),
    config: rolloutConfigSchema.default({}),
    /** Gate definitions (see lib/analysis/default-gates.ts); omitted: the seed's rollback triggers. */
    gates: z.array(z.record(text(), z.unknown())).max(20).optional(),
  })
  .strict();
export type CreateRolloutInput = z.infer<typeof createRolloutSchema>;

export const ROLLOUT_ACTIONS = ["submit", "start", "pause", "resume", "promote", "advance", "abort"] as const;
export type RolloutAction = (typeof ROLLOUT_ACTIONS)[number];

export const rolloutCommandSchema = z
  .object({
    rolloutId: idField,
    /** The revision the caller saw; a different current revision is a conflict, not a silent overwrite. */
    expectedRevision: z.number().int().min(0).optional(),
    reason: text()
      .trim()
      .max(500)
      .regex(/^[^<>]*$/, "Must not contain < or >")
      .optional(),
  })
  .strict();
export type RolloutCommandInput = z.infer<typeof rolloutCommandSchema>;

/** REST body of POST /api/v1/rollouts/{rolloutId}/actions/{action} (optional; the rollout comes from the path). */
export const rolloutCommandBodySchema = rolloutCommandSchema.omit({ rolloutId: true });

export const rolloutActionParamSchema = z.enum(ROLLOUT_ACTIONS, {
  error: `Action must be one of ${ROLLOUT_ACTIONS.join(", ")}`,
});
