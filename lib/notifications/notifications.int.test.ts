import crypto from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { encryptSecret } from "../crypto/secret-box";
import type { ServiceContext } from "../permissions";
import { enqueueNotification } from "./enqueue-notification";
import { deliverPendingNotifications } from "./deliver-pending";
import { verifyNotificationSignature } from "./sign-payload";
import { openIncident } from "../incidents/open-incident";
import { createRolloutFixture } from "../records/testing/rollout-fixture";
import { freePort } from "../testing/free-port";

vi.mock("server-only", () => ({}));

// A local receiver that fails the first two deliveries, then accepts; and an endpoint nobody
// listens on. Deliveries are signed, retried with backoff, and a dead endpoint blocks nothing.
let t: TestDatabase;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let failuresLeft = 2;
const SECRET = "whsec-test-secret";
const rm: ServiceContext = {
  actor: { type: "user", id: "u-rm", role: "release_manager", label: "Rick <r@x>" },
  requestId: "r",
};

beforeAll(async () => {
  process.env.SWITCHYARD_SECRET_KEY ??= crypto.randomBytes(32).toString("base64");
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end("busy");
        return;
      }
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  await t.db.notificationEndpoint.create({
    data: {
      name: "local",
      url: receiverUrl,
      secretEncrypted: encryptSecret(SECRET),
      events: ["incident.opened", "rollback.executed"],
    },
  });
  // A port nobody listens on: connection refused, i.e. an endpoint that is down.
  await t.db.notificationEndpoint.create({
    data: { name: "down", url: `http://127.0.0.1:${await freePort()}/hook`, events: ["*"] },
  });
  await t.db.notificationEndpoint.create({
    data: { name: "disabled", url: receiverUrl, events: ["*"], enabled: false },
  });
});
afterAll(async () => {
  await new Promise((r) => receiver?.close(r));
  await t?.drop();
});

describe("notifications", () => {
  it("enqueues in the caller's transaction, only for enabled subscribed endpoints, and rolls back with it", async () => {
    const n = await t.db.$transaction((tx) =>
      enqueueNotification(tx, { event: "rollout.completed", title: "done", text: "done" }),
    );
    expect(n).toBe(1); // only "down" (subscribed to *); "local" isn't subscribed, "disabled" is off
    await expect(
      t.db.$transaction(async (tx) => {
        await enqueueNotification(tx, { event: "rollback.executed", title: "x", text: "x" });
        throw new Error("business change failed");
      }),
    ).rejects.toThrow();
    expect(await t.db.notificationDelivery.count({ where: { event: "rollback.executed" } })).toBe(0);
    await t.db.notificationDelivery.deleteMany({});
  });

  it("a rollback's incident is queued at once even though an endpoint is down; sending happens later", async () => {
    const f = await createRolloutFixture(t.db);
    const t0 = performance.now();
    const incident = await t.db.$transaction((tx) =>
      openIncident(
        tx,
        { ...rm, actor: { ...rm.actor, id: f.authorId } as ServiceContext["actor"] },
        {
          systemId: f.systemId,
          rolloutId: f.rolloutId,
          title: "Rolled back 1.1",
          severity: "major",
          message: "All traffic back on 1.0.",
        },
      ),
    );
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(incident.updates).toHaveLength(1);
    const queued = await t.db.notificationDelivery.findMany({ include: { endpoint: true } });
    expect(queued.map((d) => d.endpoint.name).sort()).toEqual(["down", "local"]);
    expect(await t.db.auditEvent.count({ where: { action: "incident.open", entityId: incident.id } })).toBe(1);
  });

  it("signs, retries with exponential backoff after failures, and marks the dead endpoint failed after N attempts", async () => {
    let now = new Date();
    const opts = { maxAttempts: 3, baseDelayMs: 1_000, timeoutMs: 2_000 };
    let s = await deliverPendingNotifications(t.db, { ...opts, now });
    expect(s).toMatchObject({ attempted: 2, delivered: 0, retrying: 2 });
    const local = await t.db.notificationDelivery.findFirstOrThrow({ where: { endpoint: { name: "local" } } });
    expect(local).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 503" });
    expect(local.nextAttemptAt.getTime() - now.getTime()).toBe(1_000);
    const down = await t.db.notificationDelivery.findFirstOrThrow({ where: { endpoint: { name: "down" } } });
    expect(down.lastError).toMatch(/ECONNREFUSED/);

    // Not due yet: nothing is sent.
    expect((await deliverPendingNotifications(t.db, { ...opts, now })).attempted).toBe(0);
    now = new Date(now.getTime() + 1_000);
    s = await deliverPendingNotifications(t.db, { ...opts, now });
    expect(s).toMatchObject({ attempted: 2, retrying: 2 });
    const second = await t.db.notificationDelivery.findFirstOrThrow({ where: { endpoint: { name: "local" } } });
    expect(second.nextAttemptAt.getTime() - now.getTime()).toBe(2_000); // doubled
    now = new Date(now.getTime() + 2_000);
    s = await deliverPendingNotifications(t.db, { ...opts, now });
    expect(s).toMatchObject({ attempted: 2, delivered: 1, failed: 1 });

    const done = await t.db.notificationDelivery.findFirstOrThrow({ where: { endpoint: { name: "local" } } });
    expect(done).toMatchObject({ status: "delivered", attempts: 3 });
    const dead = await t.db.notificationDelivery.findFirstOrThrow({ where: { endpoint: { name: "down" } } });
    expect(dead).toMatchObject({ status: "failed", attempts: 3 });

    expect(received).toHaveLength(1);
    const [msg] = received;
    const headers = {
      signature: msg!.headers["x-switchyard-signature"] as string,
      timestamp: msg!.headers["x-switchyard-timestamp"] as string,
    };
    const ok = verifyNotificationSignature({ secret: SECRET, headers, body: msg!.body });
    expect(ok).toBe(true);
    expect(verifyNotificationSignature({ secret: "wrong", headers, body: msg!.body })).toBe(false);
    const payload = JSON.parse(msg!.body);
    expect(payload.text).toContain("Rolled back 1.1");
    expect(payload.blocks[0]).toMatchObject({ type: "header" });
    expect(payload.switchyard).toMatchObject({ event: "incident.opened" });
    expect(msg!.headers["x-switchyard-event"]).toBe("incident.opened");
  });

  it("a receiver that never answers times out instead of hanging the loop", async () => {
    const hang = createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, "127.0.0.1", () => r()));
    const ep = await t.db.notificationEndpoint.create({
      data: {
        name: "hangs",
        url: `http://127.0.0.1:${(hang.address() as AddressInfo).port}/`,
        events: ["incident.updated"],
      },
    });
    await t.db.$transaction((tx) =>
      enqueueNotification(tx, { event: "incident.updated", title: "u", text: "u" }, { endpointId: ep.id }),
    );
    const t0 = performance.now();
    const s = await deliverPendingNotifications(t.db, { timeoutMs: 300 });
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(s.retrying).toBe(1);
    expect((await t.db.notificationDelivery.findFirstOrThrow({ where: { endpointId: ep.id } })).lastError).toBe(
      "no answer within 300 ms",
    );
    hang.closeAllConnections();
    await new Promise((r) => hang.close(r));
  });
});
