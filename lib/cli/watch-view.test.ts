import pc from "picocolors";
import { describe, expect, it } from "vitest";
import type { ApiRollout } from "./api-types";
import { challengerShare, renderSnapshot, snapshotLine, watchOutcome } from "./watch-view";

const plain = pc.createColors(false);

function rollout(over: Partial<ApiRollout> = {}): ApiRollout {
  return {
    id: "r1",
    name: "ticket-router 1.6.0",
    description: "",
    strategy: "canary",
    status: "progressing",
    phase: "beta",
    statusReason: null,
    revision: 4,
    planHash: "a".repeat(64),
    allowedCommands: [],
    system: { id: "s1", slug: "ticket-classifier", name: "Support Ticket Classifier" },
    author: { id: "u1", name: "Rick Release" },
    createdAt: "2026-12-03T09:00:00Z",
    startedAt: "2026-12-03T09:00:00Z",
    endedAt: null,
    currentStepIndex: 1,
    stepStartedAt: "2026-12-03T09:00:00Z",
    desiredWeights: { champion: 7500, challenger: 2500 },
    inSync: true,
    variants: [
      { key: "champion", role: "champion", version: "1.4.0", model: "ticket-router", versionId: "v1" },
      { key: "challenger", role: "challenger", version: "1.6.0", model: "ticket-router", versionId: "v2" },
    ],
    steps: [
      { index: 0, kind: "set_weight", params: { weight: 1000 }, status: "completed" },
      { index: 1, kind: "set_weight", params: { weight: 2500 }, status: "running" },
      { index: 2, kind: "set_weight", params: { weight: 10_000 }, status: "pending" },
    ],
    routers: [
      {
        id: "x",
        name: "edge-builtin",
        type: "builtin",
        health: "healthy",
        desiredVersion: 3,
        appliedVersion: 2,
        inSync: false,
        servedWeights: null,
        lastError: null,
      },
    ],
    ...over,
  };
}

describe("watchOutcome", () => {
  it("ends on the target, or on anything past it except failing", () => {
    expect(watchOutcome("progressing", "completed")).toBe("pending");
    expect(watchOutcome("completed", "completed")).toBe("reached");
    expect(watchOutcome("progressing", "ready")).toBe("reached");
    expect(watchOutcome("awaiting_approval", "ready")).toBe("pending");
    expect(watchOutcome("completed", "paused")).toBe("pending");
  });

  it("a rollback or an abort ends a watch that wanted something else, with its own outcome", () => {
    expect(watchOutcome("rolled_back", "completed")).toBe("rolled_back");
    expect(watchOutcome("aborted", "ready")).toBe("aborted");
    expect(watchOutcome("rolled_back", "rolled_back")).toBe("reached");
    expect(watchOutcome("rolled_back")).toBe("rolled_back");
  });

  it("without a target, watches until the rollout ends", () => {
    expect(watchOutcome("paused")).toBe("pending");
    expect(watchOutcome("completed")).toBe("reached");
  });
});

describe("the live view", () => {
  it("shows step n of m, an exposure bar with the challenger's share, gates and routers", () => {
    const lines = renderSnapshot(
      {
        rollout: rollout(),
        gates: [
          { gate: "error-rate", verdict: "pass", reason: null, at: "" },
          { gate: "latency-p95", verdict: "fail", reason: "p95 is 48 ms vs 21 ms", at: "" },
        ],
      },
      plain,
      Date.parse("2026-12-03T09:01:05Z"),
    );
    expect(lines[0]).toBe("ticket-router 1.6.0 · Support Ticket Classifier · canary · 1.4.0 → 1.6.0");
    expect(lines[1]).toBe("Status    progressing (beta phase, revision 4)");
    expect(lines[2]).toBe("Step      2 of 3  Send 25 % to the challenger  running for 1m 05s");
    expect(lines[3]).toBe(`Exposure  ${"█".repeat(8)}${"░".repeat(22)} 25 % to 1.6.0`);
    expect(lines[4]).toBe("Gates     ✓ error-rate  ✗ latency-p95");
    expect(lines[5]).toBe("          p95 is 48 ms vs 21 ms");
    expect(lines[6]).toBe("Routers   … edge-builtin applying v3 (has v2)");
    expect(lines.join("\n")).not.toMatch(/\u001b\[/);
  });

  it("prints one plain line per change for logs", () => {
    expect(
      snapshotLine({ rollout: rollout(), gates: [{ gate: "g", verdict: "inconclusive", reason: null, at: "" }] }),
    ).toBe(
      "progressing · step 2/3 Send 25 % to the challenger · exposure 25 % · gates 0 pass, 0 fail, 1 waiting · routers 0/1 in sync",
    );
  });

  it("adds every challenger's share", () => {
    const r = rollout({
      desiredWeights: { champion: 5000, "challenger-1": 2500, "challenger-2": 2500 },
      variants: [
        { key: "champion", role: "champion", version: "1", model: "m", versionId: "a" },
        { key: "challenger-1", role: "challenger", version: "2", model: "m", versionId: "b" },
        { key: "challenger-2", role: "challenger", version: "3", model: "m", versionId: "c" },
      ],
    });
    expect(challengerShare(r)).toBe(5000);
  });
});
