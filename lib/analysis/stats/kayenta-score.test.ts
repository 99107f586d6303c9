import { describe, expect, it } from "vitest";
import { scoreKayenta } from "./kayenta-score";
import { casesOf, expectClose } from "./reference-vectors.fixture";

describe("kayenta_scoring (reference vectors)", () => {
  it.each(casesOf("kayenta_scoring"))("%s", (_name, c) => {
    const r = scoreKayenta(c.inputs.metrics, c.inputs.groupWeights, c.inputs.scoreThresholds);
    expectClose(r, c.expected, c.tolerance);
    expect(Object.keys(r.groupScores).sort()).toEqual(Object.keys(c.expected.groupScores).sort());
  });
});

describe("scoreKayenta", () => {
  it("fails when half the metrics have no data", () => {
    const r = scoreKayenta(
      [
        { name: "a", groups: ["g"], classification: "Nodata" },
        { name: "b", groups: ["g"], classification: "Pass" },
      ],
      {},
      { pass: 75, marginal: 50 },
    );
    expect(r).toMatchObject({ summaryScore: 0, classification: "Fail", failReason: "too many nodata" });
  });
  it("is Marginal between the thresholds and rounds half up to 2 dp", () => {
    const labels = ["Pass", "Pass", "High"] as const;
    const r = scoreKayenta(
      labels.map((l, i) => ({ name: `m${i}`, groups: ["g"], classification: l })),
      {},
      { pass: 75, marginal: 50 },
    );
    expect(r.summaryScore).toBe(66.67);
    expect(r.classification).toBe("Marginal");
  });
});
