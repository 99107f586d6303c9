import { describe, expect, it } from "vitest";
import type { RolloutStatus } from "@/lib/strategies/plan";
import { deriveSystemStatus } from "./derive-system-status";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));

function rollout(
  status: RolloutStatus,
  over: Partial<Parameters<typeof deriveSystemStatus>[0]["rollouts"][number]> = {},
) {
  return {
    name: `ticket-router 1.5.0 ${status}`,
    strategy: "canary",
    status,
    exposurePhase: "beta",
    desiredWeights: { champion: 9000, challenger: 1000 },
    startedAt: at(0),
    endedAt: ["completed", "aborted", "rolled_back"].includes(status) ? at(30) : null,
    variants: [
      { key: "champion", role: "champion", version: { version: "1.4.0" } },
      { key: "challenger", role: "challenger", version: { version: "1.5.0" } },
    ],
    ...over,
  };
}

function incident(severity: string, status = "investigating") {
  return {
    id: `inc-${severity}-${status}`,
    title: `Errors on billing (${severity})`,
    severity,
    status,
    createdAt: at(5),
    resolvedAt: status === "resolved" ? at(20) : null,
    updates: [{ status, message: "Looking into it", createdAt: at(6) }],
  };
}

const system = (over: Partial<Parameters<typeof deriveSystemStatus>[0]> = {}) => ({
  slug: "ticket-classifier",
  name: "Support Ticket Classifier",
  championVersion: { version: "1.4.0", model: { name: "ticket-router" } },
  rollouts: [],
  incidents: [],
  ...over,
});

describe("deriveSystemStatus", () => {
  it("is operational with nothing going on, and says what serves", () => {
    const s = deriveSystemStatus(system());
    expect(s).toMatchObject({ status: "operational", serving: "ticket-router 1.4.0", rollout: null, history: [] });
  });

  it("shows an active rollout with its exposure in percent, versions and phase", () => {
    const s = deriveSystemStatus(system({ rollouts: [rollout("progressing")] }));
    expect(s.status).toBe("rollout_in_progress");
    expect(s.rollout).toEqual({
      name: "ticket-router 1.5.0 progressing",
      strategy: "canary",
      status: "progressing",
      from: "1.4.0",
      to: ["1.5.0"],
      exposurePercent: 10,
      phase: "beta",
      startedAt: at(0).toISOString(),
    });
  });

  it("counts paused and promoting rollouts as in progress, never drafts or approved ones", () => {
    for (const status of ["paused", "promoting"] as const)
      expect(deriveSystemStatus(system({ rollouts: [rollout(status)] })).status).toBe("rollout_in_progress");
    for (const status of ["draft", "awaiting_approval", "ready"] as const)
      expect(deriveSystemStatus(system({ rollouts: [rollout(status, { startedAt: null })] })).rollout).toBeNull();
  });

  it("sums every challenger's share, and a shadow exposes nobody", () => {
    const three = rollout("progressing", {
      strategy: "champion_challenger",
      desiredWeights: { champion: 6000, a: 2500, b: 1500 },
      variants: [
        { key: "champion", role: "champion", version: { version: "1.4.0" } },
        { key: "a", role: "challenger", version: { version: "1.5.0" } },
        { key: "b", role: "challenger", version: { version: "1.6.0" } },
      ],
    });
    expect(deriveSystemStatus(system({ rollouts: [three] })).rollout).toMatchObject({
      exposurePercent: 40,
      to: ["1.5.0", "1.6.0"],
    });
    const shadow = rollout("progressing", { strategy: "shadow", desiredWeights: { champion: 10000 } });
    expect(deriveSystemStatus(system({ rollouts: [shadow] })).rollout?.exposurePercent).toBe(0);
  });

  it("a minor open incident degrades; a major or critical one is an incident; resolved ones don't count", () => {
    expect(deriveSystemStatus(system({ incidents: [incident("minor")] })).status).toBe("degraded");
    expect(deriveSystemStatus(system({ incidents: [incident("major")] })).status).toBe("incident");
    expect(deriveSystemStatus(system({ incidents: [incident("critical")] })).status).toBe("incident");
    expect(deriveSystemStatus(system({ incidents: [incident("critical", "resolved")] })).status).toBe("operational");
    // An incident outranks a rollout in progress.
    const both = deriveSystemStatus(system({ rollouts: [rollout("progressing")], incidents: [incident("minor")] }));
    expect(both.status).toBe("degraded");
    expect(both.rollout).not.toBeNull();
  });

  it("lists incidents with their updates as ISO times, resolved ones included", () => {
    const s = deriveSystemStatus(system({ incidents: [incident("major", "resolved")] }));
    expect(s.incidents).toEqual([
      {
        id: "inc-major-resolved",
        title: "Errors on billing (major)",
        severity: "major",
        status: "resolved",
        createdAt: at(5).toISOString(),
        resolvedAt: at(20).toISOString(),
        updates: [{ status: "resolved", message: "Looking into it", at: at(6).toISOString() }],
      },
    ]);
  });

  it("history holds ended rollouts (at most ten) with their outcome, not the active one", () => {
    const ended = Array.from({ length: 12 }, (_, i) => rollout(i % 2 ? "completed" : "rolled_back", { name: `r${i}` }));
    const s = deriveSystemStatus(system({ rollouts: [rollout("progressing"), ...ended] }));
    expect(s.history).toHaveLength(10);
    expect(s.history[0]).toEqual({
      name: "r0",
      strategy: "canary",
      outcome: "rolled_back",
      from: "1.4.0",
      to: ["1.5.0"],
      endedAt: at(30).toISOString(),
    });
    expect(s.history.map((h) => h.name)).not.toContain("ticket-router 1.5.0 progressing");
  });

  it("serves nothing before a champion is set", () => {
    expect(deriveSystemStatus(system({ championVersion: null })).serving).toBeNull();
  });
});
