import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { ROLLOUT_SPEC_SCHEMA_FILE, renderRolloutSpecSchema } from "../tooling/write-rollout-spec-schema";
import {
  formatDuration,
  parseDuration,
  planStepsOf,
  rolloutSpecHash,
  rolloutSpecJsonSchema,
  rolloutSpecSchema,
  toPlanStep,
  toSpecStep,
} from "./rollout-spec";
import { diffRolloutViews, rolloutView } from "./rollout-spec-diff";
import { planStepSchema } from "./schemas";

const ROOT = path.resolve(import.meta.dirname, "../..");
const example = () => parseYaml(fs.readFileSync(path.join(ROOT, "docs/examples/rollout.yaml"), "utf8"));

describe("rollout spec", () => {
  it("reads the documented example into the engine's plan (percent → basis points, durations → seconds)", () => {
    const spec = rolloutSpecSchema.parse(example());
    const steps = planStepsOf(spec)!;
    expect(steps.slice(0, 6)).toEqual([
      { kind: "set_phase", phase: "alpha" },
      { kind: "set_weight", weight: 100 },
      { kind: "analysis", minSamples: 200 },
      { kind: "set_phase", phase: "beta" },
      { kind: "set_weight", weight: 1000 },
      { kind: "pause", durationSeconds: 600 },
    ]);
    expect(steps.at(-1)).toEqual({ kind: "set_weight", weight: 10_000 });
    for (const s of steps) expect(planStepSchema.safeParse(s).success).toBe(true);
    expect(spec.spec.submit).toBe(true);
    expect(spec.spec.gates![0]).toMatchObject({ name: "error-rate", segments: true, alpha: 0.05 });
  });

  it("round-trips every kind of step through the spec's units", () => {
    const steps = [
      { setWeight: 12.5 },
      {
        setWeight: {
          percent: 5,
          rules: [
            {
              id: "beta",
              conditions: [{ attribute: "header:x-beta", operator: "exists", values: [] }],
              variant: "challenger",
            },
          ],
        },
      },
      { setWeight: { weights: { champion: 50, "challenger-1": 25, "challenger-2": 25 } } },
      { pause: "90s" },
      { pause: {} },
      { pause: { until: "2026-12-24T08:00:00Z" } },
      { analysis: { gates: ["error-rate"], interval: "30s", minSamples: 100 } },
      { setPhase: "ga" },
      { switch: "challenger" },
      { mirror: 25 },
      { experiment: { duration: "14d", sampleSizePerArm: 20_000 } },
    ];
    const parsed = rolloutSpecSchema.shape.spec.shape.plan.parse(steps)!;
    expect(parsed.map((s) => toSpecStep(toPlanStep(s)))).toEqual(steps);
  });

  it("refuses what it can't run, naming the field", () => {
    const bad = example();
    bad.spec.plan[1] = { setWeight: 12.345 };
    bad.spec.plan[5] = { pause: "ten minutes" };
    bad.spec.challengers[0].upstreamUrl = "http://10.0.0.1:8000";
    const result = rolloutSpecSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["spec.plan.1.setWeight", "spec.plan.5", "spec.challengers.0.slot"]));
    expect(rolloutSpecSchema.safeParse({ ...example(), apiVersion: "switchyard.dev/v2" }).success).toBe(false);
  });

  it("hashes what would run, not how it is spelled", () => {
    const a = rolloutSpecSchema.parse(example());
    const reordered = example();
    reordered.spec = Object.fromEntries(Object.entries(reordered.spec).reverse());
    reordered.spec.plan[5] = { pause: { duration: "600s" } };
    expect(rolloutSpecHash(rolloutSpecSchema.parse(reordered))).toBe(rolloutSpecHash(a));
    const changed = example();
    changed.spec.plan[4] = { setWeight: 20 };
    expect(rolloutSpecHash(rolloutSpecSchema.parse(changed))).not.toBe(rolloutSpecHash(a));
    expect(rolloutSpecHash(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("formats durations in the largest exact unit", () => {
    expect([90, 600, 7200, 86_400 * 7].map(formatDuration)).toEqual(["90s", "10m", "2h", "7d"]);
    expect(parseDuration("7d")).toBe(604_800);
    expect(() => parseDuration("soon")).toThrow(/not a duration/);
  });
});

describe("published JSON Schema", () => {
  it("is derived from the zod schema (run `npm run schemas` after changing it)", async () => {
    expect(fs.readFileSync(ROLLOUT_SPEC_SCHEMA_FILE, "utf8")).toBe(await renderRolloutSpecSchema());
  });

  it("accepts the documented example and refuses a typo", () => {
    const validate = new Ajv2020({ strict: false }).compile(rolloutSpecJsonSchema());
    expect(validate(example()), JSON.stringify(validate.errors)).toBe(true);
    const typo = example();
    typo.spec.stratgey = "canary";
    expect(validate(typo)).toBe(false);
  });
});

describe("diff", () => {
  const view = (over: Partial<Parameters<typeof rolloutView>[0]> = {}) =>
    rolloutView({
      description: "Retrained",
      strategy: "canary",
      challengers: [{ model: "ticket-router", version: "1.5.0", upstreamUrl: "http://10.0.3.12:8000" }],
      steps: [
        { kind: "set_weight", weight: 1000 },
        { kind: "pause", durationSeconds: 600 },
        { kind: "set_weight", weight: 10_000 },
      ],
      config: { overrideHeader: "x-switchyard-variant" },
      gates: [{ name: "error-rate", metric: "error_rate", threshold: 0.05 }],
      requiredApprovals: 1,
      ...over,
    });

  it("is empty for the same rollout", () => {
    expect(diffRolloutViews(view(), view())).toEqual([]);
  });

  it("names each changed step, setting, gate and the approvals in the spec's units", () => {
    const after = view({
      steps: [
        { kind: "set_weight", weight: 1000 },
        { kind: "pause", durationSeconds: 1800 },
        { kind: "set_weight", weight: 5000 },
        { kind: "set_weight", weight: 10_000 },
      ],
      gates: [],
      requiredApprovals: 2,
    });
    expect(diffRolloutViews(view(), after)).toEqual([
      { field: "plan[1]", op: "change", before: { pause: "10m" }, after: { pause: "30m" } },
      { field: "plan[2]", op: "change", before: { setWeight: 100 }, after: { setWeight: 50 } },
      { field: "plan[3]", op: "add", after: { setWeight: 100 } },
      {
        field: "gates.error-rate",
        op: "remove",
        before: { name: "error-rate", metric: "error_rate", threshold: 0.05 },
      },
      { field: "approvals.required", op: "change", before: 1, after: 2 },
    ]);
  });

  it("lists everything as new when there is no rollout yet", () => {
    const changes = diffRolloutViews(null, view());
    expect(changes.every((c) => c.op === "add")).toBe(true);
    expect(changes.map((c) => c.field)).toContain("plan[2]");
  });
});
