import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeConfig } from "@/lib/dataplane/testing/fixtures";
import {
  startModelServer,
  startRouter,
  type ModelServerProcess,
  type RouterProcess,
} from "@/lib/dataplane/testing/processes";
import { predict } from "@/lib/dataplane/testing/http";
import { BuiltinRouterAdapter } from "./builtin";
import { RouterError } from "./types";

// The adapter against the real router process.

let model: ModelServerProcess;
let router: RouterProcess;
let adapter: BuiltinRouterAdapter;

beforeAll(async () => {
  [model, router] = await Promise.all([startModelServer(), startRouter()]);
  adapter = new BuiltinRouterAdapter({
    id: "r",
    name: "builtin-1",
    kind: "builtin",
    endpoint: router.adminUrl,
    settings: {},
    secret: router.token,
  });
});

afterAll(async () => {
  await Promise.all([model?.stop(), router?.stop()]);
});

describe("BuiltinRouterAdapter against the built-in router", () => {
  it("applies a config, reads it back, reports health, and is fenced by epoch", async () => {
    expect(await adapter.readBack()).toEqual({ version: null, weights: {} });
    expect((await adapter.health()).status).toBe("degraded");
    const variants = [
      { key: "champion", role: "champion" as const, upstream: model.url, version: "v1" },
      { key: "challenger", role: "challenger" as const, upstream: model.url, version: "v2" },
    ];
    const config = makeConfig({ version: 1, epoch: 2, variants, weights: { champion: 9_000, challenger: 1_000 } });
    await adapter.apply(config);
    await adapter.apply(config); // idempotent re-push
    expect(await adapter.readBack()).toEqual({ version: 1, weights: config.weights });
    expect((await adapter.health()).status).toBe("healthy");
    expect((await predict(router.url, { user: "u" })).status).toBe(200);

    const fenced = await adapter.apply({ ...config, version: 2, epoch: 1 }).catch((e: unknown) => e);
    expect(fenced).toBeInstanceOf(RouterError);
    expect((fenced as RouterError).code).toBe("stale_epoch");
    const invalid = await adapter.apply({ ...config, version: 3, weights: { champion: 1 } }).catch((e: unknown) => e);
    expect((invalid as RouterError).code).toBe("invalid_config");
  });
});
