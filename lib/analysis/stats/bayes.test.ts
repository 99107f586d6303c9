import { describe, expect, it } from "vitest";
import { betaBinomialChanceToBeat } from "./bayes";
import { casesOf, expectClose } from "./reference-vectors.fixture";

describe("bayesian_beta_binomial (reference vectors)", () => {
  it.each(casesOf("bayesian_beta_binomial"))("%s", (_name, c) => {
    const r = betaBinomialChanceToBeat(c.inputs.A, c.inputs.B, c.inputs.prior);
    expectClose(
      {
        posterior_A: { alpha: r.control.alpha, beta: r.control.beta, mean: r.control.mean },
        posterior_B: { alpha: r.treatment.alpha, beta: r.treatment.beta, mean: r.treatment.mean },
        prob_B_gt_A: r.chanceToBeatControl,
        prob_B_gt_A_closed_form_mpmath_50digits: Number(c.expected.prob_B_gt_A_closed_form_mpmath_50digits),
        "expected_loss_choose_B (E[max(pA-pB,0)])": r.expectedLossTreatment,
        "expected_loss_choose_A (E[max(pB-pA,0)])": r.expectedLossControl,
        normal_approx_prob_B_gt_A: r.chanceToBeatControlNormal,
      },
      {
        ...c.expected,
        prob_B_gt_A_closed_form_mpmath_50digits: Number(c.expected.prob_B_gt_A_closed_form_mpmath_50digits),
      },
      c.tolerance,
    );
    // The 50-digit closed form is the ground truth; hold the integral to it.
    expect(Math.abs(r.chanceToBeatControl - Number(c.expected.prob_B_gt_A_closed_form_mpmath_50digits))).toBeLessThan(
      c.tolerance.abs!,
    );
  });
});

describe("betaBinomialChanceToBeat", () => {
  it("is one half for identical data", () => {
    const r = betaBinomialChanceToBeat({ successes: 30, trials: 200 }, { successes: 30, trials: 200 });
    expect(r.chanceToBeatControl).toBeCloseTo(0.5, 10);
    expect(r.expectedLossControl).toBeCloseTo(r.expectedLossTreatment, 10);
  });
  it("handles large counts and non-integer priors", () => {
    const r = betaBinomialChanceToBeat(
      { successes: 50_000, trials: 1_000_000 },
      { successes: 50_400, trials: 1_000_000 },
      { alpha: 0.5, beta: 0.5 },
    );
    expect(r.chanceToBeatControl).toBeGreaterThan(0.9);
    expect(r.chanceToBeatControl).toBeCloseTo(r.chanceToBeatControlNormal, 3);
  });
});
