import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoutingConfig } from "@/lib/routers/types";
import { makeConfig } from "./testing/fixtures";
import { parseRequestId } from "./request-id";
import { adminGet, mapLimit, metricValue, predict } from "./testing/http";
import {
  putConfig,
  startModelServer,
  startRouter,
  type ModelServerProcess,
  type RouterProcess,
} from "./testing/processes";

// The real router process in front of two real demo model servers, all on loopback.

let champion: ModelServerProcess;
let challenger: ModelServerProcess;
let router: RouterProcess;
let version = 0;

function config(over: Partial<RoutingConfig> = {}): RoutingConfig {
  return makeConfig({
    version: ++version,
    epoch: 1,
    variants: [
      { key: "champion", role: "champion", upstream: champion.url, version: "v1" },
      { key: "challenger", role: "challenger", upstream: challenger.url, version: "v2" },
    ],
    segmentHeader: "x-ticket-type",
    predictionField: "label",
    ...over,
  });
}

async function variantsOf(users: string[]): Promise<string[]> {
  const res = await mapLimit(users, 16, (u) => predict(router.url, { user: u, ticketType: "technical" }));
  for (const r of res) expect(r.status).toBe(200);
  return res.map((r) => r.variant!);
}

beforeAll(async () => {
  [champion, challenger, router] = await Promise.all([
    startModelServer(["--version=v1"]),
    startModelServer(["--version=v2", "--flavor=bigram"]),
    startRouter(),
  ]);
});

afterAll(async () => {
  await Promise.all([champion?.stop(), challenger?.stop(), router?.stop()]);
});

