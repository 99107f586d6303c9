import { describe, expect, it } from "vitest";
import type { Weights } from "@/lib/routers/types";
import { defaultPlan } from "@/lib/strategies/default-plan";
import type { PlanStep, PlanVariant, RolloutStatus, Strategy, StrategyConfig } from "@/lib/strategies/plan";
import { reconcile } from "./reconcile";
import type { RolloutSnapshot, SnapshotVerdict } from "./reconcile-types";

const T0 = new Date("2030-01-01T00:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const two: PlanVariant[] = [
  { key: "champion", role: "champion" },
  { key: "challenger", role: "challenger" },
];
const CHAMPION: Weights = { champion: 10_000, challenger: 0 };
const w = (bp: number): Weights => ({ challenger: bp, champion: 10_000 - bp });

function snapshot(
  steps: PlanStep[],
  over: Partial<RolloutSnapshot["rollout"]> = {},
  rest: Partial<RolloutSnapshot> = {},
): RolloutSnapshot {
  return {
    rollout: {
      id: "r1",
      strategy: "canary",
      status: "progressing",
      currentStepIndex: 0,
      stepStartedAt: null,
      desiredWeights: CHAMPION,
      configVersion: 1,
      inSync: true,
      config: { analysisIntervalSeconds: 60 },
      ...over,
    },
    steps: steps.map(({ kind, ...params }, index) => ({
      index,
      kind,
      params,
      status:
        index < (over.currentStepIndex ?? 0)
          ? "completed"
          : index === (over.currentStepIndex ?? 0) && over.stepStartedAt
            ? "running"
            : "pending",
    })),
    variants: two,
    routers: [
      { id: "r-a", name: "edge-a", appliedVersion: over.configVersion ?? 1, health: "healthy" },
      { id: "r-b", name: "edge-b", appliedVersion: over.configVersion ?? 1, health: "healthy" },
    ],
    analysis: [],
    pendingRollback: false,
    ...rest,
  };
}
const verdict = (
  stepIndex: number,
  v: SnapshotVerdict["verdict"],
  seconds: number,
  gate = "errors",
  reason?: string,
): SnapshotVerdict => ({
  stepIndex,
  verdict: v,
  createdAt: at(seconds),
  gate,
  ...(reason ? { reason } : {}),
});

const canary = defaultPlan("canary");
const weightStep: PlanStep[] = [
  { kind: "set_weight", weight: 1_000 },
  { kind: "analysis" },
  { kind: "set_weight", weight: 10_000 },
];
const analysisAt1 = (analysis: SnapshotVerdict[], config: StrategyConfig = { analysisIntervalSeconds: 60 }) =>
  snapshot(weightStep, { currentStepIndex: 1, stepStartedAt: at(0), desiredWeights: w(1_000), config }, { analysis });

describe("which rollouts reconcile acts on", () => {
  it.each(["draft", "awaiting_approval", "ready", "paused", "completed", "aborted", "rolled_back"] as RolloutStatus[])(
    "%s: nothing",
    (status) => {
      expect(reconcile(snapshot(canary, { status }), at(0))).toEqual([]);
    },
  );

  it.each(["progressing", "paused", "promoting"] as RolloutStatus[])(
    "%s with a confirmed rollback request: rollback first",
    (status) => {
      const s = snapshot(canary, { status, inSync: false }, { pendingRollback: true });
      expect(reconcile(s, at(0))).toEqual([{ type: "rollback", reason: "Rollback requested and confirmed" }]);
    },
  );

  it.each(["draft", "ready", "completed", "rolled_back"] as RolloutStatus[])(
    "%s ignores a rollback request",
    (status) => {
      expect(reconcile(snapshot(canary, { status }, { pendingRollback: true }), at(0))).toEqual([]);
    },
  );
});

