import { describe, expect, it } from "vitest";
import { mannWhitneyU } from "./mann-whitney";
import { casesOf, expectClose } from "./reference-vectors.fixture";

describe("mann_whitney_u (reference vectors)", () => {
  it.each(casesOf("mann_whitney_u"))("%s", (_name, c) => {
    const { x, y, alternative, use_continuity } = c.inputs;
    const r = mannWhitneyU(x, y, { alternative, useContinuity: use_continuity });
    const actual: Record<string, unknown> = {
      U1_for_first_sample: r.statistic,
      U2: r.u2,
      rank_sum_first_sample: r.rankSum1,
      mean_U: r.meanU,
      sigma_U_tie_corrected: r.sigmaU,
      tie_group_sizes_gt1: r.tieSizes,
      z_abs_continuity_corrected: r.z,
      p_two_sided: r.pValue,
      "common_language_effect_size_P(X>Y)+0.5P(X=Y)": r.commonLanguageEffectSize,
    };
    if ("p_two_sided_exact_method" in c.expected) {
      actual.p_two_sided_exact_method = mannWhitneyU(x, y, { alternative, method: "exact" }).pValue;
    }
    expectClose(actual, c.expected, c.tolerance);
  });
});

describe("mannWhitneyU", () => {
  it("one-sided p-values split the two-sided one", () => {
    const x = [1.2, 3.4, 2.2, 5.1, 4.4];
    const y = [0.3, 1.1, 0.9, 2.0];
    const two = mannWhitneyU(x, y).pValue;
    const greater = mannWhitneyU(x, y, { alternative: "greater" }).pValue;
    expect(greater).toBeCloseTo(two / 2, 12);
  });
  it("is inconclusive when every value is tied", () => {
    expect(mannWhitneyU([1, 1], [1, 1]).pValue).toBeNaN();
  });
});
