import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RouterError, type RouterTarget } from "@/lib/routers/types";
import { abSticky, canarySteps, killSwitch } from "./k8s/fixtures";
import { createWebhookAdapter, verifyWebhookSignature } from "./webhook";
import { signWebhookBody } from "./webhook-signature";

const SECRET = "whsec_test";
interface Delivery {
  body: string;
  signature?: string;
  timestamp?: string;
  delivery?: string;
  verified: boolean;
}

let server: http.Server;
let base = "";
let deliveries: Delivery[] = [];
let script: Array<number | "hang"> = [];
let state: { version: number | null; weights: Record<string, number> } = { version: null, weights: {} };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const h = (n: string) => req.headers[n] as string | undefined;
      const verified = verifyWebhookSignature({
        secret: SECRET,
        body,
        signature: h("x-switchyard-signature"),
        timestamp: h("x-switchyard-timestamp"),
      });
      if (req.method === "GET" && req.url === "/state")
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(state));
      if (req.method === "GET" && req.url === "/broken") return void res.writeHead(200).end('{"nope":1}');
      deliveries.push({
        body,
        signature: h("x-switchyard-signature"),
        timestamp: h("x-switchyard-timestamp"),
        delivery: h("x-switchyard-delivery"),
        verified,
      });
      const next = script.shift();
      if (next === "hang") return; // client times out
      if (next) return void res.writeHead(next).end("scripted failure");
      if (!verified) return void res.writeHead(401).end("bad signature");
      const cfg = JSON.parse(body);
      state = { version: cfg.version, weights: cfg.weights };
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  deliveries = [];
  script = [];
  state = { version: null, weights: {} };
});

const sleeps: number[] = [];
const target = (over: Partial<RouterTarget> = {}, settings: Record<string, unknown> = {}): RouterTarget => ({
  id: "w1",
  name: "hook",
  kind: "webhook",
  endpoint: `${base}/apply`,
  secret: SECRET,
  settings: { readBackUrl: `${base}/state`, timeoutMs: 500, baseDelayMs: 100, ...settings },
  ...over,
});
const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a RouterError");
    },
    (e) => e as RouterError,
  );
const adapter = (t = target()) =>
  createWebhookAdapter(t, { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });

describe("webhook adapter", () => {
  it("POSTs the signed config and reads it back", async () => {
    const a = adapter();
    await a.apply(abSticky);
    expect(deliveries).toHaveLength(1);
    const d = deliveries[0];
    expect(d.verified).toBe(true);
    expect(d.signature).toBe(signWebhookBody(SECRET, d.timestamp!, d.body));
    expect(Object.keys(JSON.parse(d.body))).toEqual(
      expect.arrayContaining(["version", "epoch", "system", "rolloutId", "weights", "variants", "rules", "mirror"]),
    );
    expect(await a.readBack()).toEqual({ version: 1, weights: { champion: 5_000, challenger: 5_000 } });
    expect((await a.health()).status).toBe("healthy");
  });

  it("a tampered body, a wrong secret or an old timestamp fail verification", () => {
    const body = JSON.stringify({ version: 1 });
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = signWebhookBody(SECRET, ts, body);
    expect(verifyWebhookSignature({ secret: SECRET, body, signature, timestamp: ts })).toBe(true);
    expect(verifyWebhookSignature({ secret: SECRET, body: body.replace("1", "2"), signature, timestamp: ts })).toBe(
      false,
    );
    expect(verifyWebhookSignature({ secret: "other", body, signature, timestamp: ts })).toBe(false);
    expect(verifyWebhookSignature({ secret: SECRET, body, signature, timestamp: String(Number(ts) - 1) })).toBe(false);
    const old = String(Number(ts) - 3_600);
    expect(
      verifyWebhookSignature({ secret: SECRET, body, signature: signWebhookBody(SECRET, old, body), timestamp: old }),
    ).toBe(false);
  });

  it("the receiver rejects a request signed with another secret (401, not retried)", async () => {
    const e = await caught(adapter(target({ secret: "wrong" })).apply(canarySteps[0]));
    expect([e.code, e.retryable]).toEqual(["refused", false]);
    expect(deliveries).toHaveLength(1);
  });

  it("retries 5xx and timeouts with growing jittered backoff, then succeeds", async () => {
    sleeps.length = 0;
    script = [503, "hang"];
    await adapter().apply(canarySteps[1]);
    expect(deliveries).toHaveLength(3);
    expect(new Set(deliveries.map((d) => d.delivery)).size).toBe(1);
    expect(deliveries.every((d) => d.verified)).toBe(true);
    expect(sleeps).toEqual([75, 150]); // cap 100·2^(n-1), half fixed + half jitter (random = 0.5)
    expect(await adapter().readBack()).toEqual({ version: 3, weights: { champion: 9_000, challenger: 1_000 } });
  });

  it("gives up after maxAttempts, and does not retry a 4xx", async () => {
    script = [500, 502, 503];
    const e = await caught(adapter(target({}, { maxAttempts: 3 })).apply(canarySteps[0]));
    expect([e.code, deliveries.length]).toEqual(["unreachable", 3]);
    deliveries = [];
    script = [422];
    const e2 = await caught(adapter().apply(canarySteps[0]));
    expect([e2.code, deliveries.length]).toEqual(["invalid_config", 1]);
  });

  it("sends kill-switch weights, and refuses malformed read-back or a missing secret", async () => {
    await adapter().apply(killSwitch);
    expect(JSON.parse(deliveries[0].body)).toMatchObject({
      killSwitch: true,
      weights: { champion: 10_000, challenger: 0 },
      rules: [],
    });
    const bad = adapter(target({}, { readBackUrl: `${base}/broken` }));
    expect((await caught(bad.readBack())).code).toBe("mismatch");
    expect((await caught(adapter(target({ secret: null })).apply(canarySteps[0]))).code).toBe("invalid_config");
  });
});
