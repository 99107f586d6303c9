import type { RoutingConfig } from "@/lib/routers/types";
import { decideConfig, type AcceptDecision } from "./accept-config";
import type { ConfigStore } from "./config-store";
import type { Runtime, Upstreams } from "./upstreams";

export type ApplyResult = Exclude<AcceptDecision, { outcome: "apply" }> | { outcome: "applied" };

/**
 * The config a router serves. Updates are serialized and written to disk before they take
 * effect, so an acknowledged config is one that survives a restart.
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
  ) {}

  async load(): Promise<string | undefined> {
    const { state, problem } = await this.store.load();
    this.highestEpoch = state.highestEpoch;
    if (state.config) this.swap(state.config);
    return problem;
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
    if (decision.outcome === "unchanged") {
      if (decision.raiseEpoch) {
        await this.store.save({ config: this.config, highestEpoch: incoming.epoch });
        this.highestEpoch = incoming.epoch;
      }
      return decision;
    }
    const highestEpoch = Math.max(this.highestEpoch, incoming.epoch);
    await this.store.save({ config: incoming, highestEpoch });
    this.highestEpoch = highestEpoch;
    this.swap(incoming);
    return { outcome: "applied" };
  }

  private swap(config: RoutingConfig): void {
    this.runtime = this.upstreams.runtimeFor(config);
    this.config = config;
    this.appliedAt = new Date().toISOString();
  }
}
