import { describe, expect, it } from "vitest";
import { describeTrafficPath, type TrafficPathInput } from "./traffic-path";

const pair = [
  { key: "champion", role: "champion" as const, label: "v1" },
  { key: "challenger", role: "challenger" as const, label: "v2" },
];
const base = (over: Partial<TrafficPathInput>): TrafficPathInput => ({
  strategy: "canary",
  status: "progressing",
  variants: pair,
  weights: { champion: 10_000, challenger: 0 },
  config: {},
  ...over,
});

describe("describeTrafficPath", () => {
  it("shadow: copies, never serves", () => {
    const path = describeTrafficPath(
      base({ strategy: "shadow", config: { mirrorRoutes: ["/predict"] }, mirrorBasisPoints: 2_500 }),
    );
    expect(path.text).toBe(
      "Shadow: 25 % of requests to /predict are copied to v2; its answers are logged and compared, never served. Users see only v1. Rollback: stop mirroring; nothing to undo for users.",
    );
    expect(path.challengerServed).toBe(false);
    expect(path.liveShareBasisPoints).toBe(0);
    expect(describeTrafficPath(base({ strategy: "shadow" })).text).toContain("mirroring has not started");
  });

  it("canary: live share, sticky key, rollback", () => {
    const path = describeTrafficPath(
      base({ weights: { champion: 9_000, challenger: 1_000 }, config: { stickiness: { header: "x-user-id" } } }),
    );
    expect(path.text).toBe(
      "Canary: 10 % of live traffic (sticky by header x-user-id) goes to v2 and its answers are served; 90 % stays on v1. Rollback: send all traffic back to v1 in one config push; users on v2 return to v1 on their next request.",
    );
    expect(path).toMatchObject({ challengerServed: true, liveShareBasisPoints: 1_000 });
  });

  it("canary at 0 %: header override only", () => {
    const path = describeTrafficPath(base({ overrideHeader: "x-variant" }));
    expect(path.text).toContain("only requests with header x-variant reach it");
    expect(path.challengerServed).toBe(false);
  });

  it("blue-green before and after the switch", () => {
    expect(describeTrafficPath(base({ strategy: "blue_green" })).text).toContain(
      "v2 runs in the idle slot and gets no live traffic",
    );
    const after = describeTrafficPath(
      base({ strategy: "blue_green", weights: { champion: 0, challenger: 10_000 }, config: { warmSeconds: 600 } }),
    );
    expect(after.text).toBe(
      "Blue-green: all live traffic switched to v2 in one move; its answers are served. v1 stays warm in the other slot for 600 s. Rollback: switch back to v1 at once.",
    );
  });

  it("direct", () => {
    const path = describeTrafficPath(base({ strategy: "direct", weights: { champion: 0, challenger: 10_000 } }));
    expect(path.text).toMatch(/^Direct: 100 % of live traffic goes to v2; its answers are served\. Rollback: /);
  });

  it("A/B split with sticky cookie", () => {
    const path = describeTrafficPath(
      base({
        strategy: "ab_test",
        weights: { champion: 5_000, challenger: 5_000 },
        config: { stickiness: { cookie: "uid" } },
      }),
    );
    expect(path.text).toContain(
      "live traffic is split v1 50 % / v2 50 % (sticky by cookie uid); each arm's answers are served",
    );
  });

  it("feature flag with rules, and with the kill switch on", () => {
    const rules = [{ id: "r", conditions: [], variant: "challenger" }];
    const on = describeTrafficPath(
      base({ strategy: "feature_flag", weights: { champion: 9_500, challenger: 500 }, config: { rules } }),
    );
    expect(on.text).toContain("users matching 1 targeting rule get v2, plus 5 % of the remaining traffic");
    expect(on.text).toContain("Rollback: flip the kill switch");
    const killed = describeTrafficPath(base({ strategy: "feature_flag", config: { killSwitch: true } }));
    expect(killed.text).toContain("kill switch is on: everyone is served v1");
  });

  it("champion/challenger and bandit list every arm", () => {
    const three = [...pair, { key: "c3", role: "challenger" as const, label: "v3" }];
    const cc = describeTrafficPath(
      base({
        strategy: "champion_challenger",
        variants: three,
        weights: { champion: 8_000, challenger: 1_000, c3: 1_000 },
      }),
    );
    expect(cc.text).toContain("v1 (champion) answers 80 % of live traffic; challengers v2 10 %, v3 10 %");
    expect(cc.liveShareBasisPoints).toBe(2_000);
    const bandit = describeTrafficPath(
      base({
        strategy: "bandit",
        variants: three,
        weights: { champion: 2_000, challenger: 7_500, c3: 500 },
        config: { reallocationIntervalSeconds: 600, floorBasisPoints: 500 },
      }),
    );
    expect(bandit.text).toContain(
      "reallocated every 600 s by reward; now v1 20 %, v2 75 %, v3 5 % (floor 5 % per arm)",
    );
  });

  it("states before, after and when paused", () => {
    expect(describeTrafficPath(base({ status: "draft" })).text).toBe(
      "Canary: not started; v2 receives no traffic. Users see only v1.",
    );
    expect(describeTrafficPath(base({ status: "rolled_back" })).text).toContain(
      "rolled back; all live traffic is on v1",
    );
    expect(
      describeTrafficPath(base({ status: "completed", weights: { champion: 0, challenger: 10_000 } })).text,
    ).toContain("completed; v2 serves 100 % of live traffic");
    expect(
      describeTrafficPath(base({ status: "paused", weights: { champion: 9_900, challenger: 100 } })).text,
    ).toContain("The rollout is paused");
  });

  it("falls back to variant keys without labels", () => {
    const path = describeTrafficPath(
      base({
        variants: [
          { key: "a", role: "champion" },
          { key: "b", role: "challenger" },
        ],
        weights: { a: 9_000, b: 1_000 },
      }),
    );
    expect(path.text).toContain("goes to b");
  });
});
