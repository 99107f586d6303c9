// Real HAProxy 2.6 driven through its Runtime API; real requests counted per backend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HaproxyAdapter } from "./haproxy";
import { HaproxyRuntimeClient, parseServersState } from "./haproxy-runtime";
import { RouterError, type RoutingConfig } from "./types";
import { parseRequestId, REQUEST_ID_HEADER } from "../dataplane/request-id";
import { freePort } from "./testing/free-port";
import { twoArmConfig } from "./testing/routing-config";
import { startHaproxy, type HaproxyInstance } from "./testing/start-haproxy";
import { countBackends } from "./testing/traffic";
import { startUpstreamServer, type UpstreamServer } from "./testing/upstream-server";

let champion: UpstreamServer;
let challenger: UpstreamServer;
let haproxy: HaproxyInstance;
let adapter: HaproxyAdapter;
let version = 1;
let epoch = 1;
const config = (challengerBasisPoints: number, extra: Partial<RoutingConfig> = {}) =>
  twoArmConfig(
    { champion: champion.url, challenger: challenger.url },
    { version: ++version, epoch, challengerBasisPoints, ...extra },
  );

beforeAll(async () => {
  champion = await startUpstreamServer("champion");
  challenger = await startUpstreamServer("challenger");
  haproxy = await startHaproxy(twoArmConfig({ champion: champion.url, challenger: challenger.url }));
  adapter = new HaproxyAdapter({
    endpoint: haproxy.runtimeEndpoint,
    settings: { backend: haproxy.backend, servers: haproxy.servers },
  });
});

afterAll(async () => {
  await haproxy?.stop();
  await champion?.close();
  await challenger?.close();
});

async function rejection(p: Promise<unknown>): Promise<RouterError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RouterError);
  return err as RouterError;
}

