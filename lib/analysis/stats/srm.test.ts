import { describe, expect, it } from "vitest";
import { casesOf, expectClose } from "./reference-vectors.fixture";
import { sampleRatioMismatch } from "./srm";

describe("srm_chi_square (reference vectors)", () => {
  it.each(casesOf("srm_chi_square"))("%s", (_name, c) => {
    const r = sampleRatioMismatch(c.inputs.observed, c.inputs.weights);
    expectClose(
      {
        expected_counts: r.expected,
        chi2: r.statistic,
        df: r.df,
        p_value: r.pValue,
        "srm_at_0.001 (GrowthBook default)": r.mismatch,
        "srm_at_0.05": sampleRatioMismatch(c.inputs.observed, c.inputs.weights, 0.05).mismatch,
      },
      c.expected,
      c.tolerance,
    );
  });
});

describe("sampleRatioMismatch edge cases", () => {
  it("no traffic is p = 1, not a mismatch", () => {
    expect(sampleRatioMismatch([0, 0], [0.5, 0.5])).toMatchObject({ pValue: 1, mismatch: false });
  });
  it("skips zero-weight arms but keeps df = k - 1", () => {
    const r = sampleRatioMismatch([500, 500, 0], [0.5, 0.5, 0]);
    expect(r.df).toBe(2);
    expect(r.statistic).toBe(0);
  });
});
