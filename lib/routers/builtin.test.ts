import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { makeConfig } from "@/lib/dataplane/testing/fixtures";
import { freePort } from "@/lib/dataplane/testing/processes";
import { BuiltinRouterAdapter } from "./builtin";
import { RouterError, type RouterTarget } from "./types";

// Error mapping against small fake admin APIs; the real router is exercised in builtin.int.test.ts.

let server: Server | null = null;

afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

async function fake(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function adapter(endpoint: string, settings: Record<string, unknown> = {}): BuiltinRouterAdapter {
  const target: RouterTarget = { id: "r1", name: "router-1", kind: "builtin", endpoint, settings, secret: "s3cret" };
  return new BuiltinRouterAdapter(target);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function codeOf(p: Promise<unknown>): Promise<{ code: string; retryable: boolean }> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RouterError);
  return { code: (e as RouterError).code, retryable: (e as RouterError).retryable };
}

describe("BuiltinRouterAdapter", () => {
  const config = makeConfig({ version: 4, epoch: 2 });

  it("applies, sends the bearer token, and verifies by read-back", async () => {
    const auth: (string | undefined)[] = [];
    const url = await fake((req, res) => {
      auth.push(req.headers.authorization);
      if (req.method === "PUT") req.resume().on("end", () => json(res, 200, { outcome: "applied" }));
      else json(res, 200, { ...config });
    });
    await adapter(url).apply(config);
    expect(auth).toEqual(["Bearer s3cret", "Bearer s3cret"]);
    expect(await adapter(url).readBack()).toEqual({ version: 4, weights: config.weights });
  });

  it("reports a mismatch when the router serves something else after accepting", async () => {
    const url = await fake((req, res) => {
      if (req.method === "PUT") req.resume().on("end", () => json(res, 200, {}));
      else json(res, 200, { ...config, weights: { champion: 10_000, challenger: 0 } });
    });
    expect(await codeOf(adapter(url).apply(config))).toEqual({ code: "mismatch", retryable: true });
  });

  it.each([
    [409, { code: "stale_epoch" }, { code: "stale_epoch", retryable: false }],
    [409, { code: "stale_version" }, { code: "stale_version", retryable: false }],
    [400, { code: "invalid_config", error: "bad" }, { code: "invalid_config", retryable: false }],
    [401, { code: "unauthorized" }, { code: "refused", retryable: false }],
    [500, { error: "boom" }, { code: "refused", retryable: true }],
  ])("maps HTTP %i %j to a RouterError", async (status, body, expected) => {
    const url = await fake((req, res) => req.resume().on("end", () => json(res, status, body)));
    expect(await codeOf(adapter(url).apply(config))).toEqual(expected);
  });

  it("maps a refused connection to unreachable and a slow router to timeout", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    expect(await codeOf(adapter(dead).readBack())).toEqual({ code: "unreachable", retryable: true });
    const url = await fake(() => {
      /* never answers */
    });
    expect(await codeOf(adapter(url, { timeoutMs: 200 }).readBack())).toEqual({ code: "timeout", retryable: true });
  });

  it("reads back no version from a router without config, and reports health", async () => {
    const url = await fake((req, res) => {
      if (req.url === "/healthz") json(res, 200, { status: "no_config" });
      else json(res, 404, { code: "no_config" });
    });
    expect(await adapter(url).readBack()).toEqual({ version: null, weights: {} });
    expect(await adapter(url).health()).toMatchObject({ status: "degraded" });
    const dead = `http://127.0.0.1:${await freePort()}`;
    expect(await adapter(dead).health()).toMatchObject({ status: "down" });
  });
});