describe("HAProxy adapter against haproxy 2.6", () => {
  it("drives a canary 0 → 10 → 50 → 100 % and real traffic follows each step", async () => {
    for (const bp of [0, 1_000, 5_000, 10_000]) {
      const desired = config(bp);
      await adapter.apply(desired);
      expect(await adapter.readBack()).toEqual({ version: desired.version, weights: desired.weights });
      const counts = await countBackends(haproxy.url, 400);
      expect(counts.error ?? 0).toBe(0);
      expect(Math.abs((counts.challenger ?? 0) / 400 - bp / 10_000)).toBeLessThanOrEqual(0.03);
    }
  });

  it("stamps every answer with a request id naming the rollout and the variant that served it", async () => {
    const before = Date.now();
    await adapter.apply(config(5_000, { rolloutId: "cmrollouthaproxy01" }));
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const res = await fetch(haproxy.url, { headers: { [REQUEST_ID_HEADER]: "caller-chosen" } });
      const backend = await res.text();
      const id = res.headers.get(REQUEST_ID_HEADER) ?? "";
      const parsed = parseRequestId(id);
      expect(parsed, id).not.toBeNull();
      expect(parsed!.rolloutId).toBe("cmrollouthaproxy01");
      expect(parsed!.variant).toBe(backend);
      expect(parsed!.servedAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
      expect(parsed!.servedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
      expect(seen.has(id)).toBe(false);
      seen.add(id);
    }
    expect(new Set([...seen].map((id) => parseRequestId(id)!.variant))).toEqual(new Set(["champion", "challenger"]));
    // No rollout: the champion's answers say so.
    await adapter.apply(config(0, { rolloutId: null }));
    const idle = (await fetch(haproxy.url)).headers.get(REQUEST_ID_HEADER) ?? "";
    expect(parseRequestId(idle)).toMatchObject({ rolloutId: null, variant: "champion" });
  });

  it("keeps unit-keyed requests sticky (balance hdr over consistent hashing)", async () => {
    await adapter.apply(config(5_000));
    const first = await countBackends(haproxy.url, 40, { headersFor: () => ({ "x-user-id": "user-42" }) });
    expect(Object.keys(first)).toHaveLength(1);
    const spread = await countBackends(haproxy.url, 400, { headersFor: (i) => ({ "x-user-id": `user-${i}` }) });
    expect(spread.champion).toBeGreaterThan(100);
    expect(spread.challenger).toBeGreaterThan(100);
  });

  it("takes the rollout salt at runtime: a new salt reassigns users without a reload", async () => {
    const assign = async () => {
      const out: string[] = [];
      for (let i = 0; i < 100; i++)
        out.push(
          (await countBackends(haproxy.url, 1, { concurrency: 1, headersFor: () => ({ "x-user-id": `salted-${i}` }) }))
            .champion
            ? "m"
            : "l",
        );
      return out.join("");
    };
    await adapter.apply(config(5_000, { salt: "rollout-a" }));
    const a = await assign();
    expect(await assign()).toBe(a);
    await adapter.apply(config(5_000, { salt: "rollout-b" }));
    expect(await assign()).not.toBe(a);
  });

  it("maps basis points finer than 1:256 to the nearest ratio and still reads back the desired weights", async () => {
    const desired = config(1);
    await adapter.apply(desired);
    const client = new HaproxyRuntimeClient(haproxy.runtimeEndpoint);
    const states = parseServersState(await client.query(`show servers state ${haproxy.backend}`));
    expect(Object.fromEntries(states.map((s) => [s.name, s.weight]))).toEqual({ champion: 256, challenger: 1 });
    expect(await adapter.readBack()).toEqual({ version: desired.version, weights: desired.weights });
  });

  it("reports weights changed behind its back as served, not as desired", async () => {
    await adapter.apply(config(5_000));
    await new HaproxyRuntimeClient(haproxy.runtimeEndpoint).execute(
      `set server ${haproxy.backend}/challenger weight 3`,
    );
    expect((await adapter.readBack()).weights).toEqual({ champion: 2_500, challenger: 7_500 });
  });

  it("works over the unix socket too", async () => {
    const viaUnix = new HaproxyAdapter({
      endpoint: haproxy.runtimeSocket,
      settings: { backend: haproxy.backend, servers: haproxy.servers },
    });
    const desired = config(2_500);
    await viaUnix.apply(desired);
    expect(await adapter.readBack()).toEqual({ version: desired.version, weights: desired.weights });
  });

  it("kill switch sends everything to the champion", async () => {
    await adapter.apply(config(5_000, { killSwitch: true }));
    expect((await adapter.readBack()).weights).toEqual({ champion: 10_000, challenger: 0 });
    expect(await countBackends(haproxy.url, 50)).toEqual({ champion: 50 });
  });

  it("refuses stale versions and epochs", async () => {
    epoch = 5;
    const current = config(1_000);
    await adapter.apply(current);
    expect((await rejection(adapter.apply({ ...current, version: current.version - 1 }))).code).toBe("stale_version");
    expect((await rejection(adapter.apply({ ...current, epoch: 4 }))).code).toBe("stale_epoch");
    await adapter.apply(current); // the same version again is a no-op, not an error
  });

  it("surfaces HAProxy refusing a command (unknown server) as RouterError refused", async () => {
    const client = new HaproxyRuntimeClient(haproxy.runtimeEndpoint);
    const err = await rejection(client.execute(`set server ${haproxy.backend}/ghost weight 1`));
    expect(err.code).toBe("refused");
    expect(err.message).toMatch(/No such server/);
    const ghost = new HaproxyAdapter({
      endpoint: haproxy.runtimeEndpoint,
      settings: { backend: haproxy.backend, servers: { champion: "champion", challenger: "ghost" } },
    });
    expect((await rejection(ghost.apply(config(1_000)))).code).toBe("refused");
    const noBackend = new HaproxyAdapter({
      endpoint: haproxy.runtimeEndpoint,
      settings: { backend: "be_nope", servers: haproxy.servers },
    });
    expect((await rejection(noBackend.readBack())).code).toBe("refused");
  });

  it("rejects what HAProxy can't serve at runtime (targeting rules) as invalid_config", async () => {
    const err = await rejection(
      adapter.apply(config(1_000, { rules: [{ id: "r1", conditions: [], variant: "challenger" }] })),
    );
    expect(err.code).toBe("invalid_config");
    expect(err.retryable).toBe(false);
  });

  it("health: healthy, degraded with a serving server in maintenance", async () => {
    await adapter.apply(config(5_000));
    expect((await adapter.health()).status).toBe("healthy");
    const client = new HaproxyRuntimeClient(haproxy.runtimeEndpoint);
    await client.execute(`set server ${haproxy.backend}/challenger state maint`);
    try {
      const h = await adapter.health();
      expect(h.status).toBe("degraded");
      expect(h.detail).toMatch(/challenger maint/);
    } finally {
      await client.execute(`set server ${haproxy.backend}/challenger state ready`);
    }
  });

  it("an unreachable HAProxy is RouterError unreachable and health down", async () => {
    const closed = new HaproxyAdapter({
      endpoint: `tcp://127.0.0.1:${await freePort()}`,
      settings: { backend: "b", servers: { champion: "c" } },
    });
    const err = await rejection(closed.apply(config(0)));
    expect(err.code).toBe("unreachable");
    expect(err.retryable).toBe(true);
    expect((await closed.health()).status).toBe("down");
    const noSocket = new HaproxyAdapter({
      endpoint: "unix:/nonexistent/haproxy.sock",
      settings: { backend: "b", servers: { champion: "c" } },
    });
    expect((await rejection(noSocket.readBack())).code).toBe("unreachable");
  });
});
