import { describe, expect, it } from "vitest";
import { benjaminiHochberg, benjaminiYekutieli, bonferroni, holm, rejected } from "./multiple-comparisons";
import { casesOf, expectClose } from "./reference-vectors.fixture";

describe("multiple_testing (reference vectors)", () => {
  it.each(casesOf("multiple_testing"))("%s", (_name, c) => {
    const p: number[] = c.inputs.p_values;
    expectClose(
      {
        holm_bonferroni_adjusted: holm(p),
        benjamini_hochberg_adjusted: benjaminiHochberg(p),
        benjamini_yekutieli_adjusted: benjaminiYekutieli(p),
        bonferroni_adjusted: bonferroni(p),
        "rejected_at_0.05_holm": rejected(holm(p), 0.05),
        "rejected_at_0.05_bh": rejected(benjaminiHochberg(p), 0.05),
      },
      c.expected,
      c.tolerance,
    );
  });
});

describe("adjustments", () => {
  it("never lower a p-value and never exceed 1", () => {
    const p = [0.9, 0.5, 0.001, 0.3];
    for (const adj of [holm(p), benjaminiHochberg(p), benjaminiYekutieli(p)]) {
      adj.forEach((a, i) => {
        expect(a).toBeGreaterThanOrEqual(p[i]);
        expect(a).toBeLessThanOrEqual(1);
      });
    }
  });
  it("reject NaN p-values", () => {
    expect(() => holm([0.1, NaN])).toThrow(RangeError);
  });
});