describe("router sync", () => {
  it("rollout not in sync: only waitForSync", () => {
    const [intent, ...rest] = reconcile(snapshot(weightStep, { inSync: false }), at(0));
    expect(rest).toEqual([]);
    expect(intent).toMatchObject({ type: "waitForSync", routerIds: [] });
  });

  it("a router behind the config version: waitForSync naming it", () => {
    const s = snapshot(weightStep, { configVersion: 4 });
    s.routers[1].appliedVersion = 3;
    expect(reconcile(s, at(0))).toEqual([
      {
        type: "waitForSync",
        routerIds: ["r-b"],
        reason: "Waiting for 1 of 2 routers to confirm config v4: edge-b (at v3)",
      },
    ]);
  });

  it("a router down: no step moves even if it confirmed before", () => {
    const s = snapshot(weightStep, { currentStepIndex: 0, stepStartedAt: at(0), desiredWeights: w(1_000) });
    s.routers[0].health = "down";
    expect(reconcile(s, at(10))).toEqual([
      {
        type: "waitForSync",
        routerIds: ["r-a"],
        reason: "Waiting for 1 of 2 routers to confirm config v1: edge-a (down)",
      },
    ]);
  });

  it("degraded routers that confirmed still count as applied", () => {
    const s = snapshot(weightStep, { stepStartedAt: at(0), desiredWeights: w(1_000) });
    s.routers[0].health = "degraded";
    expect(reconcile(s, at(10))).toEqual([{ type: "completeStep", stepIndex: 0 }]);
  });

  it("no routers: nothing can confirm, so nothing moves", () => {
    expect(reconcile(snapshot(weightStep, {}, { routers: [] }), at(0))).toEqual([
      { type: "waitForSync", routerIds: [], reason: "No router serves this system, so no step can be confirmed" },
    ]);
  });
});

describe("set_weight, set_phase, mirror, switch", () => {
  it("pending set_weight: push weights, then start the step", () => {
    expect(reconcile(snapshot(weightStep), at(0))).toEqual([
      { type: "setWeights", weights: w(1_000), stepIndex: 0, reason: "Step 1 of 3: champion 90 %, challenger 10 %" },
      { type: "startStep", stepIndex: 0 },
    ]);
  });

  it("pending with the weights already pushed (restart between the two): only start", () => {
    expect(reconcile(snapshot(weightStep, { desiredWeights: w(1_000) }), at(0))).toEqual([
      { type: "startStep", stepIndex: 0 },
    ]);
  });

  it("running, weights confirmed by every router: complete the step", () => {
    expect(reconcile(snapshot(weightStep, { stepStartedAt: at(0), desiredWeights: w(1_000) }), at(5))).toEqual([
      { type: "completeStep", stepIndex: 0 },
    ]);
  });

  it("running but desired weights drifted: push them again, don't complete", () => {
    expect(reconcile(snapshot(weightStep, { stepStartedAt: at(0) }), at(5))).toEqual([
      { type: "setWeights", weights: w(1_000), stepIndex: 0, reason: "Step 1 of 3: champion 90 %, challenger 10 %" },
    ]);
  });

  it("set_phase: phase then start; running completes", () => {
    expect(reconcile(snapshot(canary), at(0))).toEqual([
      { type: "setPhase", phase: "internal" },
      { type: "startStep", stepIndex: 0 },
    ]);
    expect(reconcile(snapshot(canary, { stepStartedAt: at(0) }), at(1))).toEqual([
      { type: "completeStep", stepIndex: 0 },
    ]);
  });

  it("shadow mirror: mirror then start; weights never leave the champion", () => {
    const plan = defaultPlan("shadow", { sampleBasisPoints: 2_500 });
    const s = snapshot(plan, { strategy: "shadow" });
    expect(reconcile(s, at(0))).toEqual([
      { type: "setMirror", stepIndex: 0, sampleBasisPoints: 2_500 },
      { type: "startStep", stepIndex: 0 },
    ]);
  });

  it("blue-green switch: everything to the challenger at once", () => {
    const plan = defaultPlan("blue_green");
    const s = snapshot(plan, { strategy: "blue_green", currentStepIndex: 1 });
    expect(reconcile(s, at(0))).toEqual([
      {
        type: "setWeights",
        weights: { champion: 0, challenger: 10_000 },
        stepIndex: 1,
        reason: "Step 2 of 3: champion 0 %, challenger 100 %",
      },
      { type: "startStep", stepIndex: 1 },
    ]);
  });

  it("a step already completed but the index not moved: complete it again (no-op for the executor)", () => {
    const s = snapshot(weightStep, { stepStartedAt: at(0), desiredWeights: w(1_000) });
    s.steps[0].status = "completed";
    expect(reconcile(s, at(1))).toEqual([{ type: "completeStep", stepIndex: 0 }]);
  });

  it("a failed step rolls back", () => {
    const s = snapshot(weightStep, { stepStartedAt: at(0) });
    s.steps[0].status = "failed";
    expect(reconcile(s, at(1))).toEqual([{ type: "rollback", reason: "Step 1 (set_weight) failed" }]);
  });
});

