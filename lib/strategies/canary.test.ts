import { describe, expect, it } from "vitest";
import { defaultPlan, finalWeights, validatePlan, weightsForStep } from "./canary";
import type { PlanStep, PlanVariant } from "./plan";

const variants: PlanVariant[] = [
  { key: "champion", role: "champion" },
  { key: "challenger", role: "challenger" },
];
const ctx = { variants };

describe("canary default plan", () => {
  it("is internal → alpha 1 % → beta 10 %, 50 % → ga 100 %, analysis after each partial weight", () => {
    expect(defaultPlan()).toEqual([
      { kind: "set_phase", phase: "internal" },
      { kind: "pause", durationSeconds: 3_600 },
      { kind: "set_phase", phase: "alpha" },
      { kind: "set_weight", weight: 100 },
      { kind: "analysis" },
      { kind: "set_phase", phase: "beta" },
      { kind: "set_weight", weight: 1_000 },
      { kind: "analysis" },
      { kind: "set_weight", weight: 5_000 },
      { kind: "analysis" },
      { kind: "set_phase", phase: "ga" },
      { kind: "set_weight", weight: 10_000 },
    ]);
    expect(validatePlan(defaultPlan(), {}, ctx)).toEqual([]);
  });

  it("follows config stages, gates and internal time", () => {
    const plan = defaultPlan({ stages: [500, 10_000], internalSeconds: 0, gates: ["errors"] });
    expect(plan).toEqual([
      { kind: "set_phase", phase: "internal" },
      { kind: "set_phase", phase: "alpha" },
      { kind: "set_weight", weight: 500 },
      { kind: "analysis", gates: ["errors"] },
      { kind: "set_phase", phase: "ga" },
      { kind: "set_weight", weight: 10_000 },
    ]);
  });
});

describe("canary validatePlan", () => {
  const cases: [string, PlanStep[], string][] = [
    [
      "decreasing weights",
      [
        { kind: "set_weight", weight: 1_000 },
        { kind: "set_weight", weight: 100 },
        { kind: "set_weight", weight: 10_000 },
      ],
      "Canary weights must not decrease: 1000 bp is followed by 100 bp.",
    ],
    [
      "not reaching 100 %",
      [
        { kind: "set_weight", weight: 100 },
        { kind: "set_weight", weight: 5_000 },
      ],
      "The last canary step must reach 10000 bp (100 %); it stops at 5000 bp.",
    ],
    ["no weight step", [{ kind: "pause" }], "A canary needs at least one set_weight step."],
    [
      "a switch step",
      [
        { kind: "switch", to: "challenger" },
        { kind: "set_weight", weight: 10_000 },
      ],
      "Step 1 (switch): A canary plans can't use switch steps (allowed: set_weight, pause, analysis, set_phase).",
    ],
    [
      "weight out of range",
      [{ kind: "set_weight", weight: 12_000 }],
      "Step 1 (set_weight): weight must be whole basis points between 0 and 10000.",
    ],
    [
      "fractional weight",
      [
        { kind: "set_weight", weight: 1.5 },
        { kind: "set_weight", weight: 10_000 },
      ],
      "Step 1 (set_weight): weight must be whole basis points between 0 and 10000.",
    ],
    [
      "phases backwards",
      [
        { kind: "set_phase", phase: "beta" },
        { kind: "set_phase", phase: "alpha" },
        { kind: "set_weight", weight: 10_000 },
      ],
      "Exposure phases must not go backwards.",
    ],
    [
      "bad pause",
      [
        { kind: "pause", durationSeconds: -5 },
        { kind: "set_weight", weight: 10_000 },
      ],
      "Step 1 (pause): durationSeconds must be a whole number of seconds above 0.",
    ],
    [
      "bad analysis",
      [
        { kind: "analysis", minSamples: 0 },
        { kind: "set_weight", weight: 10_000 },
      ],
      "Step 1 (analysis): minSamples must be above 0.",
    ],
    [
      "a weights map",
      [{ kind: "set_weight", weights: { challenger: 10_000 } }],
      'A canary has one challenger: use "weight", not a "weights" map.',
    ],
  ];
  it.each(cases)("reports %s", (_what, steps, error) => {
    expect(validatePlan(steps, {}, ctx)).toContain(error);
  });

  it("allows equal consecutive weights (a hold) and a plain 0 → 100", () => {
    expect(
      validatePlan(
        [
          { kind: "set_weight", weight: 100 },
          { kind: "set_weight", weight: 100 },
          { kind: "set_weight", weight: 10_000 },
        ],
        {},
        ctx,
      ),
    ).toEqual([]);
  });

  it("checks config", () => {
    expect(validatePlan(defaultPlan(), { stages: [100, 20_000] }, ctx)).toContain(
      "config.stages must be weights in basis points (0–10000).",
    );
    expect(validatePlan(defaultPlan(), { internalSeconds: -1 }, ctx)).toContain(
      "config.internalSeconds must be 0 or a whole number of seconds.",
    );
  });
});

describe("canary weightsForStep", () => {
  const plan = defaultPlan();
  it.each([
    [-1, 0],
    [0, 0],
    [2, 0],
    [3, 100],
    [4, 100],
    [7, 1_000],
    [9, 5_000],
    [11, 10_000],
  ])("step %i → challenger %i bp", (index, weight) => {
    expect(weightsForStep(plan, index, { variants, config: {} })).toEqual({
      challenger: weight,
      champion: 10_000 - weight,
    });
  });

  it("final weights promote the challenger", () => {
    expect(finalWeights({ variants, config: {} })).toEqual({ champion: 0, challenger: 10_000 });
  });
});
