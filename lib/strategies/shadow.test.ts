import { describe, expect, it } from "vitest";
import type { PlanVariant } from "./plan";
import { defaultPlan, finalWeights, mirrorForStep, validatePlan, weightsForStep } from "./shadow";

const variants: PlanVariant[] = [
  { key: "v1", role: "champion" },
  { key: "v2", role: "challenger" },
];
const ctx = { variants, mirrorSafeRoutes: ["/predict", "/classify/"] };

describe("shadow", () => {
  it("default plan mirrors then compares agreement, latency and errors", () => {
    expect(defaultPlan({ sampleBasisPoints: 2_500, minSamples: 500 })).toEqual([
      { kind: "mirror", sampleBasisPoints: 2_500 },
      { kind: "analysis", gates: ["agreement", "latency", "errors"], minSamples: 500 },
    ]);
    expect(validatePlan(defaultPlan(), { mirrorRoutes: ["/predict"] }, ctx)).toEqual([]);
  });

  it("mirrors only mirror-safe routes (prefixes at a path boundary)", () => {
    expect(validatePlan(defaultPlan(), { mirrorRoutes: ["/predict/batch", "/classify/x"] }, ctx)).toEqual([]);
    expect(validatePlan(defaultPlan(), { mirrorRoutes: ["/predictions"] }, ctx)).toContain(
      "Route /predictions is not marked mirror-safe on this system; only read-only routes may be mirrored.",
    );
    expect(validatePlan(defaultPlan(), { mirrorRoutes: ["/feedback"] }, { variants })).toHaveLength(1);
    expect(validatePlan(defaultPlan(), {}, ctx)).toContain("Shadow needs config.mirrorRoutes: the routes to mirror.");
  });

  it("never serves the challenger: no weight or switch steps", () => {
    const errors = validatePlan(
      [{ kind: "set_weight", weight: 100 }, ...defaultPlan()],
      { mirrorRoutes: ["/predict"] },
      ctx,
    );
    expect(errors[0]).toMatch(/can't use set_weight steps/);
    expect(
      validatePlan([{ kind: "switch", to: "challenger" }, ...defaultPlan()], { mirrorRoutes: ["/predict"] }, ctx)[0],
    ).toMatch(/switch/);
  });

  it("needs one mirror followed by an analysis", () => {
    expect(validatePlan([{ kind: "analysis" }], { mirrorRoutes: ["/predict"] }, ctx)).toContain(
      "Shadow mirrors once: the plan needs exactly one mirror step (found 0).",
    );
    expect(validatePlan([{ kind: "mirror", sampleBasisPoints: 100 }], { mirrorRoutes: ["/predict"] }, ctx)).toContain(
      "Shadow compares answers: add an analysis step after the mirror step.",
    );
    expect(
      validatePlan(
        [{ kind: "mirror", sampleBasisPoints: 0 }, { kind: "analysis" }],
        { mirrorRoutes: ["/predict"] },
        ctx,
      ),
    ).toContain("Step 1 (mirror): sampleBasisPoints must be between 1 and 10000.");
  });

  it("weights stay on the champion at every step and at the end", () => {
    const plan = defaultPlan();
    for (const i of [-1, 0, 1])
      expect(weightsForStep(plan, i, { variants, config: {} })).toEqual({ v1: 10_000, v2: 0 });
    expect(finalWeights({ variants, config: {} })).toEqual({ v1: 10_000, v2: 0 });
  });

  it("mirror share in force", () => {
    const plan = defaultPlan({ sampleBasisPoints: 2_500 });
    expect(mirrorForStep(plan, -1)).toBe(0);
    expect(mirrorForStep(plan, 0)).toBe(2_500);
    expect(mirrorForStep(plan, 1)).toBe(2_500);
  });
});
