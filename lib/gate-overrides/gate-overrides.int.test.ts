import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { createPeople, type People } from "../approvals/testing/governance-fixture";
import { seedRollout } from "../analysis/testing-rollout";

vi.mock("server-only", () => ({}));

const { resumeRollout } = await import("../rollouts/resume-rollout");
const { keepWaiting } = await import("./keep-waiting");
const { requestGateOverride } = await import("./request-gate-override");
const { confirmGateOverride } = await import("./confirm-gate-override");
const { cancelGateOverride } = await import("./cancel-gate-override");

let t: TestDatabase;
let people: People;

beforeAll(async () => {
  t = await createTestDatabase();
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  people = await createPeople(t.db);
});
afterAll(async () => {
  (globalThis as { switchyardDb?: unknown }).switchyardDb = undefined;
  await t?.drop();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** A canary paused at its analysis step (step 2), which may wait 5 min and started 10 min ago. */
async function pausedAtAnalysis(verdict: "waiting" | "inconclusive" | "fail" = "waiting") {
  const started = minutesAgo(10);
  const { rolloutId } = await seedRollout(t.db, {
    status: "paused",
    appliedAt: started,
    steps: [
      { kind: "set_weight", params: { weight: 1_000 }, startedAt: started },
      { kind: "analysis", params: { maxWaitSeconds: 300 }, startedAt: started },
      { kind: "set_weight", params: { weight: 10_000 } },
    ],
  });
  await t.db.rollout.update({
    where: { id: rolloutId },
    data: { statusReason: "Step 2 waited its maximum (until …) and is not decided" },
  });
  for (const gate of ["error-rate", "accuracy"])
    await t.db.analysisRun.create({
      data: {
        rolloutId,
        stepIndex: 1,
        gate,
        verdict: gate === "accuracy" ? "pass" : verdict,
        evidence: { reason: gate === "accuracy" ? "within limits" : "error rate 0.00 %: 412 of 1051 on challenger" },
        windowStart: started,
        windowEnd: minutesAgo(1),
        createdAt: minutesAgo(1),
      },
    });
  return rolloutId;
}

const rollout = (id: string) => t.db.rollout.findUniqueOrThrow({ where: { id } });
const step = (id: string, index: number) =>
  t.db.planStep.findUniqueOrThrow({ where: { rolloutId_index: { rolloutId: id, index } } });

describe("a rollout paused at an undecided step", () => {
  it("resume is refused with the reason and the choices when the step already waited its maximum", async () => {
    const id = await pausedAtAnalysis();
    await expect(resumeRollout({ ctx: people.author.ctx, input: { rolloutId: id } })).rejects.toThrow(
      /Can't resume: it would stop again at once\. Step 2 waited its maximum .*Keep waiting .* accept the step with a reason/,
    );
    expect((await rollout(id)).status).toBe("paused");
    expect(await t.db.auditEvent.count({ where: { entityId: id, action: "rollout.resume" } })).toBe(0);
  });

  it("keep waiting gives the step more time from now and the rollout goes on, audited with the new limit", async () => {
    const id = await pausedAtAnalysis();
    const before = Date.now();
    const { rollout: after } = await keepWaiting({ ctx: people.author.ctx, input: { rolloutId: id, minutes: 30 } });
    expect(after.status).toBe("progressing");
    const s = await step(id, 1);
    expect(s.waitUntil!.getTime()).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(s.waitUntil!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
    expect(s.verdictsSince!.getTime()).toBeGreaterThanOrEqual(before);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "rollout.keep_waiting" } });
    expect(event.meta).toMatchObject({ minutes: 30, waitUntil: s.waitUntil!.toISOString() });
    // It waits for data again instead of pausing straight away.
    expect((await rollout(id)).status).toBe("progressing");
  });

  it("accepting takes a written reason and a second person; the step then completes, noted as accepted", async () => {
    const id = await pausedAtAnalysis("inconclusive");
    const reason = "412 requests without an error over the night; the sample needs days at this traffic";
    await expect(requestGateOverride({ ctx: people.viewer.ctx, input: { rolloutId: id, reason } })).rejects.toThrow(
      /overrides\.request/,
    );
    const asked = await requestGateOverride({ ctx: people.author.ctx, input: { rolloutId: id, reason } });
    expect(asked).toMatchObject({ status: "pending", stepIndex: 1, requestedById: people.author.id });
    // Every gate of the step that had not passed, as it stood: the passing accuracy gate is not among them.
    expect(asked.gates).toEqual([
      { gate: "error-rate", verdict: "inconclusive", reason: "error rate 0.00 %: 412 of 1051 on challenger" },
      { gate: "latency-p95", verdict: "not run", reason: null },
      { gate: "critical-errors", verdict: "not run", reason: null },
      { gate: "complaints", verdict: "not run", reason: null },
    ]);
    await expect(requestGateOverride({ ctx: people.release2.ctx, input: { rolloutId: id, reason } })).rejects.toThrow(
      /already asked to accept step 2/,
    );
    expect((await rollout(id)).status).toBe("paused");

    await expect(confirmGateOverride({ ctx: people.author.ctx, input: { overrideId: asked.id } })).rejects.toThrow(
      /You asked to accept this step, so you can't confirm it/,
    );
    expect(
      await t.db.auditEvent.count({ where: { entityId: asked.id, action: "gate_override.confirm.refused" } }),
    ).toBe(1);

    await confirmGateOverride({ ctx: people.approver1.ctx, input: { overrideId: asked.id } });
    expect(await t.db.gateOverride.findUniqueOrThrow({ where: { id: asked.id } })).toMatchObject({
      status: "confirmed",
      confirmedById: people.approver1.id,
    });
    const r = await rollout(id);
    expect(r.status).not.toBe("paused");
    // The controller's own rules completed the accepted step.
    expect(r.currentStepIndex).toBeGreaterThanOrEqual(2);
    expect(await step(id, 1)).toMatchObject({
      status: "completed",
      note: `Accepted without its gates deciding: ${reason}`,
    });
    const actions = (
      await t.db.auditEvent.findMany({
        where: { OR: [{ entityId: id }, { entityId: asked.id }] },
        orderBy: { id: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["gate_override.request", "gate_override.confirm", "rollout.accept"]),
    );
    await expect(confirmGateOverride({ ctx: people.approver2.ctx, input: { overrideId: asked.id } })).rejects.toThrow(
      /already accepted, confirmed by Alan Approver/,
    );

    // The deployment record shows the override as such: who asked, why, who confirmed.
    const record = await t.db.deploymentRecord.findUniqueOrThrow({ where: { rolloutId: id } });
    const timeline = record.timeline as unknown as { action: string; actor: string; detail: string }[];
    expect(timeline.find((e) => e.action === "gate_override.request")).toMatchObject({
      actor: expect.stringMatching(/^Rick Release/),
      detail: `Asked to accept step 2 without error-rate, latency-p95, critical-errors, complaints passing: ${reason}`,
    });
    expect(timeline.find((e) => e.action === "gate_override.confirm")).toMatchObject({
      actor: expect.stringMatching(/^Alan Approver/),
      detail: "Confirmed accepting step 2 without its gates deciding (override)",
    });
    expect(record.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "override",
          summary: expect.stringMatching(
            /^Step 2 accepted without its gates deciding: error-rate \(inconclusive\).*Asked by Rick Release, confirmed by Alan Approver\.$/,
          ),
        }),
      ]),
    );
  });

  it("a failed gate can't be accepted, and a cancelled request can't be confirmed", async () => {
    const failed = await pausedAtAnalysis("fail");
    await expect(
      requestGateOverride({
        ctx: people.author.ctx,
        input: { rolloutId: failed, reason: "the failure looks like noise to me, let it through" },
      }),
    ).rejects.toThrow(/Gate "error-rate" failed at step 2: a failed gate rolls the rollout back/);

    const id = await pausedAtAnalysis();
    const asked = await requestGateOverride({
      ctx: people.author.ctx,
      input: { rolloutId: id, reason: "the sample needs days at this traffic, accept it" },
    });
    await cancelGateOverride({ ctx: people.author.ctx, input: { overrideId: asked.id } });
    await expect(confirmGateOverride({ ctx: people.approver1.ctx, input: { overrideId: asked.id } })).rejects.toThrow(
      /cancelled/,
    );
    expect((await rollout(id)).status).toBe("paused");
  });
});
