import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeConfig } from "@/lib/dataplane/testing/fixtures";
import { mapLimit, predict } from "@/lib/dataplane/testing/http";
import {
  freePort,
  putConfig,
  startModelServer,
  startRouter,
  type ModelServerProcess,
  type RouterProcess,
} from "@/lib/dataplane/testing/processes";
import { startProcess, type ManagedProcess } from "@/lib/routers/testing/managed-process";
import { prometheusGateSchema, type PrometheusGate } from "../default-gates";
import { evaluatePrometheusGate } from "./prometheus";

// A real Prometheus scraping a real built-in router in front of two demo model servers: the
// challenger fails half of its requests.

let champion: ModelServerProcess;
let challenger: ModelServerProcess;
let router: RouterProcess;
let prometheus: ManagedProcess;
let promUrl: string;
let dir: string;

const gate = (over: Partial<PrometheusGate>): PrometheusGate =>
  prometheusGateSchema.parse({
    name: "prom",
    metric: "prometheus",
    url: promUrl,
    query:
      'sum(switchyard_errors_total{variant="{{variant}}"}) / sum(switchyard_requests_total{variant="{{variant}}"})',
    threshold: 0.05,
    ...over,
  });
const ctx = () => ({ champion: "champion", challengers: ["challenger"], windowSeconds: 120, now: new Date() });

beforeAll(async () => {
  [champion, challenger, router] = await Promise.all([
    startModelServer(["--version=v1"]),
    startModelServer(["--version=v2", "--error-rate=0.5"]),
    startRouter(),
  ]);
  const put = await putConfig(
    router,
    makeConfig({
      variants: [
        { key: "champion", role: "champion", upstream: champion.url, version: "v1" },
        { key: "challenger", role: "challenger", upstream: challenger.url, version: "v2" },
      ],
      weights: { champion: 5_000, challenger: 5_000 },
    }),
  );
  expect(put.status).toBe(200);
  await mapLimit(
    Array.from({ length: 300 }, (_, i) => `user-${i}`),
    16,
    (u) => predict(router.url, { user: u, ticketType: "billing" }),
  );

  dir = await mkdtemp(path.join(tmpdir(), "switchyard-prom-"));
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  const admin = new URL(router.adminUrl);
  await writeFile(
    path.join(dir, "prometheus.yml"),
    [
      "global:",
      "  scrape_interval: 1s",
      "scrape_configs:",
      "  - job_name: switchyard-router",
      "    authorization:",
      "      type: Bearer",
      `      credentials: ${router.token}`,
      "    static_configs:",
      `      - targets: ["${admin.host}"]`,
    ].join("\n"),
  );
  prometheus = startProcess("/usr/bin/prometheus", [
    `--config.file=${path.join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${path.join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  // Ready once the router's counters are queryable (a scrape happened).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(
      `${promUrl}/api/v1/query?query=${encodeURIComponent("sum(switchyard_requests_total)")}`,
    ).catch(() => null);
    const body = res?.ok ? ((await res.json()) as { data: { result: unknown[] } }) : null;
    if (body && body.data.result.length > 0) break;
    if (Date.now() > deadline || prometheus.exited())
      throw new Error(`Prometheus did not scrape the router: ${prometheus.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([prometheus?.stop(), router?.stop(), champion?.stop(), challenger?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("Prometheus provider against a real Prometheus scraping the built-in router", () => {
  it("fails the challenger whose error ratio is far above the champion's, with the values as evidence", async () => {
    const r = await evaluatePrometheusGate(gate({}), ctx());
    expect(r.verdict).toBe("fail");
    expect(r.reason).toMatch(/^challenger: 0\.\d+ vs champion 0/);
    const results = r.evidence.results as { variant: string; value: number }[];
    expect(results[0]).toMatchObject({ variant: "champion", value: 0 });
    expect(results[1].value).toBeGreaterThan(0.3);
  });

  it("passes when the challenger is within the limit (requests per variant, no threshold crossed)", async () => {
    const r = await evaluatePrometheusGate(
      gate({ query: 'sum(switchyard_requests_total{variant="{{variant}}"}) > bool 0', threshold: 0.5 }),
      ctx(),
    );
    expect(r.verdict).toBe("pass");
  });

  it("is inconclusive, with the error shown, on a PromQL error and when Prometheus is down; waiting on no data", async () => {
    const syntax = await evaluatePrometheusGate(
      gate({ query: 'sum(rate(switchyard_requests_total{variant="{{variant}}"}[' }),
      ctx(),
    );
    expect(syntax).toMatchObject({
      verdict: "inconclusive",
      reason: expect.stringMatching(/Prometheus error for champion: .*parse error/),
    });
    const none = await evaluatePrometheusGate(gate({ query: 'sum(no_such_metric{variant="{{variant}}"})' }), ctx());
    // No data yet is waiting for data (the step holds), not inconclusive.
    expect(none).toMatchObject({ verdict: "waiting", reason: expect.stringMatching(/no data/) });
    const down = await evaluatePrometheusGate(gate({ url: `http://127.0.0.1:${await freePort()}` }), ctx());
    expect(down).toMatchObject({ verdict: "inconclusive", reason: expect.stringMatching(/unreachable/) });
  });
});
