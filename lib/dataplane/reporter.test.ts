import { mkdtemp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Metrics } from "./metrics";
import { Reporter } from "./reporter";
import type { ReportBatch } from "./report-schema";

let server: Server | null = null;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

async function ingest(status: () => number, got: ReportBatch[]): Promise<string> {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      got.push(JSON.parse(body) as ReportBatch);
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/ingest`;
}

function reporter(url: string, dataDir: string, metrics: Metrics, maxPending = 10): Reporter {
  return new Reporter({
    url,
    token: "t",
    routerId: "r1",
    intervalMs: 60_000,
    maxPending,
    timeoutMs: 2_000,
    dataDir,
    metrics,
    served: () => ({ system: "s", configVersion: 1 }),
    log: () => {},
  });
}

describe("Reporter", () => {
  it("keeps sequences rising across restarts", async () => {
    const got: ReportBatch[] = [];
    const url = await ingest(() => 202, got);
    const dir = await mkdtemp(path.join(tmpdir(), "switchyard-rep-"));
    for (let run = 0; run < 2; run++) {
      const metrics = new Metrics();
      const r = reporter(url, dir, metrics);
      await r.start();
      metrics.recordRequest("ro", "champion", "", 1, false);
      await r.tick();
      metrics.recordRequest("ro", "champion", "", 1, false);
      await r.stop();
    }
    const seq = got.map((b) => b.sequence);
    expect(seq.length).toBe(4);
    expect([...seq].sort((a, b) => a - b)).toEqual(seq);
    expect(new Set(seq).size).toBe(4);
  });

  it("bounds the spool, dropping the oldest batches and reporting how many", async () => {
    let status = 503;
    const got: ReportBatch[] = [];
    const url = await ingest(() => status, got);
    const metrics = new Metrics();
    const r = reporter(url, await mkdtemp(path.join(tmpdir(), "switchyard-rep-")), metrics, 3);
    await r.start();
    for (let i = 0; i < 5; i++) {
      metrics.recordRequest("ro", "champion", "", 1, false);
      await r.tick();
    }
    expect(r.pendingCount).toBe(3);
    expect(metrics.counters.reportsDropped).toBe(2);
    expect(metrics.counters.reportsFailed).toBe(5);
    status = 202;
    got.length = 0;
    metrics.recordRequest("ro", "champion", "", 1, false);
    await r.tick();
    expect(r.pendingCount).toBe(0);
    // The new batch made four: the oldest went too. The new one carries the count dropped before it.
    expect(got.length).toBe(3);
    expect(metrics.counters.reportsDropped).toBe(3);
    expect(got.at(-1)!.droppedBatches).toBe(2);
    await r.stop();
  });

  it("keeps unsent batches on disk across a restart and sends them, same id, in order", async () => {
    let status = 503;
    const got: ReportBatch[] = [];
    const url = await ingest(() => status, got);
    const dir = await mkdtemp(path.join(tmpdir(), "switchyard-rep-"));
    const first = new Metrics();
    const a = reporter(url, dir, first);
    await a.start();
    first.recordRequest("ro", "champion", "", 1, false);
    await a.tick();
    first.recordRequest("ro", "challenger", "", 1, false);
    first.recordRequest("ro", "challenger", "", 1, false);
    await a.stop();
    const refused = [...got];
    expect(refused.length).toBeGreaterThanOrEqual(1);

    status = 202;
    got.length = 0;
    const b = reporter(url, dir, new Metrics());
    await b.start();
    await b.tick();
    expect(b.pendingCount).toBe(0);
    expect(got.map((x) => x.cells[0].variant)).toEqual(["champion", "challenger"]);
    // The first is the very batch the ingest refused before the restart (same id: no double count).
    expect(got[0].batchId).toBe(refused[0].batchId);
    expect(got[0].sequence).toBe(refused[0].sequence);
    expect(new Set(got.map((x) => x.batchId)).size).toBe(2);
    await b.stop();
  });
});
