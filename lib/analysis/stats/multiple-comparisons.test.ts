import { describe, expect, it } from "vitest";
import { holm } from "./multiple-comparisons";
import { casesOf, except, expectClose } from "./reference-vectors.fixture";

describe("multiple_testing (reference vectors)", () => {
  it.each(casesOf("multiple_testing"))("%s", (_name, c) => {
    const p: number[] = c.inputs.p_values;
    const adjusted = holm(p);
    expectClose(
      // Gates and the A/B report correct with Holm only; the other corrections aren't in the product.
      { holm_bonferroni_adjusted: adjusted, "rejected_at_0.05_holm": adjusted.map((a) => a <= 0.05) },
      except(c.expected, [
        "benjamini_hochberg_adjusted",
        "benjamini_yekutieli_adjusted",
        "bonferroni_adjusted",
        "rejected_at_0.05_bh",
      ]),
      c.tolerance,
    );
  });
});

describe("holm", () => {
  it("never lowers a p-value and never exceeds 1", () => {
    const p = [0.9, 0.5, 0.001, 0.3];
    holm(p).forEach((a, i) => {
      expect(a).toBeGreaterThanOrEqual(p[i]);
      expect(a).toBeLessThanOrEqual(1);
    });
  });
  it("rejects NaN p-values", () => {
    expect(() => holm([0.1, NaN])).toThrow(RangeError);
  });
});
