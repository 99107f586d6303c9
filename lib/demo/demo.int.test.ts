import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeConfig } from "@/lib/dataplane/testing/fixtures";
import { predict } from "@/lib/dataplane/testing/http";
import {
  putConfig,
  startModelServer,
  startRouter,
  type ModelServerProcess,
  type RouterProcess,
} from "@/lib/dataplane/testing/processes";
import { outcomeBatchSchema } from "@/lib/ingest/schemas";
import { parseRequestId } from "@/lib/dataplane/request-id";
import { runTraffic } from "./traffic";
import type { OutcomeEvent } from "./outcome-poster";

// The seed story: a challenger that fails on billing tickets, driven by the traffic generator.

let champion: ModelServerProcess;
let challenger: ModelServerProcess;
let router: RouterProcess;
let outcomesServer: Server;
const outcomes: (OutcomeEvent & { receivedAt: number })[] = [];
/** The next this-many POSTs fail with 503, as when the web app is restarting. */
let failNext = 0;
let failedPosts = 0;

beforeAll(async () => {
  outcomesServer = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        failedPosts++;
        res.writeHead(503).end();
        return;
      }
      // The control plane's own schema: the generator's batches must be what its ingest accepts.
      outcomeBatchSchema.parse(JSON.parse(body));
      const receivedAt = Date.now();
      outcomes.push(...(JSON.parse(body) as { events: OutcomeEvent[] }).events.map((e) => ({ ...e, receivedAt })));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => outcomesServer.listen(0, "127.0.0.1", () => r()));
  [champion, challenger, router] = await Promise.all([
    startModelServer(["--version=v1"]),
    startModelServer([
      "--version=v2",
      "--flavor=bigram",
      "--latency-ms=20",
      "--error-rate=1",
      "--error-ticket-type=billing",
    ]),
    startRouter(),
  ]);
});

afterAll(async () => {
  await Promise.all([champion?.stop(), challenger?.stop(), router?.stop()]);
  await new Promise((r) => outcomesServer?.close(r));
});

describe("demo model servers and traffic", () => {
  it("the challenger is slower and fails only billing tickets", async () => {
    const t0 = performance.now();
    expect((await predict(challenger.url, { ticketType: "technical", text: "The app crashes" })).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
    expect((await predict(challenger.url, { ticketType: "billing" })).status).toBe(503);
    expect((await predict(champion.url, { ticketType: "billing" })).body).toMatchObject({
      label: "billing",
      model_version: "v1",
    });
  });

  it("sends labelled traffic through the router and posts every answer's label a few seconds later, by request id alone", async () => {
    await putConfig(
      router,
      makeConfig({
        variants: [
          { key: "champion", role: "champion", upstream: champion.url, version: "v1" },
          { key: "challenger", role: "challenger", upstream: challenger.url, version: "v2" },
        ],
        weights: { champion: 5_000, challenger: 5_000 },
      }),
    );
    const outcomeUrl = `http://127.0.0.1:${(outcomesServer.address() as AddressInfo).port}/outcomes`;
    // The first two posts fail: the same events come again, nothing lost, nothing twice.
    failNext = 2;
    const summary = await runTraffic({
      router: router.url,
      rate: 200,
      count: 112,
      users: 50,
      outcomeUrl,
      outcomeDelayMs: 1_500,
    });
    expect(summary.sent).toBe(112);
    expect(summary.failures).toBe(0);
    const champ = summary.byVariant.champion;
    const chall = summary.byVariant.challenger;
    expect(champ.requests + chall.requests).toBe(112);
    expect(champ.errors).toBe(0);
    expect(chall.errors).toBeGreaterThan(0);
    expect(failedPosts).toBe(2);
    expect(summary.outcomeRetries).toBe(2);
    expect(summary.outcomesPosted).toBe(112 - chall.errors);
    expect(outcomes.length).toBe(summary.outcomesPosted);
    expect(new Set(outcomes.map((o) => o.eventId)).size).toBe(outcomes.length);
    for (const o of outcomes) {
      const id = parseRequestId(o.requestId!);
      expect(id).toMatchObject({ rolloutId: "ro_1" });
      expect(o.kind).toBe("label");
      expect([o.rolloutId, o.variant, o.occurredAt]).toEqual([undefined, undefined, undefined]);
      // Posted a few seconds after the answer, as a consumer learns the truth later.
      expect(o.receivedAt - id!.servedAt.getTime()).toBeGreaterThanOrEqual(1_400);
    }
    const variantOf = (o: OutcomeEvent) => parseRequestId(o.requestId!)!.variant;
    expect(outcomes.every((o) => variantOf(o) !== "challenger" || o.segment !== "billing")).toBe(true);
    expect(outcomes.filter((o) => o.value === 1).length).toBeGreaterThan(outcomes.length * 0.7);
  });
});
