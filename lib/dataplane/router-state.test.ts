import { describe, expect, it } from "vitest";
import type { RoutingConfig } from "@/lib/routers/types";
import type { ConfigStore, StoredState } from "./config-store";
import { RouterState } from "./router-state";
import { makeConfig } from "./testing/fixtures";
import { Upstreams } from "./upstreams";

/** A store whose writes wait until released, and fail when told to. */
class GatedStore {
  saved: StoredState[] = [];
  fail: Error | null = null;
  private release: (() => void) | null = null;
  gate = false;
  async load(): Promise<{ state: StoredState }> {
    return { state: { config: null, highestEpoch: 0 } };
  }
  async save(state: StoredState): Promise<void> {
    if (this.gate) await new Promise<void>((r) => (this.release = r));
    if (this.fail) throw this.fail;
    this.saved.push(state);
  }
  open(): void {
    this.gate = false;
    this.release?.();
  }
}

function weightsOf(state: RouterState): RoutingConfig["weights"] | undefined {
  return state.served.config?.weights;
}

describe("RouterState", () => {
  it("serves a new config as soon as it is accepted, and acknowledges it only once it is on disk", async () => {
    const store = new GatedStore();
    const upstreams = new Upstreams();
    const state = new RouterState(store as unknown as ConfigStore, upstreams);
    await state.apply(makeConfig({ version: 1, weights: { champion: 10_000, challenger: 0 } }));
    store.gate = true;
    let acknowledged = false;
    const pending = state
      .apply(makeConfig({ version: 2, weights: { champion: 9_000, challenger: 1_000 } }))
      .then((r) => {
        acknowledged = true;
        return r;
      });
    await new Promise((r) => setTimeout(r, 5));
    expect(weightsOf(state)).toEqual({ champion: 9_000, challenger: 1_000 });
    expect(state.current()?.compiled.config.version).toBe(2);
    expect(acknowledged).toBe(false);
    store.open();
    expect(await pending).toEqual({ outcome: "applied" });
    expect(store.saved.at(-1)?.config?.version).toBe(2);
    await upstreams.close();
  });

  it("serves the previous config again when the new one cannot be stored, and reports the failure", async () => {
    const store = new GatedStore();
    const upstreams = new Upstreams();
    const state = new RouterState(store as unknown as ConfigStore, upstreams);
    await state.apply(makeConfig({ version: 1, epoch: 1, weights: { champion: 10_000, challenger: 0 } }));
    store.fail = new Error("ENOSPC: no space left on device");
    await expect(
      state.apply(makeConfig({ version: 2, epoch: 3, weights: { champion: 5_000, challenger: 5_000 } })),
    ).rejects.toThrow("ENOSPC");
    expect(state.served.config?.version).toBe(1);
    expect(state.served.highestEpoch).toBe(1);
    expect(state.current()?.compiled.config.version).toBe(1);
    // The restored runtime has live pools: the failed swap must not leave it pointing at closed ones.
    expect(state.current()?.variants.every((v) => !v.pool.closed && !v.pool.destroyed)).toBe(true);
    // Once the disk recovers, the same push is accepted.
    store.fail = null;
    expect(
      await state.apply(makeConfig({ version: 2, epoch: 3, weights: { champion: 5_000, challenger: 5_000 } })),
    ).toEqual({ outcome: "applied" });
    expect(state.served.highestEpoch).toBe(3);
    await upstreams.close();
  });

  it("does not raise the fenced epoch when the raise cannot be stored", async () => {
    const store = new GatedStore();
    const upstreams = new Upstreams();
    const state = new RouterState(store as unknown as ConfigStore, upstreams);
    const config = makeConfig({ version: 4, epoch: 2 });
    await state.apply(config);
    store.fail = new Error("EIO");
    await expect(state.apply({ ...config, epoch: 5 })).rejects.toThrow("EIO");
    expect(state.served.highestEpoch).toBe(2);
    await upstreams.close();
  });
});
