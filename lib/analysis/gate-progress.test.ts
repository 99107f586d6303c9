import { describe, expect, it } from "vitest";
import { formatEta, gateProgress, type GateRunInput } from "./gate-progress";

const run = (gate: string, verdict: GateRunInput["verdict"], evidence: object, minute = 0): GateRunInput => ({
  gate,
  verdict,
  evidence,
  windowStart: "2026-12-03T10:00:00Z",
  windowEnd: "2026-12-03T10:10:00Z",
  createdAt: new Date(Date.parse("2026-12-03T10:10:00Z") + minute * 60_000).toISOString(),
});

describe("gateProgress", () => {
  it("says n of N on the challenger and about how long at the current rate", () => {
    const [g] = gateProgress(
      [
        run("error-rate", "waiting", {
          reason: "error rate … 120 of 1051 on challenger",
          progress: { variant: "challenger", have: 120, need: 1_051, noun: "requests" },
        }),
      ],
      ["error-rate"],
    );
    // 120 in 10 minutes = 12 a minute; 931 to go ≈ 78 min.
    expect(g).toMatchObject({ state: "waiting", have: 120, need: 1_051, perMinute: 12 });
    expect(g.etaMinutes).toBeCloseTo(931 / 12, 5);
    expect(g.line).toBe("Waiting for data: 120 of 1,051 requests on challenger, about 1 h 18 min at the current rate");
  });

  it("says when the challenger has had no traffic yet, and lists gates that haven't run", () => {
    const gates = gateProgress(
      [
        run("accuracy", "waiting", {
          progress: { variant: "challenger", have: 0, need: 281, noun: "labelled answers" },
        }),
      ],
      ["error-rate", "accuracy"],
    );
    expect(gates.map((g) => [g.gate, g.state])).toEqual([
      ["error-rate", "pending"],
      ["accuracy", "waiting"],
    ]);
    expect(gates[1].line).toBe("Waiting for data: 0 of 281 labelled answers on challenger, no traffic on it yet");
  });

  it("takes each gate's latest run, and gives pass, fail and inconclusive a line of their own", () => {
    const gates = gateProgress(
      [
        run("a", "waiting", {}, 0),
        run("a", "pass", { reason: "within limits" }, 1),
        run("b", "fail", { reason: "error rate 20 % vs 0 %" }),
        run("c", "inconclusive", { reason: "900 samples and still can't rule out a 50 % regression" }),
      ],
      [],
    );
    expect(gates.map((g) => g.line)).toEqual([
      "Passes",
      "Fails: error rate 20 % vs 0 %",
      "Inconclusive: 900 samples and still can't rule out a 50 % regression",
    ]);
  });

  it("formats waits in minutes and hours", () => {
    expect([formatEta(0.4), formatEta(12.2), formatEta(60), formatEta(125)]).toEqual([
      "under a minute",
      "about 13 min",
      "about 1 h",
      "about 2 h 5 min",
    ]);
  });
});
