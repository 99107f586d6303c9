import { describe, expect, it } from "vitest";
import { defaultPlan } from "../strategies/default-plan";
import type { PlanStep } from "../strategies/plan";
import { buildStages, type StepRow } from "./record-content";

const variants = [
  { key: "champion", role: "champion" as const },
  { key: "challenger", role: "challenger" as const },
];
const rows = (plan: PlanStep[], done = 0): StepRow[] =>
  plan.map(({ kind, ...params }, index) => ({
    index,
    kind,
    params,
    status: index < done ? "completed" : "pending",
    startedAt: index < done ? new Date(Date.UTC(2026, 11, 3, 10, index)) : null,
    completedAt: index < done ? new Date(Date.UTC(2026, 11, 3, 10, index + 1)) : null,
    note: null,
  }));

describe("buildStages", () => {
  it("puts each stage of the default canary in the phase it ran in (1 % in alpha, not the beta that follows it)", () => {
    const stages = buildStages(rows(defaultPlan("canary")), variants, null);
    expect(stages.map((s) => [s.label, s.phase])).toEqual([
      ["internal 0 %", "internal"],
      ["1 %", "alpha"],
      ["10 %", "beta"],
      ["50 %", "beta"],
      ["100 %", "ga"],
    ]);
    // The phase change that opens a stage belongs to it, with its weight step and analysis.
    expect(stages[1].steps.map((s) => s.kind)).toEqual(["set_phase", "set_weight", "analysis"]);
    expect(stages[0].steps.map((s) => s.kind)).toEqual(["set_phase", "pause"]);
    expect(stages[1].weights).toEqual({ champion: 9_900, challenger: 100 });
  });

  it("keeps a phase the plan set higher than the share implies, and a share never lower than it implies", () => {
    const plan: PlanStep[] = [
      { kind: "set_phase", phase: "beta" },
      { kind: "set_weight", weight: 100 },
      { kind: "set_weight", weight: 10_000 },
    ];
    expect(buildStages(rows(plan), variants, null).map((s) => s.phase)).toEqual(["beta", "ga"]);
  });

  it("times each stage from its first step to the next stage's start", () => {
    const stages = buildStages(rows(defaultPlan("canary"), 5), variants, null);
    expect(stages[1]).toMatchObject({
      status: "completed",
      startedAt: "2026-12-03T10:02:00.000Z",
      completedAt: "2026-12-03T10:05:00.000Z",
    });
  });
});
