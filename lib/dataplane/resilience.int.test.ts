import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoutingConfig } from "@/lib/routers/types";
import { makeConfig } from "./testing/fixtures";
import { adminGet, mapLimit, metricValue, predict } from "./testing/http";
import {
  freePort,
  putConfig,
  startModelServer,
  startRouter,
  type ModelServerProcess,
  type RouterProcess,
} from "./testing/processes";

// Shadow traffic and static stability, with real processes.

let champion: ModelServerProcess;
let challenger: ModelServerProcess;
const routers: RouterProcess[] = [];

function shadowConfig(shadowUpstream: string, over: Partial<RoutingConfig> = {}): RoutingConfig {
  return makeConfig({
    variants: [
      { key: "champion", role: "champion", upstream: champion.url, version: "v1" },
      { key: "shadow", role: "challenger", upstream: shadowUpstream, version: "v2" },
    ],
    weights: { champion: 10_000, shadow: 0 },
    mirror: { variant: "shadow", sampleBasisPoints: 10_000, routes: ["/predict"] },
    segmentHeader: "x-ticket-type",
    predictionField: "label",
    ...over,
  });
}

async function waitFor(fn: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  [champion, challenger] = await Promise.all([
    startModelServer(["--version=v1"]),
    startModelServer(["--version=v2", "--flavor=bigram"]),
  ]);
});

afterAll(async () => {
  await Promise.all([champion?.stop(), challenger?.stop(), ...routers.map((r) => r.stop())]);
});

describe("built-in router: shadow", () => {
  it("mirrors to a live shadow, never serves it, and counts agreement", async () => {
    const router = await startRouter();
    routers.push(router);
    expect((await putConfig(router, shadowConfig(challenger.url))).status).toBe(200);
    const res = await mapLimit(
      Array.from({ length: 40 }, (_, i) => i),
      8,
      (i) =>
        predict(router.url, {
          user: `s-${i}`,
          ticketType: "billing",
          text: i % 2 ? "Refund my shipping fee, the package was late" : "I was charged twice",
        }),
    );
    for (const r of res) expect(r).toMatchObject({ status: 200, variant: "champion" });
    const labels = { variant: "shadow", segment: "billing" };
    await waitFor(
      async () =>
        metricValue((await adminGet(router, "/metrics")).text, "switchyard_mirror_compared_total", labels) === 40,
    );
    const m = (await adminGet(router, "/metrics")).text;
    expect(metricValue(m, "switchyard_requests_total", labels)).toBe(40);
    expect(metricValue(m, "switchyard_errors_total", labels)).toBe(0);
    const agreements = metricValue(m, "switchyard_mirror_agreements_total", labels);
    expect(agreements).toBeGreaterThan(0);
    expect(agreements).toBeLessThanOrEqual(40);
  });

  it("with the shadow target down, the primary serves every request without error", async () => {
    const router = await startRouter();
    routers.push(router);
    const deadPort = await freePort();
    await putConfig(router, shadowConfig(`http://127.0.0.1:${deadPort}`));
    const res = await mapLimit(
      Array.from({ length: 60 }, (_, i) => i),
      10,
      (i) => predict(router.url, { user: `d-${i}`, ticketType: "billing" }),
    );
    expect(res.filter((r) => r.status !== 200)).toEqual([]);
    const labels = { variant: "shadow", segment: "billing" };
    await waitFor(
      async () => metricValue((await adminGet(router, "/metrics")).text, "switchyard_errors_total", labels) === 60,
    );
    const m = (await adminGet(router, "/metrics")).text;
    expect(metricValue(m, "switchyard_errors_total", { variant: "champion" })).toBe(0);
    expect(metricValue(m, "switchyard_requests_total", { variant: "champion", segment: "billing" })).toBe(60);
    expect(metricValue(m, "switchyard_mirror_compared_total", labels)).toBe(0);
  });

  it("does not mirror routes outside config.mirror.routes", async () => {
    const router = await startRouter();
    routers.push(router);
    await putConfig(
      router,
      shadowConfig(challenger.url, { mirror: { variant: "shadow", sampleBasisPoints: 10_000, routes: ["/explain"] } }),
    );
    await predict(router.url, { user: "x", ticketType: "billing" });
    await new Promise((r) => setTimeout(r, 200));
    expect(
      metricValue((await adminGet(router, "/metrics")).text, "switchyard_requests_total", { variant: "shadow" }),
    ).toBe(0);
  });
});

describe("built-in router: failing upstream", () => {
  it("answers 502 with the variant headers when the served upstream is down, and counts the error", async () => {
    const router = await startRouter();
    routers.push(router);
    const dead = `http://127.0.0.1:${await freePort()}`;
    await putConfig(router, shadowConfig(dead, { mirror: null, weights: { champion: 0, shadow: 10_000 } }));
    const res = await predict(router.url, { user: "down-1", ticketType: "billing" });
    expect(res).toMatchObject({
      status: 502,
      variant: "shadow",
      version: "v2",
      body: { error: "upstream unavailable" },
    });
    const m = (await adminGet(router, "/metrics")).text;
    expect(metricValue(m, "switchyard_errors_total", { variant: "shadow", segment: "billing" })).toBe(1);
  });
});

describe("built-in router: static stability", () => {
  it("restarted with no control plane, serves its last config from disk", async () => {
    const first = await startRouter();
    routers.push(first);
    const config = shadowConfig(challenger.url, {
      version: 7,
      epoch: 3,
      mirror: null,
      weights: { champion: 0, shadow: 10_000 },
    });
    expect((await putConfig(first, config)).status).toBe(200);
    await first.stop();

    const second = await startRouter({ dataDir: first.dataDir });
    routers.push(second);
    const res = await predict(second.url, { user: "after-restart" });
    expect(res).toMatchObject({ status: 200, variant: "shadow", version: "v2" });
    const served = JSON.parse((await adminGet(second, "/config")).text);
    expect(served).toMatchObject({ version: 7, epoch: 3, weights: { champion: 0, shadow: 10_000 } });
    // The fencing survives the restart too.
    const stale = await putConfig(second, { ...config, version: 8, epoch: 2 });
    expect(stale).toMatchObject({ status: 409, body: { code: "stale_epoch" } });
  });
});
