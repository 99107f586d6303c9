import { describe, expect, it } from "vitest";
import { casesOf, except, expectClose } from "./reference-vectors.fixture";
import { powerTwoProportions, sampleSizeMeans, sampleSizeTwoProportions } from "./sample-size";

describe("sample_size (reference vectors)", () => {
  it.each(casesOf("sample_size"))("%s", (_name, c) => {
    const i = c.inputs;
    expect(i.allocation).toBe("1:1");
    const r = sampleSizeTwoProportions({
      pControl: i.p_control,
      pTreatment: i.p_treatment,
      alpha: i.alpha,
      power: i.power,
      twoSided: i.two_sided,
    });
    expectClose(
      {
        z_alpha_2: r.zAlpha,
        z_beta: r.zBeta,
        "n_per_arm_pooled_null_unpooled_alt (Fleiss, no cc)": r.pooledNull,
        n_per_arm_pooled_null_unpooled_alt_ceil: r.nPerArm,
        "achieved_power_pooled_test_at_ceil(pooled_null)": powerTwoProportions(
          i.p_control,
          i.p_treatment,
          r.nPerArm,
          i.alpha,
        ),
      },
      // The A/B report plans with the Fleiss formula only; the other formulas aren't in the product.
      except(c.expected, [
        "n_per_arm_unpooled_simple",
        "n_per_arm_unpooled_simple_ceil",
        "n_per_arm_fleiss_continuity_corrected",
        "n_per_arm_fleiss_continuity_corrected_ceil",
        "cohens_h",
        "n_per_arm_arcsine_cohens_h",
        "n_per_arm_arcsine_cohens_h_ceil",
        "n_per_arm_baseline_variance_both_arms",
        "n_per_arm_baseline_variance_both_arms_ceil",
      ]),
      c.tolerance,
    );
  });
});

describe("sample size planning", () => {
  it("means: 2(z_a + z_b)^2 sd^2 / delta^2", () => {
    const r = sampleSizeMeans({ delta: 1, sdControl: 4 });
    expect(r.exact).toBeCloseTo(2 * (1.959963984540054 + 0.8416212335729143) ** 2 * 16, 9);
    expect(r.nPerArm).toBe(252);
  });
  it("more power never needs fewer units", () => {
    const a = sampleSizeTwoProportions({ pControl: 0.1, pTreatment: 0.12, power: 0.8 }).nPerArm;
    const b = sampleSizeTwoProportions({ pControl: 0.1, pTreatment: 0.12, power: 0.9 }).nPerArm;
    expect(b).toBeGreaterThan(a);
  });
});
