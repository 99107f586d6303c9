import { describe, expect, it } from "vitest";
import type { Pool } from "undici";
import { Metrics } from "./metrics";
import { Mirror, type MirrorJob } from "./mirror";

// A fake pool: answers what `answer` says, after `gate` resolves.
function fakePool(
  answer: () => { status: number; body: string } | Error,
  gate: Promise<void> = Promise.resolve(),
): Pool {
  return {
    request: async () => {
      await gate;
      const a = answer();
      if (a instanceof Error) throw a;
      return { statusCode: a.status, body: { text: async () => a.body } };
    },
  } as unknown as Pool;
}

function job(pool: Pool, primary: { prediction?: string } = { prediction: "billing" }): MirrorJob {
  const primaryPrediction = primary.prediction;
  return {
    pool,
    variant: "shadow",
    rolloutId: "ro",
    segment: "billing",
    method: "POST",
    path: "/predict",
    headers: [],
    body: Buffer.from("{}"),
    primaryPrediction,
    predictionField: "label",
  };
}

describe("Mirror", () => {
  it("records latency, errors and agreement for the shadow variant", async () => {
    const metrics = new Metrics();
    metrics.reporting = true;
    const mirror = new Mirror(metrics);
    let n = 0;
    const pool = fakePool(() =>
      ++n === 3
        ? new Error("ECONNREFUSED")
        : { status: 200, body: JSON.stringify({ label: n === 1 ? "billing" : "account" }) },
    );
    for (let i = 0; i < 3; i++) mirror.offer(job(pool));
    await mirror.idle();
    const [cell] = metrics.drain()[0].cells;
    expect(cell).toMatchObject({
      variant: "shadow",
      segment: "billing",
      requests: 3,
      errors: 1,
      mirrored: 2,
      agreements: 1,
    });
    expect(cell.predictions).toEqual({ billing: 1, account: 1 });
  });

  it("drops and counts jobs when the queue is full, never blocking the caller", async () => {
    const metrics = new Metrics();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const mirror = new Mirror(metrics, { maxQueue: 2, concurrency: 1, timeoutMs: 1_000, maxBodyBytes: 1024 });
    const pool = fakePool(() => ({ status: 200, body: "{}" }), gate);
    const accepted = Array.from({ length: 6 }, () => mirror.offer(job(pool)));
    expect(accepted).toEqual([true, true, true, false, false, false]);
    expect(metrics.counters.mirrorDropped).toBe(3);
    release();
    await mirror.idle();
    expect(mirror.depth).toBe(0);
  });

  it("does not compare when the primary had no prediction", async () => {
    const metrics = new Metrics();
    metrics.reporting = true;
    const mirror = new Mirror(metrics);
    mirror.offer(
      job(
        fakePool(() => ({ status: 200, body: '{"label":"billing"}' })),
        {},
      ),
    );
    await mirror.idle();
    expect(metrics.drain()[0].cells[0]).toMatchObject({ requests: 1, mirrored: 0, agreements: 0 });
  });
});
