import { describe, expect, it } from "vitest";
import { bucketOf } from "@/lib/dataplane/assign";
import { formatRequestId } from "@/lib/dataplane/request-id";
import { attributeOutcome, weightsAt, type AttributionContext, type AttributionRollout } from "./attribute-outcomes";
import type { OutcomeEventInput } from "./schemas";

const T0 = new Date("2026-12-03T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

// A canary at 1 % from 10:00, 50 % from 10:30; it ended at 12:00.
const rollout: AttributionRollout = {
  id: "r1",
  salt: "salt-1",
  systemSlug: "tickets",
  startedAt: T0,
  endedAt: at(120),
  variants: [
    { key: "champion", role: "champion" },
    { key: "challenger", role: "challenger" },
  ],
  weightHistory: [
    { from: T0, weights: { champion: 9_900, challenger: 100 } },
    { from: at(30), weights: { champion: 5_000, challenger: 5_000 } },
  ],
};

function ctx(now: Date, over: Partial<AttributionContext> = {}): AttributionContext {
  return {
    rollouts: new Map([["r1", rollout]]),
    bySystem: new Map([["tickets", [rollout]]]),
    earlier: new Map(),
    now,
    retentionMs: 30 * 86_400_000,
    ...over,
  };
}

const ev = (over: Partial<OutcomeEventInput>): OutcomeEventInput => ({
  eventId: "e",
  kind: "label",
  value: 1,
  ...over,
});

/** A unit key whose bucket is in [lo, hi): the challenger's at 50 % but not at 1 %. */
function unitKeyInBuckets(lo: number, hi: number): string {
  for (let i = 0; ; i++) {
    const b = bucketOf(`user-${i}`, rollout.salt);
    if (b >= lo && b < hi) return `user-${i}`;
  }
}

describe("attributeOutcome", () => {
  it("attributes by the router's request id alone: rollout, variant and the time it was served", () => {
    const requestId = formatRequestId("r1", "challenger", at(5).getTime(), "abc-1");
    expect(attributeOutcome(ev({ requestId }), ctx(at(6)))).toEqual({
      kind: "attributed",
      rolloutId: "r1",
      variant: "challenger",
      occurredAt: at(5).toISOString(),
    });
  });

  it("attributes delayed outcomes to the variant that served them, after the weights changed and the rollout ended", () => {
    // Served by the challenger at 1 %; the label comes two days later, when the rollout is over.
    const requestId = formatRequestId("r1", "challenger", at(10).getTime(), "abc-2");
    const a = attributeOutcome(ev({ requestId, value: 0 }), ctx(at(2 * 24 * 60)));
    expect(a).toMatchObject({ kind: "attributed", variant: "challenger", occurredAt: at(10).toISOString() });
  });

  it("resolves a unit key with the weights in force when it happened, not today's", () => {
    const user = unitKeyInBuckets(100, 5_000);
    const early = attributeOutcome(
      ev({ system: "tickets", unitKey: user, occurredAt: at(10).toISOString() }),
      ctx(at(200)),
    );
    const later = attributeOutcome(
      ev({ system: "tickets", unitKey: user, occurredAt: at(40).toISOString() }),
      ctx(at(200)),
    );
    expect(early).toMatchObject({ kind: "attributed", rolloutId: "r1", variant: "champion" });
    expect(later).toMatchObject({ kind: "attributed", rolloutId: "r1", variant: "challenger" });
    expect(weightsAt(rollout, at(-1))).toBeNull();
  });

  it("counts answers served outside any rollout as unattributed, not as the caller's mistake", () => {
    const requestId = formatRequestId(null, "champion", at(5).getTime(), "x");
    expect(attributeOutcome(ev({ requestId }), ctx(at(6))).kind).toBe("unattributed");
    const after = attributeOutcome(
      ev({ system: "tickets", unitKey: "u", occurredAt: at(180).toISOString() }),
      ctx(at(181)),
    );
    expect(after.kind).toBe("unattributed");
  });

  it("refuses outcomes past the retention, from the future, or that contradict the request id", () => {
    const old = formatRequestId("r1", "challenger", at(0).getTime(), "o");
    expect(attributeOutcome(ev({ requestId: old }), ctx(at(31 * 24 * 60)))).toMatchObject({
      kind: "rejected",
      reason: expect.stringMatching(/31 days ago.*30 days/),
    });
    const future = formatRequestId("r1", "challenger", at(60).getTime(), "f");
    expect(attributeOutcome(ev({ requestId: future }), ctx(at(0)))).toMatchObject({ kind: "rejected" });
    const id = formatRequestId("r1", "challenger", at(5).getTime(), "c");
    expect(attributeOutcome(ev({ requestId: id, variant: "champion" }), ctx(at(6)))).toMatchObject({
      reason: "the request id says challenger served it, not champion",
    });
    expect(attributeOutcome(ev({ requestId: id, rolloutId: "r2" }), ctx(at(6))).kind).toBe("rejected");
    const unknown = formatRequestId("gone", "challenger", at(5).getTime(), "g");
    expect(attributeOutcome(ev({ requestId: unknown }), ctx(at(6)))).toEqual({
      kind: "rejected",
      reason: "unknown rollout",
    });
  });

  it("keeps the explicit forms: rollout with variant, and a caller's own request id seen before", () => {
    expect(
      attributeOutcome(ev({ rolloutId: "r1", variant: "champion", occurredAt: at(1).toISOString() }), ctx(at(2))),
    ).toMatchObject({ kind: "attributed", variant: "champion" });
    const earlier = new Map([["r1\u0000order-7", "challenger"]]);
    expect(
      attributeOutcome(
        ev({ rolloutId: "r1", requestId: "order-7", kind: "conversion", occurredAt: at(3).toISOString() }),
        ctx(at(4), { earlier }),
      ),
    ).toMatchObject({ kind: "attributed", variant: "challenger" });
    expect(
      attributeOutcome(ev({ rolloutId: "r1", requestId: "order-8", occurredAt: at(3).toISOString() }), ctx(at(4))).kind,
    ).toBe("rejected");
    expect(
      attributeOutcome(ev({ rolloutId: "r1", variant: "nobody", occurredAt: at(1).toISOString() }), ctx(at(2))),
    ).toMatchObject({ kind: "rejected", reason: '"nobody" is not a variant of this rollout' });
  });
});
