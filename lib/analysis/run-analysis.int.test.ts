import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { ingestOutcomes } from "@/lib/ingest/ingest-outcomes";
import type { OutcomeEventInput } from "@/lib/ingest/schemas";
import { computeBanditWeights, pickChallengerWinner } from "./bandit-weights";
import type { GateInput } from "./default-gates";
import { runRolloutAnalysis } from "./run-analysis";
import { seedRollout } from "./testing-rollout";
import { feedRouter } from "./testing-feed";

let t: TestDatabase;
const now = new Date();
const hourAgo = new Date(now.getTime() - 3_600_000);
const trafficGates: GateInput[] = [
  { name: "error-rate", metric: "error_rate", threshold: 0.05, passMargin: 1, absoluteFloor: 0.005, minSamples: 500 },
  { name: "latency-p95", metric: "latency_p95", threshold: 0.5, minSamples: 500 },
  { name: "critical-errors", metric: "critical_errors", max: 0 },
];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe("runRolloutAnalysis", () => {
  it("fails a bad challenger and stores the evidence of every gate", async () => {
    const { rolloutId, appliedAt } = await seedRollout(t.db, { gates: trafficGates, appliedAt: hourAgo });
    await feedRouter(
      t.db,
      rolloutId,
      [
        { variant: "champion", requestsPerBucket: 90, errorRate: 0.01 },
        { variant: "challenger", requestsPerBucket: 10, errorRate: 0.2 },
      ],
      { end: now, buckets: 300 },
    );
    const r = await runRolloutAnalysis(t.db, { rolloutId, stepIndex: 1, now });
    expect(r.verdict).toBe("fail");
    expect(r.reason).toMatch(/error-rate: error rate 20\.00 % on challenger vs 1\.11 %/);
    expect(r.runs.map((x) => [x.gate, x.verdict])).toEqual([
      ["error-rate", "fail"],
      ["latency-p95", "pass"],
      ["critical-errors", "pass"],
    ]);
    const stored = await t.db.analysisRun.findMany({ where: { rolloutId } });
    expect(stored).toHaveLength(3);
    const ev = stored.find((s) => s.gate === "error-rate")!.evidence as Record<string, unknown>;
    expect(ev).toMatchObject({
      reason: expect.any(String),
      threshold: 0.05,
      correction: { method: "holm", familySize: 2 },
    });
    expect((ev.comparisons as { champion: { n: number } }[])[0].champion.n).toBe(27_000);
    expect(stored[0].windowStart.getTime()).toBe(appliedAt.getTime());
    expect(await t.db.auditEvent.count({ where: { action: "analysis.fail", entityId: rolloutId } })).toBe(1);
  });

  it("passes a good challenger", async () => {
    const { rolloutId } = await seedRollout(t.db, { gates: trafficGates, appliedAt: hourAgo });
    await feedRouter(
      t.db,
      rolloutId,
      [
        { variant: "champion", requestsPerBucket: 90, errorRate: 0.01 },
        { variant: "challenger", requestsPerBucket: 10, errorRate: 0.01 },
      ],
      { end: now, buckets: 350 },
    );
    const r = await runRolloutAnalysis(t.db, { rolloutId, stepIndex: 1, now });
    expect(r.runs.map((x) => [x.gate, x.verdict, (x.evidence as { reason: string }).reason])).toEqual([
      ["error-rate", "pass", expect.stringMatching(/within limits/)],
      ["latency-p95", "pass", expect.any(String)],
      ["critical-errors", "pass", expect.any(String)],
    ]);
    expect(r.verdict).toBe("pass");
  });

  it("waits for data without any (never passes), and says so per gate", async () => {
    const { rolloutId } = await seedRollout(t.db, { appliedAt: hourAgo });
    const r = await runRolloutAnalysis(t.db, { rolloutId, stepIndex: 1, now });
    expect(r.verdict).toBe("waiting");
    expect(r.runs.map((x) => x.gate)).toEqual([
      "error-rate",
      "latency-p95",
      "accuracy",
      "critical-errors",
      "complaints",
    ]);
    expect(r.runs.every((x) => x.verdict === "waiting")).toBe(true);
    expect(r.reason).toMatch(/error-rate: .*no challenger data in the window yet/);
  });

  it("waits while a router has not applied the weights, whatever the data says", async () => {
    const { rolloutId } = await seedRollout(t.db, { gates: trafficGates, appliedAt: hourAgo, applied: false });
    await feedRouter(
      t.db,
      rolloutId,
      [
        { variant: "champion", requestsPerBucket: 90, errorRate: 0.01 },
        { variant: "challenger", requestsPerBucket: 10, errorRate: 0.01 },
      ],
      { end: now, buckets: 350 },
    );
    const r = await runRolloutAnalysis(t.db, { rolloutId, stepIndex: 1, now });
    expect(r.verdict).toBe("waiting");
    expect(r.reason).toMatch(/not yet applied on router-/);
  });

  it("fails a challenger that is worse only on billing tickets", async () => {
    const { rolloutId } = await seedRollout(t.db, {
      gates: [{ name: "accuracy", metric: "accuracy", threshold: 0.1, minSamples: 200 }],
      appliedAt: hourAgo,
    });
    const events: OutcomeEventInput[] = [];
    const add = (variant: string, segment: string, n: number, correct: number) => {
      for (let i = 0; i < n; i++) {
        events.push({
          eventId: `${rolloutId}-${variant}-${segment}-${i}`,
          rolloutId,
          variant,
          segment,
          kind: "label",
          value: i < correct ? 1 : 0,
          occurredAt: new Date(now.getTime() - 1_000_000 + i * 100).toISOString(),
        });
      }
    };
    add("champion", "billing", 1_500, 1_350);
    add("champion", "technical", 4_500, 4_050);
    add("challenger", "billing", 500, 300);
    add("challenger", "technical", 1_500, 1_400);
    expect((await ingestOutcomes(t.db, events)).accepted).toBe(8_000);
    const r = await runRolloutAnalysis(t.db, { rolloutId, stepIndex: 1, now });
    expect(r.verdict).toBe("fail");
    expect(r.reason).toMatch(/accuracy 60\.00 % on challenger vs 90\.00 %.*on segment billing/);
    const comparisons = (r.runs[0].evidence as { comparisons: { segment: string; decision: string }[] }).comparisons;
    expect(comparisons.find((c) => c.segment === "*")?.decision).not.toBe("fail");
  });

  it("makes a Prometheus gate inconclusive with the provider error in the evidence", async () => {
    const { rolloutId } = await seedRollout(t.db, {
      gates: [
        {
          name: "prom",
          metric: "prometheus",
          url: "http://127.0.0.1:9",
          query: 'sum(rate(x{variant="{{variant}}"}[{{window}}]))',
          threshold: 0.1,
        },
      ],
      appliedAt: hourAgo,
    });
    const r = await runRolloutAnalysis(t.db, { rolloutId, stepIndex: 1, now });
    expect(r.verdict).toBe("inconclusive");
    expect(r.runs[0].evidence).toMatchObject({
      reason: expect.stringMatching(/Prometheus error/),
      results: [expect.objectContaining({ error: expect.stringMatching(/unreachable/) }), expect.anything()],
    });
  });
});

