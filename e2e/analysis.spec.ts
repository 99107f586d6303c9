import { expect, test } from "@playwright/test";
import { DEMO_API_TOKEN } from "../lib/demo/demo-data";
import type { PrismaClient } from "../lib/db/create-client";
import { e2eDb, rollouts, routerCells } from "./factories";
import { storageState } from "./roles";

// Metrics and analysis end to end: a pipeline feeds router batches and outcomes through the
// ingest API with the demo token; the rollout page draws the charts and the A/B report names a winner.
const auth = { Authorization: `Bearer ${DEMO_API_TOKEN}` };
const BOUNDS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];
let db: PrismaClient;
let rolloutId: string;

test.beforeAll(async ({ request }) => {
  db = e2eDb();
  // The experiment and its analysis start in the same 10 s bucket, 20 minutes into the data: one step marker.
  const stepsAt = Date.now() - 1_200_000;
  rolloutId = (
    await rollouts.create(db, {
      strategy: "ab_test",
      weights: { champion: 5_000, challenger: 5_000 },
      config: { primaryMetric: "conversion", split: { champion: 5_000, challenger: 5_000 } },
      appliedAt: new Date(Date.now() - 1_800_000),
      steps: [
        {
          kind: "experiment",
          params: { durationSeconds: 3_600, sampleSizePerArm: 1_000 },
          startedAt: new Date(stepsAt),
        },
        { kind: "analysis", params: {}, startedAt: new Date(stepsAt + 2_000) },
      ],
    })
  ).rolloutId;
  const batch = {
    routerId: `e2e-router-${Date.now()}`,
    sequence: 1,
    rolloutId,
    system: null,
    configVersion: 1,
    sentAt: new Date().toISOString(),
    latencyBucketBoundsMs: BOUNDS,
    cells: routerCells({
      buckets: 150,
      champion: { requests: 20, errors: 0, ms: 20 },
      challenger: { requests: 20, errors: 0, ms: 40 },
    }),
  };
  const first = await request.post("/api/v1/ingest/router", { headers: auth, data: batch });
  expect(first.status()).toBe(201);
  const again = await request.post("/api/v1/ingest/router", { headers: auth, data: batch });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ status: "duplicate" });
  const events = (["champion", "challenger"] as const).flatMap((variant) =>
    Array.from({ length: variant === "champion" ? 300 : 500 }, (_, i) => ({
      eventId: `${rolloutId}-${variant}-${i}`,
      rolloutId,
      variant,
      kind: "conversion",
      value: 1,
      segment: "billing",
      occurredAt: new Date(Date.now() - 60_000 - i * 1_000).toISOString(),
    })),
  );
  const res = await request.post("/api/v1/ingest/outcomes", { headers: auth, data: { events } });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ accepted: 800, duplicates: 0, rejected: [] });
});

test.afterAll(async () => {
  await db?.$disconnect();
});

test.describe("ingest API", () => {
  test("POST /api/v1/ingest/outcomes – re-sent events are not double counted", async ({ request }) => {
    const event = {
      eventId: `${rolloutId}-champion-0`,
      rolloutId,
      variant: "champion",
      kind: "conversion",
      value: 1,
      occurredAt: new Date().toISOString(),
    };
    const res = await request.post("/api/v1/ingest/outcomes", { headers: auth, data: { events: [event, event] } });
    expect(await res.json()).toMatchObject({ accepted: 0, duplicates: 2 });
    await expect
      .poll(async () =>
        Number(
          (
            await db.metricRollup.aggregate({
              where: { rolloutId, variant: "champion", segment: "*" },
              _sum: { conversions: true },
            })
          )._sum.conversions,
        ),
      )
      .toBe(300);
  });

  test("POST /api/v1/ingest/outcomes – malformed batches get problem+json 400, no token 401", async ({ request }) => {
    const bad = await request.post("/api/v1/ingest/outcomes", {
      headers: auth,
      data: { events: [{ eventId: "x", rolloutId, kind: "label", value: 7, occurredAt: "yesterday" }] },
    });
    expect(bad.status()).toBe(400);
    expect(bad.headers()["content-type"]).toContain("application/problem+json");
    expect((await bad.json()).invalidParams.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["events.0.occurredAt"]),
    );
    const anon = await request.post("/api/v1/ingest/outcomes", { data: { events: [] } });
    expect(anon.status()).toBe(401);
  });
});

test.describe("rollout page", () => {
  test.use({ storageState: storageState("viewer") });

  test("GET /api/rollouts/[id]/metrics – series per variant for a signed-in viewer", async ({ page }) => {
    const res = await page.request.get(`/api/rollouts/${rolloutId}/metrics`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.series.length).toBeGreaterThan(10);
    expect(body.overall.challenger.p95).toBeGreaterThan(body.overall.champion.p95);
  });

  test("viewer reads the charts and the A/B report names the winner", async ({ page }) => {
    await page.goto(`/rollouts/${rolloutId}`);
    const metrics = page.getByRole("region", { name: "Rollout metrics" });
    await expect(metrics).toBeVisible();
    const latency = page.getByTestId("chart-latency");
    await expect(latency.locator("path.recharts-line-curve")).toHaveCount(2);
    await expect(page.getByTestId("chart-error-rate").locator("path.recharts-line-curve")).toHaveCount(2);
    await expect(page.getByTestId("chart-traffic-share").locator("path.recharts-line-curve")).toHaveCount(2);
    await expect(page.getByRole("table", { name: "Per-segment breakdown" })).toContainText("billing");
    const report = page.getByRole("region", { name: "A/B test report" });
    await expect(report.getByTestId("ab-decision")).toContainText("Ship challenger");
    await expect(report.getByRole("table", { name: "Effects per metric" })).toContainText("Conversion");
    // Steps that start together share one readable marker instead of overprinted labels.
    await expect(latency.getByText(/^Steps 1–2: /)).toHaveCount(1);
    await page.screenshot({ path: "test-results/analysis-charts.png", fullPage: true });
  });
});
