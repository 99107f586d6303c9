import { describe, expect, it } from "vitest";
import { abTestReport, primaryMetricOf } from "./ab-report";
import { psiOf, wilson } from "./metrics-series";
import { totals, windowOf } from "./testing-window";

const arm = (requests: number, conversions: number, errors = 0) => ({ "*": totals({ requests, conversions, errors }) });

describe("A/B report", () => {
  it("ships a challenger that wins on the primary metric with significance", () => {
    const r = abTestReport(windowOf({ champion: arm(10_000, 1_000, 50), challenger: arm(10_000, 1_250, 50) }), {
      primaryMetric: "conversion",
      split: { champion: 5_000, challenger: 5_000 },
    });
    expect(r.decision).toMatchObject({ outcome: "ship_challenger", winner: "challenger" });
    const row = r.rows.find((x) => x.primary)!;
    expect(row.interval[0]).toBeGreaterThan(0);
    expect(row.pValueSequential).toBeGreaterThan(row.pValueFixed);
    expect(row.chanceToBeat).toBeGreaterThan(0.99);
    expect(r.srm?.mismatch).toBe(false);
  });

  it("keeps running while the evidence is thin, and says how many samples are still needed", () => {
    const r = abTestReport(windowOf({ champion: arm(1_000, 100), challenger: arm(1_000, 104) }), {
      primaryMetric: "conversion",
    });
    expect(r.decision.outcome).toBe("keep_running");
    expect(r.rows[0].remainingPerArm).toBeGreaterThan(10_000);
    expect(r.rows[0].power).toBeLessThan(0.5);
  });

  it("refuses to decide on a sample ratio mismatch", () => {
    const r = abTestReport(windowOf({ champion: arm(10_000, 1_000), challenger: arm(8_000, 1_200) }), {
      split: { champion: 5_000, challenger: 5_000 },
    });
    expect(r.decision.outcome).toBe("invalid");
  });

  it("does not ship a winner that regresses a guardrail", () => {
    const r = abTestReport(windowOf({ champion: arm(10_000, 1_000, 50), challenger: arm(10_000, 1_300, 400) }), {});
    expect(r.decision.outcome).toBe("keep_champion");
    expect(r.decision.headline).toMatch(/regresses error rate/);
  });

  it("maps config names to metrics", () => {
    expect([
      primaryMetricOf("conversion"),
      primaryMetricOf("accuracy"),
      primaryMetricOf("reward"),
      primaryMetricOf(undefined),
    ]).toEqual(["conversion_rate", "accuracy", "reward_mean", "conversion_rate"]);
  });
});

describe("chart helpers", () => {
  it("Wilson interval and PSI", () => {
    const [lo, hi] = wilson(10, 100)!;
    expect(lo).toBeCloseTo(0.0552, 3);
    expect(hi).toBeCloseTo(0.1744, 3);
    expect(wilson(0, 0)).toBeNull();
    expect(psiOf({ a: 50, b: 50 }, { a: 50, b: 50 })).toBeCloseTo(0, 6);
    expect(psiOf({ a: 80, b: 20 }, { a: 20, b: 80 })!).toBeGreaterThan(0.25);
  });
});
