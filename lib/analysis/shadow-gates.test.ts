import { describe, expect, it } from "vitest";
import { DEFAULT_GATES, gatesSchema } from "./default-gates";
import { agreementGate, shadowCompareGates } from "./shadow-gates";
import { emptyTotals, type WindowData } from "./window";

const window = (mirrored: number, agreements: number): WindowData => ({
  champion: "champion",
  challengers: ["challenger"],
  windowStart: new Date(0),
  windowEnd: new Date(60_000),
  arms: {
    champion: { "*": emptyTotals() },
    challenger: { "*": { ...emptyTotals(), mirrored, agreements } },
  },
});

describe("a shadow's agreement gate", () => {
  it("waits for its sample, saying how far it is", () => {
    const r = agreementGate(window(120, 110), { minSamples: 300, minAgreement: 0.5 });
    expect(r.verdict).toBe("waiting");
    expect(r.reason).toMatch(/^120 of 300 mirrored answers compared; 91\.7 % agreement/);
    expect(r.evidence.progress).toEqual({ variant: "challenger", have: 120, need: 300, noun: "mirrored answers" });
  });

  it("passes with its interval when agreement is clearly above the floor, fails when clearly below", () => {
    const pass = agreementGate(window(1000, 895), { minSamples: 300, minAgreement: 0.5 });
    expect(pass.verdict).toBe("pass");
    expect(pass.reason).toMatch(
      /89\.5 % agreement \(87\.\d % – ?9\d\.\d %|89\.5 % agreement \(87\.\d %–9\d\.\d %, n = 1000\)/,
    );
    expect(agreementGate(window(1000, 300), { minSamples: 300, minAgreement: 0.5 }).verdict).toBe("fail");
    expect(agreementGate(window(400, 205), { minSamples: 300, minAgreement: 0.5 }).verdict).toBe("inconclusive");
  });
});

describe("a shadow's errors and latency gates", () => {
  it("are the rollout's own error-rate and p95 gates under the plan's names, else the product's", () => {
    const own = gatesSchema.parse([{ name: "err", metric: "error_rate", threshold: 0.1, minSamples: 150 }]);
    const [errors, latency] = shadowCompareGates(own, ["agreement", "errors", "latency"], null);
    expect(errors).toMatchObject({ name: "errors", metric: "error_rate", threshold: 0.1, minSamples: 150 });
    const productLatency = DEFAULT_GATES.find((g) => g.metric === "latency_p95")!;
    expect(latency).toMatchObject({ name: "latency", metric: "latency_p95", minSamples: productLatency.minSamples });
    expect(shadowCompareGates(own, ["errors"], 300)[0]).toMatchObject({ minSamples: 300 });
  });
});
