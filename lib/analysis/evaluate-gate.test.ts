import { describe, expect, it } from "vitest";
import { DEFAULT_GATES, gateSchema, gatesSchema, parseRolloutGates, type Gate } from "./default-gates";
import { evaluateGate, evaluateGates } from "./evaluate-gate";
import { totals, windowOf } from "./testing-window";

const gates = gatesSchema.parse(DEFAULT_GATES);
const gate = (name: string): Gate => gates.find((g) => g.name === name)!;

describe("default gates", () => {
  it("are the seed's rollback triggers and validate", () => {
    expect(gates.map((g) => g.name)).toEqual([
      "error-rate",
      "latency-p95",
      "accuracy",
      "critical-errors",
      "complaints",
    ]);
    expect(parseRolloutGates([]).gates).toHaveLength(5);
    expect(parseRolloutGates([{ name: "x", metric: "error_rate" }]).error).toMatch(/invalid/);
    expect(gatesSchema.safeParse([gates[0], gates[0]]).success).toBe(false);
    expect(gateSchema.safeParse({ name: "p", metric: "prometheus", url: "http://p:9090", query: "up" }).success).toBe(
      false,
    );
  });
});

describe("error-rate gate", () => {
  it("fails a challenger that doubles the error rate, with evidence", () => {
    const w = windowOf({
      champion: { "*": totals({ requests: 50_000, errors: 500 }) },
      challenger: { "*": totals({ requests: 5_000, errors: 100 }) },
    });
    const r = evaluateGate(gate("error-rate"), w);
    expect(r.verdict).toBe("fail");
    expect(r.reason).toMatch(/error rate 2\.00 % on challenger vs 1\.00 %/);
    const c = (r.evidence.comparisons as { adjustedPValue: number; relativeEffect: number }[])[0];
    expect(c.adjustedPValue).toBeLessThan(0.05);
    expect(c.relativeEffect).toBeCloseTo(1, 5);
    expect(r.evidence.correction).toEqual({ method: "holm", familySize: 1 });
  });

  it("passes an equal challenger once the bound rules out a doubling", () => {
    const w = windowOf({
      champion: { "*": totals({ requests: 200_000, errors: 2_000 }) },
      challenger: { "*": totals({ requests: 40_000, errors: 400 }) },
    });
    expect(evaluateGate(gate("error-rate"), w).verdict).toBe("pass");
  });

  it("waits for data with too few samples or none, never pass", () => {
    const few = windowOf({
      champion: { "*": totals({ requests: 5_000, errors: 0 }) },
      challenger: { "*": totals({ requests: 100, errors: 0 }) },
    });
    const r = evaluateGate(gate("error-rate"), few);
    expect(r).toMatchObject({ verdict: "waiting", reason: expect.stringMatching(/: 100 of \d+ on challenger$/) });
    expect(r.evidence.progress).toMatchObject({ variant: "challenger", have: 100, noun: "requests" });
    const none = windowOf({ champion: { "*": totals() }, challenger: { "*": totals() } });
    expect(evaluateGate(gate("error-rate"), none)).toMatchObject({
      verdict: "waiting",
      reason: expect.stringMatching(/no challenger data in the window yet/),
    });
  });

  it("fails when the champion has no errors and the challenger has many", () => {
    const w = windowOf({
      champion: { "*": totals({ requests: 2_000, errors: 0 }) },
      challenger: { "*": totals({ requests: 200, errors: 40 }) },
    });
    expect(evaluateGate(gate("error-rate"), w).verdict).toBe("fail");
  });
});

describe("segments", () => {
  it("catches a challenger that fails only on billing tickets while the average looks fine", () => {
    const seg = (labelled: number, correct: number) => totals({ requests: labelled, labelled, correct });
    const w = windowOf({
      champion: { "*": seg(20_000, 18_000), billing: seg(2_000, 1_800), technical: seg(18_000, 16_200) },
      challenger: { "*": seg(20_000, 17_700), billing: seg(2_000, 1_500), technical: seg(18_000, 16_200) },
    });
    const r = evaluateGate(gate("accuracy"), w);
    expect(r.verdict).toBe("fail");
    expect(r.reason).toMatch(/on segment billing/);
    const overall = (r.evidence.comparisons as { segment: string; decision: string }[]).find((c) => c.segment === "*");
    expect(overall?.decision).not.toBe("fail");
  });
});

describe("latency gate", () => {
  it("fails a challenger with a p95 far above the champion's and passes an equal one", () => {
    const slow = windowOf({
      champion: { "*": totals({ requests: 10_000, latencyMs: 20 }) },
      challenger: { "*": totals({ requests: 2_000, latencyMs: 80 }) },
    });
    expect(evaluateGate(gate("latency-p95"), slow).verdict).toBe("fail");
    const same = windowOf({
      champion: { "*": totals({ requests: 10_000, latencyMs: 20 }) },
      challenger: { "*": totals({ requests: 2_000, latencyMs: 20 }) },
    });
    expect(evaluateGate(gate("latency-p95"), same).verdict).toBe("pass");
  });
});

describe("count gates", () => {
  it("any critical error fails; none with traffic passes; no traffic waits", () => {
    const mk = (critical: number, requests: number) =>
      windowOf({
        champion: { "*": totals({ requests: 100 }) },
        challenger: { "*": totals({ requests, criticalErrors: critical }) },
      });
    expect(evaluateGate(gate("critical-errors"), mk(1, 50)).verdict).toBe("fail");
    expect(evaluateGate(gate("critical-errors"), mk(0, 50)).verdict).toBe("pass");
    expect(evaluateGate(gate("critical-errors"), mk(0, 0)).verdict).toBe("waiting");
  });

  it("more than 10 complaints in the first hour fails", () => {
    const w = windowOf({
      champion: { "*": totals({ requests: 100 }) },
      challenger: { "*": totals({ requests: 100, complaints: 3 }) },
    });
    w.countWindows = { complaints: { challenger: totals({ complaints: 11 }) } };
    expect(evaluateGate(gate("complaints"), w)).toMatchObject({
      verdict: "fail",
      reason: "11 complaints on challenger in the first hour (limit 10)",
    });
  });
});

describe("multiple comparisons", () => {
  it("corrects across every gate's comparisons together", () => {
    const w = windowOf({
      champion: { "*": totals({ requests: 50_000, errors: 500, latencyMs: 20 }) },
      challenger: { "*": totals({ requests: 5_000, errors: 50, latencyMs: 20 }) },
    });
    const results = evaluateGates(gates, w);
    expect(results).toHaveLength(5);
    expect((results[0].evidence.correction as { familySize: number }).familySize).toBe(2);
  });
});
