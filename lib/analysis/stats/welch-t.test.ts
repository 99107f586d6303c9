import { describe, expect, it } from "vitest";
import { casesOf, expectClose } from "./reference-vectors.fixture";
import { welchTTest } from "./welch-t";

describe("welch_t_test (reference vectors)", () => {
  it.each(casesOf("welch_t_test"))("%s", (_name, c) => {
    const { control, treatment, alternative, confidence } = c.inputs;
    const r = welchTTest(control, treatment, { alternative, confidence });
    const greater = welchTTest(control, treatment, { alternative: "greater", confidence });
    expectClose(
      {
        control_mean: r.controlMean,
        treatment_mean: r.treatmentMean,
        control_var_ddof1: r.controlVariance,
        treatment_var_ddof1: r.treatmentVariance,
        diff_treatment_minus_control: r.estimate,
        se_diff: r.standardError,
        t: r.statistic,
        df_welch_satterthwaite: r.df,
        p_two_sided: r.pValue,
        ci95_diff: r.interval,
        p_one_sided_greater: greater.pValue,
      },
      c.expected,
      c.tolerance,
    );
  });
});

describe("welchTTest edge cases", () => {
  it("is inconclusive (NaN) with fewer than two observations per arm", () => {
    const r = welchTTest([1], [2, 3, 4]);
    expect(r.pValue).toBeNaN();
    expect(r.nControl).toBe(1);
  });
});
