import { describe, expect, it } from "vitest";
import { classifyKayenta } from "./kayenta-classify";
import { kayentaMannWhitney, wilcoxonDiff, type ShiftRoot } from "./kayenta-mann-whitney";
import { casesOf, expectClose, type Tolerance } from "./reference-vectors.fixture";

const KIND = { jump: ["jump", "bound"], flat_zero_interval: ["flat"] } as const;

function expectRoot(
  root: ShiftRoot,
  expected: { kind: keyof typeof KIND; value_or_interval?: number[]; interval?: number[] },
  tol: Tolerance,
  where: string,
) {
  const [lo, hi] = (expected.value_or_interval ?? expected.interval) as number[];
  const eps = tol.abs ?? 0;
  expect(KIND[expected.kind] as readonly string[], `${where} kind ${root.kind}`).toContain(root.kind);
  expect(root.value, where).toBeGreaterThanOrEqual(lo - eps);
  expect(root.value, where).toBeLessThanOrEqual(hi + eps);
  expectClose(root.interval, [lo, hi], tol, `${where}.interval`);
}

describe("kayenta_mann_whitney_ci (reference vectors)", () => {
  it.each(casesOf("kayenta_mann_whitney_ci"))("%s", (_name, c) => {
    const { experiment, control, confidence_level } = c.inputs;
    const r = kayentaMannWhitney(experiment, control, confidence_level);
    const e = c.expected;
    const checked = new Set([
      "ci_lower",
      "ci_upper",
      "estimate_root_of_wdiff_zq0",
      "hodges_lehmann_median_pairwise_diff",
    ]);
    expectRoot(r.lower, e.ci_lower, c.tolerance, "ci_lower");
    expectRoot(r.upper, e.ci_upper, c.tolerance, "ci_upper");
    expectRoot(r.estimateRoot, e.estimate_root_of_wdiff_zq0, c.tolerance, "estimate");
    expectClose(r.hodgesLehmann, e.hodges_lehmann_median_pairwise_diff, c.tolerance, "hodges_lehmann");
    if ("mean_ratio_experiment_over_control" in e || "classification_with_defaults" in e) {
      const cls = classifyKayenta(experiment, control, {
        direction: c.inputs.direction,
        tolerance: c.inputs.tolerance,
        confidenceLevel: confidence_level,
        allowedIncrease: c.inputs.allowedIncrease,
        allowedDecrease: c.inputs.allowedDecrease,
      });
      expectClose(cls.deviation, e.mean_ratio_experiment_over_control, { rel: 1e-12 }, "mean_ratio");
      expect(cls.classification).toBe(e.classification_with_defaults);
      checked.add("mean_ratio_experiment_over_control").add("classification_with_defaults");
    }
    if ("values_reported_by_R_and_asserted_by_kayenta" in e) {
      const R = e.values_reported_by_R_and_asserted_by_kayenta;
      expectClose({ R_ci_low: r.interval[0], R_ci_high: r.interval[1], R_estimate: r.estimate }, R, c.tolerance, "R");
      checked.add("values_reported_by_R_and_asserted_by_kayenta");
    }
    expect(
      Object.keys(e).filter((k) => !checked.has(k)),
      "unchecked expected keys",
    ).toEqual([]);
  });

  it("reproduces Kayenta's own MannWhitneySuite assertion: CI [6, 39], estimate 22.5", () => {
    const r = kayentaMannWhitney([10, 20, 30, 40], [1, 2, 3, 4], 0.95);
    expect(r.interval).toEqual([6, 39]);
    expect(r.estimate).toBe(22.5);
  });
});

describe("exact roots agree with Kayenta's wilcoxonDiff", () => {
  // Small LCG so the samples are fixed; rounding to 0.5 forces many ties.
  function sample(seed: number, n: number, shift: number): number[] {
    let s = seed;
    return Array.from({ length: n }, () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return Math.round(((s / 2 ** 31) * 10 + shift) * 2) / 2;
    });
  }
  it.each([1, 2, 3, 4, 5, 6])("seed %i: f changes sign at each jump root", (seed) => {
    const x = sample(seed, 15 + seed, seed % 3);
    const y = sample(seed + 100, 20, 0);
    const r = kayentaMannWhitney(x, y, 0.95);
    const zq = 1.959963984540054;
    for (const [root, q] of [
      [r.lower, zq],
      [r.upper, -zq],
      [r.estimateRoot, 0],
    ] as const) {
      if (root.kind === "jump") {
        expect(wilcoxonDiff(root.value - 1e-3, q, x, y)).toBeGreaterThan(0);
        expect(wilcoxonDiff(root.value + 1e-3, q, x, y)).toBeLessThanOrEqual(0);
      } else if (root.kind === "flat") {
        expect(wilcoxonDiff(root.value, q, x, y)).toBe(0);
      }
    }
    expect(r.interval[0]).toBeLessThanOrEqual(r.estimate);
    expect(r.estimate).toBeLessThanOrEqual(r.interval[1]);
  });
});

describe("classifyKayenta", () => {
  it("no data is Nodata, never Pass", () => {
    expect(classifyKayenta([], [1, 2]).classification).toBe("Nodata");
    expect(classifyKayenta([], [1, 2], { dataRequired: true }).classification).toBe("NodataFailMetric");
  });
  it("identical samples pass", () => {
    expect(classifyKayenta([3, 1, 2], [1, 2, 3]).classification).toBe("Pass");
  });
  it("a clear drop is Low unless only increases matter", () => {
    const exp = [1, 2, 3, 4, 5, 6];
    const ctl = [20, 21, 22, 23, 24, 25];
    expect(classifyKayenta(exp, ctl).classification).toBe("Low");
    expect(classifyKayenta(exp, ctl, { direction: "increase" }).classification).toBe("Pass");
  });
  it("a single distinct value per side gives a deterministic shift", () => {
    const r = classifyKayenta([5, 5, 5], [2, 2, 2]);
    expect(r.classification).toBe("High");
    expect(r.evidence?.interval).toEqual([3, 3]);
  });
});
