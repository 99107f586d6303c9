import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeConfig } from "./testing/fixtures";
import { adminGet, metricValue, predict } from "./testing/http";
import {
  putConfig,
  startModelServer,
  startRouter,
  type ModelServerProcess,
  type RouterProcess,
} from "./testing/processes";

// Bodies stream through the router both ways, and SIGTERM lets in-flight requests finish.

let echo: Server;
let echoUrl: string;
let slow: ModelServerProcess;
let router: RouterProcess;
const seen: { headers: Record<string, unknown>; bytes: number }[] = [];

beforeAll(async () => {
  // Echo upstream: answers the sha256 and size of what it received, then a 1 MiB chunked body.
  echo = createServer((req, res) => {
    const hash = createHash("sha256");
    let bytes = 0;
    req.on("data", (c: Buffer) => {
      hash.update(c);
      bytes += c.length;
    });
    req.on("end", () => {
      seen.push({ headers: req.headers, bytes });
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "x-sha256": hash.digest("hex"),
        "x-bytes": String(bytes),
      });
      const chunk = Buffer.alloc(64 * 1024, 7);
      for (let i = 0; i < 16; i++) res.write(chunk);
      res.end();
    });
  });
  await new Promise<void>((r) => echo.listen(0, "127.0.0.1", () => r()));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  slow = await startModelServer(["--latency-ms=400"]);
  router = await startRouter();
});

afterAll(async () => {
  await Promise.all([slow?.stop(), router?.stop()]);
  await new Promise((r) => echo?.close(r));
});

function upstreamConfig(upstream: string, version: number) {
  return makeConfig({
    version,
    variants: [
      { key: "champion", role: "champion", upstream, version: "v1" },
      { key: "challenger", role: "challenger", upstream, version: "v2" },
    ],
    weights: { champion: 10_000, challenger: 0 },
  });
}

describe("built-in router: bodies and shutdown", () => {
  it("streams a large request body (content-length and chunked) and a large chunked answer", async () => {
    await putConfig(router, upstreamConfig(echoUrl, 1));
    const payload = Buffer.alloc(3 * 1024 * 1024 + 17, 1);
    const sha = createHash("sha256").update(payload).digest("hex");
    for (const body of [payload, Readable.from([payload.subarray(0, 1_000_000), payload.subarray(1_000_000)])]) {
      const res = await request(`${router.url}/upload?x=1`, {
        method: "POST",
        body,
        headers: { "x-user-id": "u", connection: "keep-alive" },
      });
      const answer = Buffer.from(await res.body.arrayBuffer());
      expect(res.statusCode).toBe(200);
      expect(res.headers["x-sha256"]).toBe(sha);
      expect(res.headers["x-switchyard-variant"]).toBe("champion");
      expect(answer.length).toBe(16 * 64 * 1024);
    }
    const last = seen.at(-1)!;
    expect(last.headers["x-user-id"]).toBe("u");
    expect(last.headers.connection).not.toBe("close");
  });

  it("a client hanging up aborts the upstream call and is not counted as a variant error", async () => {
    await putConfig(router, upstreamConfig(slow.url, 2));
    const aborted = await request(`${router.url}/predict`, {
      method: "POST",
      body: JSON.stringify({ text: "slow" }),
      headers: { "content-type": "application/json" },
      signal: AbortSignal.timeout(100),
    }).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(Error);
    await new Promise((r) => setTimeout(r, 200));
    const m = (await adminGet(router, "/metrics")).text;
    expect(metricValue(m, "switchyard_client_aborts_total")).toBe(1);
    expect(metricValue(m, "switchyard_errors_total", { variant: "champion" })).toBe(0);
  });

  it("finishes in-flight requests on SIGTERM", async () => {
    const inflight = predict(router.url, { user: "late" });
    await new Promise((r) => setTimeout(r, 100));
    const stopped = router.stop();
    const res = await inflight;
    expect(res.status).toBe(200);
    await stopped;
    expect(router.logs.some((l) => l.includes('"stopped"'))).toBe(true);
  });
});