describe("pause", () => {
  const timed: PlanStep[] = [{ kind: "pause", durationSeconds: 600 }];
  it("timed: wait until started + duration, then complete", () => {
    expect(reconcile(snapshot(timed), at(0))).toEqual([{ type: "startStep", stepIndex: 0 }]);
    expect(reconcile(snapshot(timed, { stepStartedAt: at(100) }), at(200))).toEqual([
      { type: "waitUntil", at: at(700) },
    ]);
    expect(reconcile(snapshot(timed, { stepStartedAt: at(100) }), at(700))).toEqual([
      { type: "completeStep", stepIndex: 0 },
    ]);
  });

  it("until a wall-clock time (feature-flag schedule)", () => {
    const until: PlanStep[] = [{ kind: "pause", until: at(3_600).toISOString() }];
    expect(reconcile(snapshot(until, { stepStartedAt: at(0) }), at(10))).toEqual([
      { type: "waitUntil", at: at(3_600) },
    ]);
    expect(reconcile(snapshot(until, { stepStartedAt: at(0) }), at(3_601))).toEqual([
      { type: "completeStep", stepIndex: 0 },
    ]);
  });

  it("indefinite: await a person", () => {
    expect(reconcile(snapshot([{ kind: "pause" }], { stepStartedAt: at(0) }), at(99_999))).toEqual([
      { type: "awaitPromotion", stepIndex: 0 },
    ]);
  });
});