describe("bandit and champion/challenger", () => {
  it("Thompson sampling moves weight to the better arm, never below the floor", async () => {
    const { rolloutId } = await seedRollout(t.db, {
      strategy: "bandit",
      challengers: ["b", "c"],
      weights: { champion: 3_334, b: 3_333, c: 3_333 },
      config: { rewardMetric: "reward", floorBasisPoints: 1_000 },
      gates: trafficGates,
      appliedAt: hourAgo,
    });
    const events: OutcomeEventInput[] = [];
    for (const [variant, rate] of [
      ["champion", 0.3],
      ["b", 0.6],
      ["c", 0.3],
    ] as const) {
      for (let i = 0; i < 400; i++)
        events.push({
          eventId: `${rolloutId}-${variant}-${i}`,
          rolloutId,
          variant,
          kind: "reward",
          value: i < 400 * rate ? 1 : 0,
          occurredAt: new Date(now.getTime() - 600_000).toISOString(),
        });
    }
    await ingestOutcomes(t.db, events);
    const w = await computeBanditWeights(t.db, { rolloutId, now });
    expect(w).not.toBeNull();
    expect(Object.values(w!).reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(w!.b).toBeGreaterThan(7_000);
    expect(Math.min(...Object.values(w!))).toBeGreaterThanOrEqual(1_000);
    expect(await computeBanditWeights(t.db, { rolloutId, now })).toEqual(w);
  });

  it("returns null with no rewards yet", async () => {
    const { rolloutId } = await seedRollout(t.db, {
      strategy: "bandit",
      config: { rewardMetric: "reward" },
      appliedAt: hourAgo,
    });
    expect(await computeBanditWeights(t.db, { rolloutId, now })).toBeNull();
  });

  it("picks the challenger that wins on the primary metric, not one that regresses a guardrail", async () => {
    const { rolloutId } = await seedRollout(t.db, {
      strategy: "champion_challenger",
      challengers: ["good", "fast-but-broken"],
      weights: { champion: 8_000, good: 1_000, "fast-but-broken": 1_000 },
      config: { primaryMetric: "conversion" },
      gates: trafficGates,
      appliedAt: hourAgo,
    });
    await feedRouter(
      t.db,
      rolloutId,
      [
        { variant: "champion", requestsPerBucket: 80, errorRate: 0.01 },
        { variant: "good", requestsPerBucket: 10, errorRate: 0.01 },
        { variant: "fast-but-broken", requestsPerBucket: 10, errorRate: 0.1 },
      ],
      { end: now, buckets: 300 },
    );
    const events: OutcomeEventInput[] = [];
    const conv = (variant: string, n: number) => {
      for (let i = 0; i < n; i++)
        events.push({
          eventId: `${rolloutId}-${variant}-${i}`,
          rolloutId,
          variant,
          kind: "conversion",
          value: 1,
          occurredAt: new Date(now.getTime() - 1_000_000).toISOString(),
        });
    };
    conv("champion", 2_400); // 10 % of 24 000
    conv("good", 600); // 20 % of 3 000
    conv("fast-but-broken", 900); // 30 %, but 10 % errors
    await ingestOutcomes(t.db, events);
    expect(await pickChallengerWinner(t.db, { rolloutId, now })).toBe("good");
  });
});
