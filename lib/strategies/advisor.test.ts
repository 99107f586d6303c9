import { describe, expect, it } from "vitest";
import { adviseStrategy, FEAR_LABELS, FEARS, type Fear } from "./advisor";

const STRATEGY_COUNT = 8;

const expected: [Fear, string][] = [
  ["environment_breakage", "blue_green"],
  ["silent_quality_regression", "canary"],
  ["cost_latency_under_load", "canary"],
  ["unknown_output_shift", "shadow"],
  ["which_candidate_is_better", "ab_test"],
  ["continuous_reward_optimisation", "bandit"],
  ["targeted_exposure", "feature_flag"],
];

describe("adviseStrategy", () => {
  it.each(expected)("%s → %s", (fear, strategy) => {
    expect(adviseStrategy(fear).strategy).toBe(strategy);
  });

  it.each(FEARS)("%s: a one-paragraph why and a weakness for every other strategy", (fear) => {
    const advice = adviseStrategy(fear);
    expect(advice.why.length).toBeGreaterThan(150);
    expect(advice.why).not.toContain("\n");
    expect(advice.weaker).toHaveLength(STRATEGY_COUNT - 1);
    expect(advice.weaker.map((w) => w.strategy)).not.toContain(advice.strategy);
    expect(new Set(advice.weaker.map((w) => w.strategy)).size).toBe(STRATEGY_COUNT - 1);
    for (const w of advice.weaker) expect(w.weakness).toMatch(/\.$/);
    expect(FEAR_LABELS[fear]).toBeTruthy();
  });

  it("covers all seven fears", () => {
    expect(FEARS).toHaveLength(7);
  });

  it("keeps seed 002's distinctions: shadow never exposes users, blue-green is about crisp rollback", () => {
    expect(adviseStrategy("unknown_output_shift").why).toMatch(/users see only the champion/);
    expect(adviseStrategy("environment_breakage").why).toMatch(/rollback is one switch back/);
  });

  it("rejects an unknown fear", () => {
    expect(() => adviseStrategy("ghosts" as Fear)).toThrow('Unknown fear "ghosts"');
  });
});
