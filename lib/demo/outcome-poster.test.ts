import { describe, expect, it } from "vitest";
import { OutcomePoster, type OutcomeEvent, type SendOutcome } from "./outcome-poster";

const label = (i: number): OutcomeEvent => ({
  eventId: `run-${i}`,
  requestId: `sy1:r1:challenger:1764759000123:n-${i}`,
  kind: "label",
  value: 1,
  segment: "billing",
});

function harness(results: SendOutcome[], over: { maxQueued?: number } = {}) {
  let clock = 1_000_000;
  const sent: string[][] = [];
  const poster = new OutcomePoster({
    send: async (events) => {
      sent.push(events.map((e) => e.eventId));
      return results.shift() ?? "ok";
    },
    delayMs: 3_000,
    batchSize: 3,
    backoffMs: 1_000,
    now: () => clock,
    ...over,
  });
  return { poster, sent, advance: (ms: number) => (clock += ms) };
}

describe("OutcomePoster", () => {
  it("posts each label only once it is a few seconds old", async () => {
    const { poster, sent, advance } = harness([]);
    poster.add(label(1));
    await poster.pump();
    expect(sent).toEqual([]);
    advance(2_999);
    await poster.pump();
    expect(sent).toEqual([]);
    advance(1);
    await poster.pump();
    expect(sent).toEqual([["run-1"]]);
    expect(poster.stats.posted).toBe(1);
  });

  it("sends a failed batch again, whole and with the same event ids, after a growing pause", async () => {
    const { poster, sent, advance } = harness(["retry", "retry", "ok", "ok"]);
    for (let i = 1; i <= 4; i++) poster.add(label(i));
    advance(3_000);
    await poster.pump();
    expect(sent).toEqual([["run-1", "run-2", "run-3"]]);
    advance(999);
    await poster.pump();
    expect(sent).toHaveLength(1);
    advance(1);
    await poster.pump();
    expect(sent).toHaveLength(2);
    advance(1_999);
    await poster.pump();
    expect(sent).toHaveLength(2);
    advance(1);
    await poster.pump();
    expect(sent).toEqual([
      ["run-1", "run-2", "run-3"],
      ["run-1", "run-2", "run-3"],
      ["run-1", "run-2", "run-3"],
      ["run-4"],
    ]);
    expect(poster.stats).toEqual({ posted: 4, retries: 2, refused: 0, dropped: 0 });
    expect(poster.queued).toBe(0);
  });

  it("retries when sending throws (network down), and drops what the control plane refuses as invalid", async () => {
    let calls = 0;
    let clock = 0;
    const poster = new OutcomePoster({
      send: async () => {
        calls++;
        if (calls === 1) throw new Error("ECONNREFUSED");
        return calls === 2 ? "refused" : "ok";
      },
      delayMs: 0,
      backoffMs: 10,
      now: () => clock,
    });
    poster.add(label(1));
    await poster.pump();
    clock += 10;
    await poster.pump();
    expect(poster.stats).toMatchObject({ retries: 1, refused: 1, posted: 0 });
    expect(poster.queued).toBe(0);
  });

  it("keeps at most maxQueued labels, dropping the oldest and counting them", () => {
    const { poster } = harness([], { maxQueued: 2 });
    for (let i = 1; i <= 5; i++) poster.add(label(i));
    expect(poster.queued).toBe(2);
    expect(poster.stats.dropped).toBe(3);
  });
});