describe("analysis", () => {
  it("no verdict yet: wait one interval after the step started, then run", () => {
    expect(reconcile(analysisAt1([]), at(30))).toEqual([{ type: "waitUntil", at: at(60) }]);
    expect(reconcile(analysisAt1([]), at(60))).toEqual([{ type: "runAnalysis", stepIndex: 1 }]);
    expect(reconcile(analysisAt1([], { analysisIntervalSeconds: 300 }), at(60))).toEqual([
      { type: "waitUntil", at: at(300) },
    ]);
  });

  it("passes only when the latest verdict since the step started is pass", () => {
    expect(reconcile(analysisAt1([verdict(1, "pass", 60)]), at(61))).toEqual([{ type: "completeStep", stepIndex: 1 }]);
    expect(reconcile(analysisAt1([verdict(1, "pass", 60), verdict(1, "inconclusive", 120)]), at(121))[0]).toMatchObject(
      {
        type: "holdInconclusive",
      },
    );
  });

  it("ignores verdicts from before the step started and from other steps", () => {
    const s = analysisAt1([verdict(1, "pass", -10), verdict(0, "pass", 30), verdict(3, "fail", 30)]);
    expect(reconcile(s, at(30))).toEqual([{ type: "waitUntil", at: at(60) }]);
  });

  it("fail: roll back with the gate's reason, even if a later run passed or routers lag", () => {
    const fail = verdict(1, "fail", 60, "errors", "error rate 4.6 % vs 1.8 % (limit +5 %)");
    const expected = [
      { type: "rollback", reason: 'Gate "errors" failed at step 2: error rate 4.6 % vs 1.8 % (limit +5 %)' },
    ];
    expect(reconcile(analysisAt1([fail]), at(61))).toEqual(expected);
    expect(reconcile(analysisAt1([fail, verdict(1, "pass", 120)]), at(121))).toEqual(expected);
    const lagging = analysisAt1([fail]);
    lagging.rollout.inSync = false;
    expect(reconcile(lagging, at(61))).toEqual(expected);
  });

  it("inconclusive: hold and re-run each interval, never promote", () => {
    const s = analysisAt1([verdict(1, "inconclusive", 60, "errors", "600 samples and still can't rule out")]);
    expect(reconcile(s, at(90))).toEqual([
      {
        type: "holdInconclusive",
        reason: 'Step 2 holds: "errors" inconclusive (600 samples and still can\'t rule out)',
      },
      { type: "waitUntil", at: at(120) },
    ]);
    expect(reconcile(s, at(120))[1]).toEqual({ type: "runAnalysis", stepIndex: 1 });
  });

  it("waiting for data: holds the step and says what for, however long, with no strike towards a pause", () => {
    const runs = Array.from({ length: 50 }, (_, i) =>
      verdict(1, "waiting", 60 * (i + 1), "errors", `${i} of 1051 on challenger`),
    );
    expect(reconcile(analysisAt1(runs), at(3_001))).toEqual([
      { type: "holdForData", reason: 'Step 2 waits for data: "errors" waiting for data (49 of 1051 on challenger)' },
      { type: "waitUntil", at: at(3_060) },
    ]);
  });

  it("past its maximum wait an undecided step pauses for a person; keep waiting moves the deadline", () => {
    const runs = [verdict(1, "waiting", 60, "errors", "120 of 1051 on challenger")];
    const config = { analysisIntervalSeconds: 60, maxWaitSeconds: 600 };
    expect(reconcile(analysisAt1(runs, config), at(599))[0]).toMatchObject({ type: "holdForData" });
    expect(reconcile(analysisAt1(runs, config), at(600))).toEqual([
      {
        type: "pause",
        reason:
          'Step 2 waited its maximum (until 2030-01-01 00:10 UTC) and is not decided: "errors" waiting for data (120 of 1051 on challenger)',
      },
    ]);
    const kept = analysisAt1(runs, config);
    kept.steps[1].waitUntil = at(1_800);
    expect(reconcile(kept, at(600))[0]).toMatchObject({ type: "holdForData" });
    expect(reconcile(kept, at(1_800))[0]).toMatchObject({ type: "pause" });
    // The step's own maximum wins over the rollout's.
    const own = snapshot(
      [
        { kind: "set_weight", weight: 1_000 },
        { kind: "analysis", maxWaitSeconds: 120 },
        { kind: "set_weight", weight: 10_000 },
      ],
      { currentStepIndex: 1, stepStartedAt: at(0), desiredWeights: w(1_000), config },
      { analysis: runs },
    );
    expect(reconcile(own, at(120))[0]).toMatchObject({ type: "pause" });
    // Without a setting, a day.
    expect(reconcile(analysisAt1(runs), at(86_399))[0]).toMatchObject({ type: "holdForData" });
    expect(reconcile(analysisAt1(runs), at(86_400))[0]).toMatchObject({ type: "pause" });
  });

  it("a step a person accepted (confirmed by a second person) completes, but a fail still rolls back", () => {
    const accepted = analysisAt1([verdict(1, "inconclusive", 60)]);
    accepted.acceptedSteps = [1];
    expect(reconcile(accepted, at(61))).toEqual([{ type: "completeStep", stepIndex: 1 }]);
    const failed = analysisAt1([verdict(1, "fail", 60)]);
    failed.acceptedSteps = [1];
    expect(reconcile(failed, at(61))[0]).toMatchObject({ type: "rollback" });
  });

  it("after maxInconclusive inconclusive runs in a row: pause with the reason; a resume starts a fresh count", () => {
    const runs = [
      verdict(1, "inconclusive", 60),
      verdict(1, "inconclusive", 120),
      verdict(1, "inconclusive", 180, "errors", "no data"),
    ];
    expect(reconcile(analysisAt1(runs), at(181))).toEqual([
      {
        type: "pause",
        reason: 'Gate "errors" has its sample and still can\'t decide (3 runs in a row) at step 2: no data',
      },
    ]);
    const resumed = analysisAt1(runs);
    resumed.steps[1].verdictsSince = at(181);
    expect(reconcile(resumed, at(182))[0]).toMatchObject({ type: "holdInconclusive" });
    expect(reconcile(analysisAt1(runs, { maxInconclusive: 4 }), at(181))[0]).toMatchObject({
      type: "holdInconclusive",
    });
    const broken = [
      verdict(1, "inconclusive", 60),
      verdict(1, "pass", 120),
      verdict(1, "inconclusive", 180),
      verdict(1, "inconclusive", 240),
    ];
    expect(reconcile(analysisAt1(broken), at(241))[0]).toMatchObject({ type: "holdInconclusive" });
  });

  it("with listed gates, every one must pass", () => {
    const plan: PlanStep[] = [{ kind: "analysis", gates: ["errors", "latency"], intervalSeconds: 30 }];
    const s = snapshot(plan, { stepStartedAt: at(0) }, { analysis: [verdict(0, "pass", 30, "errors")] });
    expect(reconcile(s, at(45))).toEqual([
      { type: "holdForData", reason: 'Step 1 waits for data: "latency" (no result yet)' },
      { type: "waitUntil", at: at(60) },
    ]);
    s.analysis.push(verdict(0, "pass", 60, "latency"));
    expect(reconcile(s, at(61))).toEqual([{ type: "completeStep", stepIndex: 0 }]);
  });
});

