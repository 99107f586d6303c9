// Real NGINX driven by the adapter: file swap, nginx -t, graceful reload, served read-back.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NginxAdapter, nginxHostConfig } from "./nginx";
import { parseNginxHeader } from "./nginx-render";
import { RouterError, type RoutingConfig } from "./types";
import { parseRequestId, REQUEST_ID_HEADER } from "../dataplane/request-id";
import { freePort } from "./testing/free-port";
import { twoArmConfig } from "./testing/routing-config";
import { startNginx, type NginxInstance } from "./testing/start-nginx";
import { countBackends, startRequestStream } from "./testing/traffic";
import { startUpstreamServer, type UpstreamServer } from "./testing/upstream-server";

let champion: UpstreamServer;
let challenger: UpstreamServer;
let nginx: NginxInstance;
let adapter: NginxAdapter;
let version = 1;
const config = (challengerBasisPoints: number, extra: Partial<RoutingConfig> = {}) =>
  twoArmConfig(
    { champion: champion.url, challenger: challenger.url },
    { version: ++version, challengerBasisPoints, ...extra },
  );
const users = (prefix: string) => (i: number) => ({ "x-user-id": `${prefix}-${i}` });

beforeAll(async () => {
  champion = await startUpstreamServer("champion");
  challenger = await startUpstreamServer("challenger");
  nginx = await startNginx(twoArmConfig({ champion: champion.url, challenger: challenger.url }));
  adapter = new NginxAdapter({ settings: { ...nginx.settings } }, nginx.host);
});

