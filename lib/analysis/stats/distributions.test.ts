import { describe, expect, it } from "vitest";
import { betaSf, chi2Sf, normPpf, normSf, tPpf, tSf } from "./distributions";
import { casesOf, expectClose } from "./reference-vectors.fixture";

describe("quantiles (reference vectors)", () => {
  it.each(casesOf("quantiles"))("%s", (_name, c) => {
    const p: number[] = c.inputs.p;
    expectClose(
      {
        norm_ppf: p.map((x) => normPpf(x)),
        t_ppf_df10: p.map((x) => tPpf(x, 10)),
        "t_ppf_df37.5": p.map((x) => tPpf(x, 37.5)),
        "norm_sf_1.96": normSf(1.96),
        "t_sf_2.0_df7.3": tSf(2.0, 7.3),
      },
      c.expected,
      c.tolerance,
    );
  });
});

describe("upper tails keep precision", () => {
  it("normal and t sf are not 1 - cdf", () => {
    expect(normSf(10)).toBeGreaterThan(0);
    expect(tSf(40, 5)).toBeGreaterThan(0);
  });
  it("chi-square and beta sf are the library's upper incomplete functions", () => {
    expect(chi2Sf(200, 1)).toBeGreaterThan(0);
    expect(chi2Sf(0, 3)).toBe(1);
    expect(betaSf(0.999, 2, 50)).toBeGreaterThan(0);
  });
});
