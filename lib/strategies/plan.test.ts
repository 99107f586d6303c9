import { describe, expect, expectTypeOf, it } from "vitest";
import type { StepKind as DbStepKind, Strategy as DbStrategy } from "@/lib/generated/prisma/enums";
import { EXPOSURE_PHASES, STRATEGIES, type StepKind, type Strategy } from "./plan";

describe("plan types follow the database schema", () => {
  it("step kinds are exactly the schema's StepKind enum (checked by tsc)", () => {
    expectTypeOf<StepKind>().toEqualTypeOf<DbStepKind>();
    expectTypeOf<Strategy>().toEqualTypeOf<DbStrategy>();
  });

  it("lists every strategy and exposure phase in the schema's order", () => {
    expect(STRATEGIES).toEqual([
      "direct",
      "canary",
      "blue_green",
      "shadow",
      "ab_test",
      "feature_flag",
      "champion_challenger",
      "bandit",
    ]);
    expect(EXPOSURE_PHASES).toEqual(["internal", "alpha", "beta", "ga"]);
  });
});
