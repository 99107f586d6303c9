import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeConfig } from "./testing/fixtures";
import { mapLimit, predict } from "./testing/http";
import {
  putConfig,
  startModelServer,
  startRouter,
  type ModelServerProcess,
  type RouterProcess,
} from "./testing/processes";
import { reportBatchSchema, type ReportBatch } from "./report-schema";

// Metric batches reach a fake ingest server; failed POSTs are retried with the same sequence.

interface Received {
  auth: string | undefined;
  status: number;
  batch: ReportBatch;
}

let model: ModelServerProcess;
let router: RouterProcess;
let ingest: Server;
const received: Received[] = [];
let failuresLeft = 2;

beforeAll(async () => {
  ingest = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const batch = reportBatchSchema.parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      const status = batch.cells.length > 0 && failuresLeft-- > 0 ? 503 : 202;
      received.push({ auth: req.headers.authorization, status, batch });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => ingest.listen(0, "127.0.0.1", () => r()));
  const ingestUrl = `http://127.0.0.1:${(ingest.address() as AddressInfo).port}/api/v1/ingest/router-metrics`;
  model = await startModelServer(["--version=v1"]);
  router = await startRouter({
    env: {
      SWITCHYARD_INGEST_URL: ingestUrl,
      SWITCHYARD_INGEST_TOKEN: "ingest-secret",
      ROUTER_REPORT_INTERVAL_MS: "300",
    },
  });
});

afterAll(async () => {
  await Promise.all([model?.stop(), router?.stop()]);
  await new Promise((r) => ingest?.close(r));
});

describe("built-in router: reporter", () => {
  it("posts batches that parse, retries failures with the same sequence, and loses no counts", async () => {
    await putConfig(
      router,
      makeConfig({
        rolloutId: "ro_report",
        variants: [
          { key: "champion", role: "champion", upstream: model.url, version: "v1" },
          { key: "challenger", role: "challenger", upstream: model.url, version: "v2" },
        ],
        weights: { champion: 5_000, challenger: 5_000 },
        segmentHeader: "x-ticket-type",
        predictionField: "label",
      }),
    );
    await mapLimit(
      Array.from({ length: 50 }, (_, i) => i),
      5,
      (i) => predict(router.url, { user: `r-${i}`, ticketType: i % 2 ? "billing" : "account" }),
    );

    const deadline = Date.now() + 15_000;
    const accepted = () => received.filter((r) => r.status === 202 && r.batch.cells.length > 0);
    const total = () =>
      accepted()
        .flatMap((r) => r.batch.cells)
        .reduce((a, c) => a + c.requests, 0);
    while (total() < 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(total()).toBe(50);

    const failed = received.filter((r) => r.status === 503);
    expect(failed.length).toBe(2);
    // Each failed batch came back later, identical, with the same sequence.
    for (const f of failed) {
      const resent = accepted().find((a) => a.batch.sequence === f.batch.sequence);
      expect(resent?.batch).toEqual(f.batch);
    }
    const sequences = accepted().map((r) => r.batch.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(sequences.length);

    const first = accepted()[0];
    expect(first.auth).toBe("Bearer ingest-secret");
    expect(first.batch).toMatchObject({
      routerId: "test-router",
      rolloutId: "ro_report",
      system: "support-classifier",
    });
    const cells = accepted().flatMap((r) => r.batch.cells);
    expect(new Set(cells.map((c) => c.variant))).toEqual(new Set(["champion", "challenger"]));
    expect(new Set(cells.map((c) => c.segment))).toEqual(new Set(["billing", "account"]));
    for (const c of cells) {
      expect(new Date(c.bucketStart).getTime() % 10_000).toBe(0);
      expect(c.latencyBuckets.reduce((a, b) => a + b, 0)).toBe(c.requests);
      expect(Object.values(c.predictions).reduce((a, b) => a + b, 0)).toBe(c.requests);
    }
  });
});