afterAll(async () => {
  await nginx?.stop();
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

describe("NGINX adapter against nginx 1.22", () => {
  it("drives a canary 0 → 10 → 50 → 100 % and real traffic follows each step", async () => {
    for (const bp of [0, 1_000, 5_000, 10_000]) {
      const desired = config(bp);
      await adapter.apply(desired);
      expect(await adapter.readBack()).toEqual({ version: desired.version, weights: desired.weights });
      expect(parseNginxHeader(await readFile(nginx.settings.configPath, "utf8"))?.version).toBe(desired.version);
      // Without a unit key: weighted round-robin, near exact.
      const keyless = await countBackends(nginx.url, 200);
      expect(keyless.error ?? 0).toBe(0);
      expect(Math.abs((keyless.challenger ?? 0) / 200 - bp / 10_000)).toBeLessThanOrEqual(0.03);
      // With a unit key: split_clients over 1 000 users.
      const keyed = await countBackends(nginx.url, 1_000, { headersFor: users("canary") });
      expect(keyed.error ?? 0).toBe(0);
      expect(Math.abs((keyed.challenger ?? 0) / 1_000 - bp / 10_000)).toBeLessThanOrEqual(0.04);
    }
  });

  it("stamps every answer with a request id naming the rollout and the variant that served it", async () => {
    const before = Date.now();
    await adapter.apply(config(5_000, { rolloutId: "cmrolloutnginx0001" }));
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const res = await fetch(nginx.url, { headers: { [REQUEST_ID_HEADER]: "caller-chosen" } });
      const backend = await res.text();
      const id = res.headers.get(REQUEST_ID_HEADER) ?? "";
      const parsed = parseRequestId(id);
      expect(parsed, id).not.toBeNull();
      expect(parsed!.rolloutId).toBe("cmrolloutnginx0001");
      expect(parsed!.variant).toBe(backend);
      expect(res.headers.get("x-switchyard-variant")).toBe(backend);
      expect(parsed!.servedAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
      expect(parsed!.servedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
      expect(seen.has(id)).toBe(false);
      seen.add(id);
    }
    expect(new Set([...seen].map((id) => parseRequestId(id)!.variant))).toEqual(new Set(["champion", "challenger"]));
    await adapter.apply(config(0, { rolloutId: null }));
    const idle = (await fetch(nginx.url)).headers.get(REQUEST_ID_HEADER) ?? "";
    expect(parseRequestId(idle)).toMatchObject({ rolloutId: null, variant: "champion" });
  });

  it("is sticky per user and raising the weight only moves users to the challenger", async () => {
    await adapter.apply(config(1_000));
    const at10 = await assignments(300);
    expect(await assignments(300)).toEqual(at10);
    await adapter.apply(config(5_000));
    const at50 = await assignments(300);
    for (let i = 0; i < 300; i++) if (at10[i] === "challenger") expect(at50[i]).toBe("challenger");
    expect(at50.filter((b) => b === "challenger").length).toBeGreaterThan(
      at10.filter((b) => b === "challenger").length,
    );
  });

  it("honours the override header and the kill switch", async () => {
    await adapter.apply(config(0));
    expect(
      await countBackends(nginx.url, 20, { headersFor: () => ({ "x-switchyard-variant": "challenger" }) }),
    ).toEqual({ challenger: 20 });
    await adapter.apply(config(5_000, { killSwitch: true }));
    expect((await adapter.readBack()).weights).toEqual({ champion: 10_000, challenger: 0 });
    expect(await countBackends(nginx.url, 50, { headersFor: users("kill") })).toEqual({ champion: 50 });
  });

  it("rejects an invalid config and keeps serving the running one", async () => {
    const good = config(2_000);
    await adapter.apply(good);
    const fileBefore = await readFile(nginx.settings.configPath, "utf8");

    const bogus = new NginxAdapter(
      { settings: { ...nginx.settings, upstreamDirectives: ["bogus_directive on"] } },
      nginx.host,
    );
    const err = await rejection(bogus.apply(config(3_000)));
    expect(err.code).toBe("invalid_config");
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/bogus_directive/);

    const badHost = config(3_000);
    badHost.variants[1] = { ...badHost.variants[1], upstream: "http://no-such-host.invalid:8080" };
    expect((await rejection(adapter.apply(badHost))).code).toBe("invalid_config");

    expect(await readFile(nginx.settings.configPath, "utf8")).toBe(fileBefore);
    expect(await adapter.readBack()).toEqual({ version: good.version, weights: good.weights });
    const counts = await countBackends(nginx.url, 100);
    expect(counts.error ?? 0).toBe(0);
    expect(counts.challenger).toBe(20);
    expect((await adapter.health()).status).toBe("healthy");
  });

  it("refuses stale versions and epochs; re-applying the same version is a no-op", async () => {
    const current = config(1_000, { epoch: 3 });
    await adapter.apply(current);
    expect((await rejection(adapter.apply({ ...current, version: current.version - 1 }))).code).toBe("stale_version");
    expect((await rejection(adapter.apply({ ...current, epoch: 2 }))).code).toBe("stale_epoch");
    await adapter.apply(current);
  });

  it("fails no request across 5 reloads under continuous load", async () => {
    const fresh = startRequestStream(nginx.url, { concurrency: 4 });
    const keyed = startRequestStream(nginx.url, {
      concurrency: 2,
      keepAlive: true,
      headers: { "x-user-id": "steady-user" },
    });
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 5; i++) {
      await adapter.apply(config(i % 2 === 0 ? 9_000 : 1_000, { epoch: 3 }));
      await new Promise((r) => setTimeout(r, 100));
    }
    const freshSamples = await fresh.stop();
    const keptAlive = await keyed.stop();
    expect(freshSamples.length).toBeGreaterThan(100);
    // One connection per request: nothing to retry, and nothing fails.
    expect(freshSamples.filter((s) => s.error || s.retried)).toEqual([]);
    // Keep-alive: an old worker closes its idle connections when it leaves; a request racing that
    // close is re-sent once on a new connection (req.reusedSocket, as browsers do) and succeeds.
    expect(keptAlive.filter((s) => s.error)).toEqual([]);
    expect(keptAlive.length).toBeGreaterThan(50);
  });

  it("reloads with the controller's reload command (its environment), not with anything in settings", async () => {
    const marker = `${nginx.dir}/reloaded-by-host-command`;
    const script = `echo yes > ${marker} && kill -HUP "$(cat ${nginx.settings.pidFile})"`;
    const hostReload = new NginxAdapter(
      { settings: { ...nginx.settings, pidFile: undefined } },
      nginxHostConfig({
        SWITCHYARD_NGINX_BINARY: nginx.host.binary,
        SWITCHYARD_NGINX_RELOAD_COMMAND: JSON.stringify(["/bin/sh", "-c", script]),
      }),
    );
    const desired = config(2_500, { epoch: 3 });
    await hostReload.apply(desired);
    expect(await readFile(marker, "utf8")).toBe("yes\n");
    expect(await adapter.readBack()).toEqual({ version: desired.version, weights: desired.weights });
  });

  it("health and read-back report an nginx that is gone", async () => {
    const port = await freePort();
    const gone = new NginxAdapter({
      settings: { ...nginx.settings, pidFile: undefined, statusUrl: `http://127.0.0.1:${port}/__switchyard/config` },
    });
    expect((await rejection(gone.readBack())).code).toBe("unreachable");
    expect((await gone.health()).status).toBe("down");
  });
});

async function assignments(n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, (_, j) =>
        fetch(nginx.url, { headers: users("sticky")(i + j) }).then((r) => r.text()),
      ),
    );
    out.push(...batch);
  }
  return out;
}