describe("experiment (A/B, bandit)", () => {
  const ab = {
    split: { champion: 5_000, challenger: 5_000 },
    stickiness: { header: "x-user-id" },
    durationSeconds: 3_600,
    sampleSizePerArm: 100,
  };
  const abPlan = defaultPlan("ab_test", ab);

  it("pending: turn on the split, start", () => {
    expect(reconcile(snapshot(abPlan, { strategy: "ab_test", config: ab }), at(0))).toEqual([
      {
        type: "setWeights",
        weights: { champion: 5_000, challenger: 5_000 },
        stepIndex: 0,
        reason: "Step 1 of 3: champion 50 %, challenger 50 %",
      },
      { type: "startStep", stepIndex: 0 },
    ]);
  });

  it("running: guardrails each interval, done at the planned duration, a guardrail fail rolls back", () => {
    const running = (analysis: SnapshotVerdict[] = []) =>
      snapshot(
        abPlan,
        {
          strategy: "ab_test",
          config: { ...ab, analysisIntervalSeconds: 60 },
          stepStartedAt: at(0),
          desiredWeights: ab.split,
        },
        { analysis },
      );
    expect(reconcile(running(), at(10))).toEqual([{ type: "waitUntil", at: at(60) }]);
    expect(reconcile(running(), at(60))).toEqual([
      { type: "runAnalysis", stepIndex: 0 },
      { type: "waitUntil", at: at(3_600) },
    ]);
    expect(reconcile(running([verdict(0, "pass", 60)]), at(70))).toEqual([{ type: "waitUntil", at: at(120) }]);
    expect(reconcile(running(), at(3_600))).toEqual([{ type: "completeStep", stepIndex: 0 }]);
    expect(reconcile(running([verdict(0, "fail", 60, "srm")]), at(70))).toEqual([
      { type: "rollback", reason: 'Gate "srm" failed at step 1' },
    ]);
  });

  it("bandit: equal split, then one reallocation per round", () => {
    const three: PlanVariant[] = [...two, { key: "c3", role: "challenger" }];
    const config = {
      rewardMetric: "click",
      reallocationIntervalSeconds: 600,
      analysisIntervalSeconds: 60,
      durationSeconds: 3_600,
    };
    const plan = defaultPlan("bandit", config);
    const pending = snapshot(plan, { strategy: "bandit", config }, { variants: three });
    expect(reconcile(pending, at(0))[0]).toMatchObject({
      type: "setWeights",
      weights: { champion: 3_334, challenger: 3_333, c3: 3_333 },
    });
    const running = snapshot(
      plan,
      {
        strategy: "bandit",
        config,
        stepStartedAt: at(0),
        desiredWeights: { champion: 2_000, challenger: 5_000, c3: 3_000 },
      },
      { variants: three, analysis: [verdict(0, "pass", 1_230)] },
    );
    expect(reconcile(running, at(1_250))).toEqual([
      { type: "reallocate", stepIndex: 0, round: 2 },
      { type: "waitUntil", at: at(1_290) },
    ]);
    expect(reconcile(running, at(300))).toEqual([{ type: "waitUntil", at: at(600) }]);
  });
});

