import { describe, expect, it } from "vitest";
import { allCases } from "./reference-vectors.fixture";

// Each group below is checked case by case (it.each) in the named test file. A new
// group in reference/ must get a test before this passes, so nothing is skipped.
const COVERED: Record<string, string> = {
  quantiles: "distributions.test.ts",
  welch_t_test: "welch-t.test.ts",
  two_proportion_z_test: "two-proportion-z.test.ts",
  srm_chi_square: "srm.test.ts",
  mann_whitney_u: "mann-whitney.test.ts",
  kayenta_mann_whitney_ci: "kayenta-mann-whitney.test.ts",
  kayenta_scoring: "kayenta-score.test.ts",
  sample_size: "sample-size.test.ts",
  multiple_testing: "multiple-comparisons.test.ts",
  drift: "drift.test.ts",
  bayesian_beta_binomial: "bayes.test.ts",
  growthbook_gbstats: "growthbook.test.ts",
};

describe("reference vectors", () => {
  it("are loaded from ./reference and every group has a test", () => {
    const groups = new Set(allCases().map((c) => c.group));
    expect(allCases().length).toBeGreaterThan(0);
    expect([...groups].filter((g) => !(g in COVERED))).toEqual([]);
  });
});
