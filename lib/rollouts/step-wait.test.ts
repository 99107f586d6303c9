import { describe, expect, it } from "vitest";
import type { GateProgress } from "../analysis/gate-progress";
import { describeStepWait, type StepWaitInput } from "./step-wait";

const started = "2026-12-03T10:00:00.000Z";
const base: StepWaitInput = {
  status: "progressing",
  statusReason: null,
  currentStepIndex: 1,
  stepStartedAt: started,
  steps: [
    { index: 0, kind: "set_weight", params: { weight: 1_000 } },
    { index: 1, kind: "analysis", params: {} },
    { index: 2, kind: "pause", params: { durationSeconds: 600 } },
    { index: 3, kind: "pause", params: {} },
  ],
  config: {},
  inSync: true,
  configVersion: 3,
  gates: [],
  pendingOverride: null,
};
const waiting: GateProgress = {
  gate: "error-rate",
  state: "waiting",
  have: 120,
  need: 1_051,
  noun: "requests",
  variant: "challenger",
  perMinute: 12,
  etaMinutes: 77.6,
  line: "Waiting for data: 120 of 1,051 requests on challenger, about 1 h 18 min at the current rate",
  reason: null,
};

describe("describeStepWait", () => {
  it("an analysis step waits for data until its maximum wait, then asks a person", () => {
    const w = describeStepWait({
      ...base,
      gates: [waiting, { ...waiting, gate: "accuracy", state: "pass", etaMinutes: null }],
    });
    expect(w).toMatchObject({
      waitsFor: "data",
      headline: "Step 2 waits for data for its gates (about 1 h 18 min at the current rate)",
      details: [`error-rate: ${waiting.line}`],
      until: "2026-12-04T10:00:00.000Z",
      untilMeans: "pauses and asks a person if still undecided",
    });
    const extended = describeStepWait({
      ...base,
      config: { maxWaitSeconds: 600 },
      steps: base.steps.map((s) => (s.index === 1 ? { ...s, waitUntil: "2026-12-03T11:30:00.000Z" } : s)),
      gates: [waiting],
    });
    expect(extended.until).toBe("2026-12-03T11:30:00.000Z");
    expect(describeStepWait({ ...base, config: { maxWaitSeconds: 600 }, gates: [waiting] }).until).toBe(
      "2026-12-03T10:10:00.000Z",
    );
  });

  it("a timed pause says until when; an open-ended one waits for a person", () => {
    expect(describeStepWait({ ...base, currentStepIndex: 2 })).toMatchObject({
      waitsFor: "time",
      until: "2026-12-03T10:10:00.000Z",
      untilMeans: "moves on by itself",
    });
    expect(describeStepWait({ ...base, currentStepIndex: 3 })).toMatchObject({
      waitsFor: "person",
      headline: "Step 4 holds until someone advances or promotes it",
      until: null,
    });
  });

  it("a paused rollout waits for a person and names the choices; a pending acceptance waits for the second person", () => {
    expect(describeStepWait({ ...base, status: "paused", statusReason: "Step 2 waited its maximum" })).toMatchObject({
      waitsFor: "person",
      details: [
        "Step 2 waited its maximum",
        "Resume, keep waiting, accept the step with a reason (a second person confirms), roll back, or abort.",
      ],
    });
    expect(
      describeStepWait({
        ...base,
        status: "paused",
        pendingOverride: { stepIndex: 1, requestedBy: "Rick" },
        gates: [waiting],
      }),
    ).toMatchObject({
      waitsFor: "person",
      headline: "Waiting for a second person to confirm accepting step 2 (asked by Rick)",
    });
  });

  it("routers, approvals and the end", () => {
    expect(describeStepWait({ ...base, inSync: false }).waitsFor).toBe("routers");
    expect(describeStepWait({ ...base, status: "awaiting_approval" }).waitsFor).toBe("person");
    expect(describeStepWait({ ...base, status: "completed" }).waitsFor).toBe("nothing");
  });
});