describe("finishing", () => {
  it("plan finished with the challenger at 100 %: complete", () => {
    const s = snapshot(weightStep, { currentStepIndex: 3, desiredWeights: w(10_000) });
    expect(reconcile(s, at(0))).toEqual([{ type: "complete", weights: w(10_000) }]);
  });

  it("promoting: drive to 100 %, wait for routers, then complete", () => {
    const s = snapshot(weightStep, {
      status: "promoting",
      currentStepIndex: 1,
      stepStartedAt: at(0),
      desiredWeights: w(1_000),
    });
    expect(reconcile(s, at(1))).toEqual([
      { type: "setWeights", weights: w(10_000), stepIndex: null, reason: "Promoted: champion 0 %, challenger 100 %" },
    ]);
    const pushed = snapshot(weightStep, {
      status: "promoting",
      currentStepIndex: 1,
      desiredWeights: w(10_000),
      configVersion: 2,
      inSync: false,
    });
    expect(reconcile(pushed, at(2))[0].type).toBe("waitForSync");
    pushed.rollout.inSync = true;
    pushed.routers.forEach((r) => (r.appliedVersion = 2));
    expect(reconcile(pushed, at(3))).toEqual([{ type: "complete", weights: w(10_000) }]);
  });

  it("promoting ignores analysis verdicts: the person chose to go to 100 %", () => {
    const s = snapshot(
      weightStep,
      { status: "promoting", currentStepIndex: 1, stepStartedAt: at(0), desiredWeights: w(10_000) },
      { analysis: [verdict(1, "fail", 5)] },
    );
    expect(reconcile(s, at(6))).toEqual([{ type: "complete", weights: w(10_000) }]);
  });

  it("shadow ends with users still on the champion", () => {
    const s = snapshot(defaultPlan("shadow"), { strategy: "shadow", currentStepIndex: 2 });
    expect(reconcile(s, at(0))).toEqual([{ type: "complete", weights: CHAMPION }]);
  });

  it("several challengers and no winner: pause with the plan problem instead of guessing", () => {
    const three: PlanVariant[] = [...two, { key: "c3", role: "challenger" }];
    const s = snapshot(
      defaultPlan("champion_challenger", {}, three),
      { strategy: "champion_challenger", currentStepIndex: 2 },
      { variants: three },
    );
    expect(reconcile(s, at(0))).toEqual([
      {
        type: "pause",
        reason: "The plan can't run: 2 challengers: say which one won (config.winner) before promoting",
      },
    ]);
  });

  it("feature flag kill switch: stop moving", () => {
    const s = snapshot(defaultPlan("feature_flag"), { strategy: "feature_flag", config: { killSwitch: true } });
    expect(reconcile(s, at(0))).toEqual([
      { type: "pause", reason: "Kill switch is on: everyone is served the champion" },
    ]);
  });
});

describe("determinism", () => {
  it("the same snapshot gives the same intents and is never mutated", () => {
    const s = analysisAt1([verdict(1, "inconclusive", 60)]);
    const frozen = structuredClone(s);
    deepFreeze(s);
    expect(reconcile(s, at(130))).toEqual(reconcile(s, at(130)));
    expect(s).toEqual(frozen);
  });
});

// A fake controller that executes intents the way the executor contract says (conditional,
// repeatable), with routers that confirm on waitForSync, a clock that jumps on waitUntil and
// gates that pass. `crashEvery` drops the tail of every nth intent list: a restart mid-step.
function simulate(
  strategy: Strategy,
  config: StrategyConfig,
  variants: PlanVariant[] = two,
  crashEvery = 0,
  verdictFor: (stepIndex: number) => SnapshotVerdict["verdict"] = () => "pass",
) {
  const plan = defaultPlan(strategy, config, variants);
  const s = snapshot(plan, { strategy, config }, { variants });
  s.variants = variants;
  s.rollout.desiredWeights = Object.fromEntries(variants.map((v) => [v.key, v.role === "champion" ? 10_000 : 0]));
  let now = at(0);
  const log: string[] = [];
  const pushed: Weights[] = [];
  for (let tick = 0; tick < 2_000 && s.rollout.status === "progressing"; tick++) {
    now = new Date(now.getTime() + 1000);
    let intents = reconcile(s, now);
    if (crashEvery && tick % crashEvery === crashEvery - 1) intents = intents.slice(0, Math.max(0, intents.length - 1));
    for (const intent of intents) {
      const step = "stepIndex" in intent && intent.stepIndex !== null ? s.steps[intent.stepIndex] : undefined;
      switch (intent.type) {
        case "setWeights":
          s.rollout.desiredWeights = intent.weights;
          s.rollout.configVersion++;
          s.rollout.inSync = false;
          pushed.push(intent.weights);
          break;
        case "setMirror":
          s.rollout.configVersion++;
          s.rollout.inSync = false;
          log.push(`mirror ${intent.sampleBasisPoints}`);
          break;
        case "startStep":
          if (step!.status === "pending") {
            step!.status = "running";
            s.rollout.stepStartedAt = now;
            log.push(`start ${intent.stepIndex}`);
          }
          break;
        case "completeStep":
        case "awaitPromotion":
          if (s.rollout.currentStepIndex === intent.stepIndex) {
            step!.status = "completed";
            s.rollout.currentStepIndex++;
            s.rollout.stepStartedAt = null;
            log.push(`complete ${intent.stepIndex}`);
          }
          break;
        case "runAnalysis":
          for (const gate of (plan[intent.stepIndex] as { gates?: string[] }).gates ?? ["errors"]) {
            s.analysis.push({
              stepIndex: intent.stepIndex,
              verdict: verdictFor(intent.stepIndex),
              createdAt: now,
              gate,
            });
          }
          break;
        case "waitForSync":
          s.routers.forEach((r) => (r.appliedVersion = s.rollout.configVersion));
          s.rollout.inSync = true;
          break;
        case "waitUntil":
          now = new Date(Math.max(now.getTime(), intent.at.getTime()));
          break;
        case "complete":
          s.rollout.status = "completed";
          s.rollout.desiredWeights = intent.weights;
          break;
        case "rollback":
          s.rollout.status = "rolled_back";
          break;
        case "pause":
          s.rollout.status = "paused";
          break;
        default:
          break;
      }
    }
  }
  return { s, log, pushed, plan };
}

