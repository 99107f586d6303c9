import type { RoutingConfig } from "@/lib/routers/types";
import { decideConfig, type AcceptDecision } from "./accept-config";
import type { ConfigStore } from "./config-store";
import type { Runtime, Upstreams } from "./upstreams";

export type ApplyResult = Exclude<AcceptDecision, { outcome: "apply" }> | { outcome: "applied" };

/**
 * The config a router serves. Updates are serialized. A new config is served the moment it is
 * accepted and written to disk before it is acknowledged, so an acknowledged config is one that
 * survives a restart, and the fsync (tens of ms on a slow disk) is not on the path from push to
 * serving. If the write fails, the previous config is served again and the push is answered
 * with an error, so the control plane never counts a config the router could lose.
 */
export class RouterState {
  private config: RoutingConfig | null = null;
  private highestEpoch = 0;
  private runtime: Runtime | null = null;
  private appliedAt: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: ConfigStore,
    private readonly upstreams: Upstreams,
    /** Called once an accepted config (or a raised epoch) is on disk. */
    private readonly onStored: () => void = () => {},
  ) {}

  async load(): Promise<string | undefined> {
    const { state, problem } = await this.store.load();
    this.highestEpoch = state.highestEpoch;
    if (state.config) this.swap(state.config);
    return problem;
  }

  /**
   * Adopts what another router process on the same data directory stored since (the old and the
   * new worker of a zero-downtime restart serve side by side for a moment): a newer config, or a
   * higher fencing epoch. Never writes.
   */
  reload(): Promise<string | undefined> {
    const run = this.queue.then(async () => {
      const { state, problem } = await this.store.load();
      if (problem) return problem;
      if (state.highestEpoch > this.highestEpoch) this.highestEpoch = state.highestEpoch;
      if (state.config && (!this.config || state.config.version > this.config.version)) this.swap(state.config);
      return undefined;
    });
    this.queue = run.catch(() => {});
    return run;
  }

  /** The hot path's view; null until a config was accepted (the proxy then answers 503). */
  readonly current = (): Runtime | null => this.runtime;

  get served(): { config: RoutingConfig | null; highestEpoch: number; appliedAt: string | null } {
    return { config: this.config, highestEpoch: this.highestEpoch, appliedAt: this.appliedAt };
  }

  apply(incoming: RoutingConfig): Promise<ApplyResult> {
    const run = this.queue.then(() => this.applyNow(incoming));
    this.queue = run.catch(() => {});
    return run;
  }

  private async applyNow(incoming: RoutingConfig): Promise<ApplyResult> {
    const decision = decideConfig(this.config, this.highestEpoch, incoming);
    if (decision.outcome === "refuse") return decision;
    const before = { config: this.config, appliedAt: this.appliedAt, highestEpoch: this.highestEpoch };
    if (decision.outcome === "unchanged") {
      if (!decision.raiseEpoch) return decision;
      // Fence the older epoch at once; undo if it cannot be made durable.
      this.highestEpoch = incoming.epoch;
      try {
        await this.store.save({ config: this.config, highestEpoch: incoming.epoch });
      } catch (e) {
        this.highestEpoch = before.highestEpoch;
        throw e;
      }
      this.onStored();
      return decision;
    }
    const highestEpoch = Math.max(this.highestEpoch, incoming.epoch);
    this.highestEpoch = highestEpoch;
    this.swap(incoming);
    try {
      await this.store.save({ config: incoming, highestEpoch });
    } catch (e) {
      this.config = before.config;
      // Rebuilt rather than reused: the swap closed the pools the new config no longer names.
      this.runtime = before.config ? this.upstreams.runtimeFor(before.config) : null;
      this.appliedAt = before.appliedAt;
      this.highestEpoch = before.highestEpoch;
      throw e;
    }
    this.onStored();
    return { outcome: "applied" };
  }

  private swap(config: RoutingConfig): void {
    this.runtime = this.upstreams.runtimeFor(config);
    this.config = config;
    this.appliedAt = new Date().toISOString();
  }
}
