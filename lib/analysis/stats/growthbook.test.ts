import { describe, expect, it } from "vitest";
import { effectBayesianTest } from "./growthbook-bayesian";
import { twoSidedTTest } from "./growthbook-frequentist";
import { proportionStatistic, sampleMeanStatistic, type ArmStatistic } from "./growthbook-statistic";
import { casesOf, except, expectClose } from "./reference-vectors.fixture";
import { sequentialTwoSidedTTest } from "./sequential";
import { sampleRatioMismatch } from "./srm";

const pick = (r: { expected: number; ci: [number, number]; uplift: { mean: number; stddev: number } }) => ({
  expected: r.expected,
  ci: r.ci,
  uplift_mean: r.uplift.mean,
  uplift_stddev: r.uplift.stddev,
});

function stat(arm: { n: number; sum: number; sum_squares?: number }): ArmStatistic {
  return arm.sum_squares === undefined
    ? proportionStatistic(arm.n, arm.sum)
    : sampleMeanStatistic(arm.n, arm.sum, arm.sum_squares);
}

describe("growthbook_gbstats (reference vectors)", () => {
  it.each(casesOf("growthbook_gbstats"))("%s", (_name, c) => {
    const i = c.inputs;
    if ("users" in i) {
      expectClose({ p_value: sampleRatioMismatch(i.users, i.weights).pValue }, c.expected, c.tolerance);
      return;
    }
    const a = stat(i.control);
    const b = stat(i.treatment);
    const alpha: number = i.alpha;
    const actual: Record<string, unknown> = {};
    for (const key of Object.keys(c.expected)) {
      const seq = /^sequential_(relative|absolute)_N\*=(\d+)$/.exec(key);
      const bayes = /^bayes_relative_(flat_prior|proper_prior_sd([\d.]+))$/.exec(key);
      if (key === "freq_relative" || key === "freq_absolute") {
        const r = twoSidedTTest(a, b, { alpha, differenceType: key === "freq_relative" ? "relative" : "absolute" });
        actual[key] = { ...pick(r), pValue: r.pValue };
      } else if (seq) {
        const r = sequentialTwoSidedTTest(a, b, {
          alpha,
          differenceType: seq[1] as "relative" | "absolute",
          tuningParameter: Number(seq[2]),
        });
        actual[key] = { ...pick(r), pValue: r.pValue };
      } else if (bayes) {
        const sd = bayes[2] ? Number(bayes[2]) : undefined;
        const prior = sd ? { mean: 0, variance: sd * sd, proper: true } : { mean: 0, variance: 1, proper: false };
        const r = effectBayesianTest(a, b, { alpha, differenceType: "relative", prior });
        actual[key] = { ...pick(r), chanceToWin: r.chanceToWin, risk: r.risk };
      } else if (key === "control_mean") actual[key] = a.mean;
      else if (key === "control_variance") actual[key] = a.variance;
      else if (key === "treatment_mean") actual[key] = b.mean;
      else if (key === "treatment_variance") actual[key] = b.variance;
      else throw new Error(`no handler for expected key ${key}`);
    }
    expectClose(actual, c.expected, c.tolerance);
  });
});

describe("welch_t_test (reference vectors) through the A/B report's fixed-horizon test", () => {
  it.each(casesOf("welch_t_test"))("%s", (_name, c) => {
    const { control, treatment, confidence } = c.inputs as {
      control: number[];
      treatment: number[];
      confidence: number;
    };
    const arm = (xs: number[]) =>
      sampleMeanStatistic(
        xs.length,
        xs.reduce((s, x) => s + x, 0),
        xs.reduce((s, x) => s + x * x, 0),
      );
    const a = arm(control);
    const b = arm(treatment);
    const r = twoSidedTTest(a, b, { alpha: 1 - confidence, differenceType: "absolute" });
    const se = r.uplift.stddev;
    expectClose(
      {
        control_mean: a.mean,
        treatment_mean: b.mean,
        control_var_ddof1: a.variance,
        treatment_var_ddof1: b.variance,
        diff_treatment_minus_control: r.expected,
        se_diff: se,
        t: r.expected / se,
        df_welch_satterthwaite: r.df,
        p_two_sided: r.pValue,
        ci95_diff: r.ci,
      },
      // The report's tests are two-sided; it never computes a one-sided p.
      except(c.expected, ["p_one_sided_greater"]),
      c.tolerance,
    );
  });
});

describe("gbstats conventions", () => {
  const a = proportionStatistic(1000, 120);
  const b = proportionStatistic(1000, 150);
  it("the sequential interval is wider than the fixed-horizon one", () => {
    const fixed = twoSidedTTest(a, b);
    const seq = sequentialTwoSidedTTest(a, b);
    expect(seq.ci[1] - seq.ci[0]).toBeGreaterThan(fixed.ci[1] - fixed.ci[0]);
    expect(seq.pValue).toBeGreaterThan(fixed.pValue);
  });
  it("unusable input is inconclusive, not a pass", () => {
    const empty = proportionStatistic(0, 0);
    expect(twoSidedTTest(empty, b)).toMatchObject({ pValue: 1, errorMessage: expect.any(String) });
    expect(effectBayesianTest(empty, b)).toMatchObject({ chanceToWin: 0.5, errorMessage: expect.any(String) });
  });
  it("risk difference equals the posterior mean", () => {
    const r = effectBayesianTest(a, b);
    expect(r.risk[0] - r.risk[1]).toBeCloseTo(r.expected, 12);
  });
});