describe("built-in router: routing", () => {
  it("a new router with no config answers 503 and never guesses", async () => {
    const res = await predict(router.url, { user: "u1" });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: "no routing config" });
    expect((await adminGet(router, "/config")).status).toBe(404);
    const health = await fetch(`${router.adminUrl}/healthz`).then((r) => r.json());
    expect(health.status).toBe("no_config");
  });

  it("refuses the admin API without the bearer token", async () => {
    const res = await fetch(`${router.adminUrl}/config`, { method: "PUT", body: JSON.stringify(config()) });
    expect(res.status).toBe(401);
    expect((await fetch(`${router.adminUrl}/metrics`)).status).toBe(401);
  });

  it("refuses an invalid config whole", async () => {
    const res = await putConfig(router, config({ weights: { champion: 9_000, challenger: 500 } }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("invalid_config");
  });

  it("splits real requests by weight, counted per variant", async () => {
    const put = await putConfig(router, config({ weights: { champion: 7_000, challenger: 3_000 } }));
    expect(put.status).toBe(200);
    const users = Array.from({ length: 1_000 }, (_, i) => `split-${i}`);
    const got = await variantsOf(users);
    const share = got.filter((v) => v === "challenger").length / got.length;
    expect(Math.abs(share - 0.3)).toBeLessThanOrEqual(0.04);
    const responses = await mapLimit(users.slice(0, 20), 8, (u) => predict(router.url, { user: u }));
    for (const r of responses) expect(r.body.model_version).toBe(r.version);
  });

  it("names the rollout, variant and serve time of every answer in its request id, unique per request", async () => {
    await putConfig(router, config({ weights: { champion: 5_000, challenger: 5_000 } }));
    const before = Date.now();
    const res = await mapLimit(
      Array.from({ length: 200 }, (_, i) => `rid-${i}`),
      16,
      (u) => predict(router.url, { user: u }),
    );
    const ids = res.map((r) => r.requestId!);
    expect(new Set(ids).size).toBe(200);
    for (const r of res) {
      const parsed = parseRequestId(r.requestId!);
      expect(parsed).toMatchObject({ rolloutId: "ro_1", variant: r.variant });
      expect(parsed!.servedAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(parsed!.servedAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it("keeps users sticky, and raising the weight only moves champion users to the challenger", async () => {
    const users = Array.from({ length: 400 }, (_, i) => `sticky-${i}`);
    await putConfig(router, config({ weights: { champion: 9_000, challenger: 1_000 } }));
    const at10 = await variantsOf(users);
    expect(await variantsOf(users)).toEqual(at10);
    await putConfig(router, config({ weights: { champion: 5_000, challenger: 5_000 } }));
    const at50 = await variantsOf(users);
    users.forEach((_, i) => {
      if (at10[i] === "challenger") expect(at50[i]).toBe("challenger");
    });
    expect(at50.filter((v) => v === "challenger").length).toBeGreaterThan(
      at10.filter((v) => v === "challenger").length,
    );
  });

  it("sends a request with the override header to the named variant", async () => {
    await putConfig(router, config({ weights: { champion: 10_000, challenger: 0 } }));
    const forced = await predict(router.url, {
      user: "u-override",
      headers: { "x-switchyard-override": "challenger" },
    });
    expect(forced).toMatchObject({ status: 200, variant: "challenger", version: "v2" });
    const normal = await predict(router.url, { user: "u-override" });
    expect(normal.variant).toBe("champion");
  });

  it("routes by targeting rules, and the kill switch overrides them", async () => {
    const rules: RoutingConfig["rules"] = [
      {
        id: "billing-beta",
        conditions: [{ attribute: "header:x-ticket-type", operator: "equals", values: ["billing"] }],
        variant: "challenger",
      },
    ];
    await putConfig(router, config({ weights: { champion: 10_000, challenger: 0 }, rules }));
    expect((await predict(router.url, { user: "t1", ticketType: "billing" })).variant).toBe("challenger");
    expect((await predict(router.url, { user: "t1", ticketType: "technical" })).variant).toBe("champion");
    await putConfig(router, config({ weights: { champion: 10_000, challenger: 0 }, rules, killSwitch: true }));
    expect((await predict(router.url, { user: "t1", ticketType: "billing" })).variant).toBe("champion");
  });

  it("refuses a stale epoch and a stale version with 409, and a same-version re-push is idempotent", async () => {
    const current = config({ epoch: 5 });
    expect((await putConfig(router, current)).status).toBe(200);
    const stale = await putConfig(router, { ...current, version: current.version + 1, epoch: 4 });
    expect(stale).toMatchObject({ status: 409, body: { code: "stale_epoch" } });
    const older = await putConfig(router, { ...current, version: current.version - 1 });
    expect(older).toMatchObject({ status: 409, body: { code: "stale_version" } });
    const again = await putConfig(router, current);
    expect(again).toMatchObject({ status: 200, body: { outcome: "unchanged", version: current.version } });
    const served = JSON.parse((await adminGet(router, "/config")).text);
    expect(served).toMatchObject({ version: current.version, epoch: 5, weights: current.weights });
  });

  it("counts requests, errors, latency and predictions per variant and segment at /metrics", async () => {
    await putConfig(router, config({ epoch: 5, weights: { champion: 0, challenger: 10_000 } }));
    const before = (await adminGet(router, "/metrics")).text;
    const labels = { variant: "challenger", segment: "billing" };
    const base = metricValue(before, "switchyard_requests_total", labels);
    await mapLimit(
      Array.from({ length: 25 }, (_, i) => `m-${i}`),
      5,
      (u) => predict(router.url, { user: u, ticketType: "billing" }),
    );
    const after = (await adminGet(router, "/metrics")).text;
    expect(metricValue(after, "switchyard_requests_total", labels) - base).toBe(25);
    expect(metricValue(after, "switchyard_request_duration_seconds_count", labels)).toBe(
      metricValue(after, "switchyard_requests_total", labels),
    );
    expect(
      metricValue(after, "switchyard_predictions_total", { ...labels, prediction: "billing" }),
    ).toBeGreaterThanOrEqual(25);
    expect(metricValue(after, "switchyard_errors_total", labels)).toBe(0);
    expect(after).toContain("# TYPE switchyard_request_duration_seconds histogram");
  });
});