const fullRuns: [Strategy, StrategyConfig, PlanVariant[]][] = [
  ["direct", {}, two],
  ["canary", {}, two],
  ["blue_green", { warmSeconds: 300 }, two],
  ["shadow", { mirrorRoutes: ["/predict"], sampleBasisPoints: 2_500 }, two],
  [
    "ab_test",
    { split: { champion: 5_000, challenger: 5_000 }, stickiness: { header: "x-user-id" }, durationSeconds: 3_600 },
    two,
  ],
  ["feature_flag", { percentage: 100, schedule: [{ at: at(7_200).toISOString(), weight: 2_500 }] }, two],
  ["champion_challenger", { winner: "c3" }, [...two, { key: "c3", role: "challenger" }]],
  [
    "bandit",
    { rewardMetric: "click", durationSeconds: 7_200, reallocationIntervalSeconds: 600 },
    [...two, { key: "c3", role: "challenger" }],
  ],
];

describe("whole runs with a fake controller", () => {
  it.each(fullRuns)(
    "%s: every step starts and completes once, in order, then the rollout completes",
    (strategy, config, variants) => {
      for (const crashEvery of [0, 2, 3]) {
        const { s, log, plan } = simulate(strategy, config, variants, crashEvery);
        expect(s.rollout.status).toBe("completed");
        const expected = plan.flatMap((_, i) => [`start ${i}`, `complete ${i}`]);
        expect(log.filter((l) => !l.startsWith("mirror"))).toEqual(expected);
        expect(s.steps.every((st) => st.status === "completed")).toBe(true);
      }
    },
  );

  it("canary pushes exactly 1 → 10 → 50 → 100 %, once each, never backwards", () => {
    for (const crashEvery of [0, 2, 3]) {
      const { pushed } = simulate("canary", {}, two, crashEvery);
      expect(pushed.map((p) => p.challenger)).toEqual([100, 1_000, 5_000, 10_000]);
    }
  });

  it("shadow never pushes challenger weight and ends on the champion", () => {
    const { s, pushed, log } = simulate("shadow", { mirrorRoutes: ["/predict"], sampleBasisPoints: 2_500 });
    expect(pushed).toEqual([]);
    expect(log).toContain("mirror 2500");
    expect(s.rollout.desiredWeights).toEqual(CHAMPION);
  });

  it("feature flag waits for its scheduled time before widening", () => {
    const { pushed } = simulate("feature_flag", {
      percentage: 100,
      schedule: [{ at: at(7_200).toISOString(), weight: 2_500 }],
    });
    expect(pushed.map((p) => p.challenger)).toEqual([100, 2_500, 10_000]);
  });
});

describe("whole runs that stop", () => {
  it("a canary gate fails at 10 %: rolled back, 50 % never pushed", () => {
    const { s, pushed } = simulate("canary", {}, two, 0, (i) => (i === 7 ? "fail" : "pass"));
    expect(s.rollout.status).toBe("rolled_back");
    expect(pushed.map((p) => p.challenger)).toEqual([100, 1_000]);
  });

  it("a gate stays inconclusive: paused after maxInconclusive runs, never promoted", () => {
    const { s, pushed } = simulate("canary", { maxInconclusive: 2 }, two, 2, (i) =>
      i === 4 ? "inconclusive" : "pass",
    );
    expect(s.rollout.status).toBe("paused");
    expect(s.analysis.filter((v) => v.stepIndex === 4)).toHaveLength(2);
    expect(pushed.map((p) => p.challenger)).toEqual([100]);
  });
});

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
