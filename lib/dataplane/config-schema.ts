import { z } from "zod";
import { targetingRegexProblem } from "./targeting-regex";
import { TOTAL_BASIS_POINTS, type RoutingConfig } from "@/lib/routers/types";

// The shape a router accepts on PUT /config. Shape and messages live here; the invariants a
// router needs to serve safely (one champion, weights that fill the 10 000 buckets, rules that
// point at known variants, regexes that compile) are checked in the superRefine below so a bad
// push is refused whole (400) instead of half-applied.

const basisPoints = z.number().int().min(0).max(TOTAL_BASIS_POINTS);

const conditionSchema = z.object({
  attribute: z
    .string()
    .regex(/^(header:.+|cookie:.+|query:.+|path)$/, "header:<name>, cookie:<name>, query:<name> or path"),
  operator: z.enum(["equals", "not_equals", "in", "not_in", "prefix", "regex", "exists"]),
  values: z.array(z.string()),
});

const ruleSchema = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  conditions: z.array(conditionSchema).min(1, "A rule needs at least one condition"),
  variant: z.string().min(1),
  percentage: basisPoints.optional(),
});

const variantSchema = z.object({
  key: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, _ . -"),
  role: z.enum(["champion", "challenger"]),
  upstream: z.url({ protocol: /^https?$/ }),
  version: z.string().min(1).max(128),
});

export const routingConfigSchema = z
  .object({
    version: z.number().int().min(0),
    epoch: z.number().int().min(0),
    system: z.string().min(1),
    rolloutId: z.string().nullable(),
    salt: z.string(),
    stickiness: z.object({ header: z.string().min(1).optional(), cookie: z.string().min(1).optional() }),
    variants: z.array(variantSchema).min(1).max(32),
    weights: z.record(z.string(), basisPoints),
    overrideHeader: z.string().min(1),
    rules: z.array(ruleSchema),
    mirror: z
      .object({
        variant: z.string().min(1),
        sampleBasisPoints: basisPoints,
        routes: z.array(z.string().startsWith("/")),
      })
      .nullable(),
    killSwitch: z.boolean(),
    segmentHeader: z.string().min(1).optional(),
    predictionField: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    const keys = new Set<string>();
    for (const v of c.variants) {
      if (keys.has(v.key)) ctx.addIssue({ code: "custom", path: ["variants"], message: `Duplicate variant ${v.key}` });
      keys.add(v.key);
    }
    if (c.variants.filter((v) => v.role === "champion").length !== 1) {
      ctx.addIssue({ code: "custom", path: ["variants"], message: "Exactly one variant must be the champion" });
    }
    let sum = 0;
    for (const [k, w] of Object.entries(c.weights)) {
      if (!keys.has(k)) ctx.addIssue({ code: "custom", path: ["weights", k], message: `Unknown variant ${k}` });
      sum += w;
    }
    if (sum !== TOTAL_BASIS_POINTS) {
      ctx.addIssue({
        code: "custom",
        path: ["weights"],
        message: `Weights must sum to ${TOTAL_BASIS_POINTS}, got ${sum}`,
      });
    }
    c.rules.forEach((r, i) => {
      if (!keys.has(r.variant))
        ctx.addIssue({ code: "custom", path: ["rules", i, "variant"], message: `Unknown variant ${r.variant}` });
      r.conditions.forEach((cond, j) => {
        if (cond.operator !== "exists" && cond.values.length === 0) {
          ctx.addIssue({
            code: "custom",
            path: ["rules", i, "conditions", j, "values"],
            message: "Needs at least one value",
          });
        }
        if (cond.operator === "regex") {
          for (const v of cond.values) {
            const problem = targetingRegexProblem(v);
            if (problem)
              ctx.addIssue({
                code: "custom",
                path: ["rules", i, "conditions", j],
                message: `Invalid regex ${v}: ${problem}`,
              });
          }
        }
      });
    });
    if (c.mirror && !keys.has(c.mirror.variant)) {
      ctx.addIssue({ code: "custom", path: ["mirror", "variant"], message: `Unknown variant ${c.mirror.variant}` });
    }
  });

export type RoutingConfigInput = z.infer<typeof routingConfigSchema>;

// Compile-time proof that the schema and the shared contract agree in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesContract: Same<RoutingConfigInput, RoutingConfig> = true;
void schemaMatchesContract;
