import { describe, expect, it } from "vitest";
import { allCases, isRun, NOT_RUN } from "./reference-vectors.fixture";

// Each group the product runs is checked case by case (it.each) in the named test file. A new
// group in reference/ must get a test, or a reason in NOT_RUN, before this passes.
const COVERED: Record<string, string> = {
  quantiles: "distributions.test.ts",
  welch_t_test: "growthbook.test.ts (the A/B report's fixed-horizon t-test)",
  srm_chi_square: "srm.test.ts",
  sample_size: "sample-size.test.ts",
  multiple_testing: "multiple-comparisons.test.ts",
  drift: "drift.test.ts",
  bayesian_beta_binomial: "bayes.test.ts",
  growthbook_gbstats: "growthbook.test.ts",
};

describe("reference vectors", () => {
  it("are loaded from ./reference and every group has a test or a reason it isn't run", () => {
    const groups = new Set(allCases().map((c) => c.group));
    expect(allCases().length).toBeGreaterThan(0);
    expect([...groups].filter((g) => !(g in COVERED) && !(g in NOT_RUN))).toEqual([]);
  });

  it("every covered group has cases the product runs, and every reason names a real case", () => {
    for (const group of Object.keys(COVERED)) expect(allCases().some((c) => c.group === group && isRun(c))).toBe(true);
    const names = new Set(allCases().flatMap((c) => [c.group, `${c.group}/${c.name}`]));
    expect(Object.keys(NOT_RUN).filter((k) => !names.has(k))).toEqual([]);
  });
});
