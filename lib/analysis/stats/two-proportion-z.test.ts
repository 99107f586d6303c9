import { describe, expect, it } from "vitest";
import { casesOf, expectClose } from "./reference-vectors.fixture";
import { twoProportionZTest } from "./two-proportion-z";

describe("two_proportion_z_test (reference vectors)", () => {
  it.each(casesOf("two_proportion_z_test"))("%s", (_name, c) => {
    const r = twoProportionZTest(c.inputs.control, c.inputs.treatment);
    expectClose(
      {
        p_control: r.pControl,
        p_treatment: r.pTreatment,
        diff: r.estimate,
        relative_lift: r.relativeLift,
        pooled_p: r.pooledP,
        se_pooled: r.standardErrorPooled,
        z_pooled: r.statistic,
        p_two_sided_pooled: r.pValue,
        se_unpooled: r.standardErrorUnpooled,
        z_unpooled: r.statisticUnpooled,
        p_two_sided_unpooled: r.pValueUnpooled,
        wald_ci95_diff_unpooled: r.interval,
        chi2_yates_p: r.pValueYates,
      },
      c.expected,
      c.tolerance,
    );
  });
});

describe("twoProportionZTest edge cases", () => {
  it("is inconclusive with an empty arm", () => {
    expect(twoProportionZTest({ successes: 0, trials: 0 }, { successes: 5, trials: 10 }).pValue).toBeNaN();
  });
});
