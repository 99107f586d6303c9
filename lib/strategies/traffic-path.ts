// The traffic path in plain words (seed 002): does challenger output reach users, what share of
// live traffic is exposed, how rollback works. Shown on the rollout page and in release notes.
import type { Weights } from "@/lib/routers/types";
import { formatPercent, type RolloutStatus, type Strategy, type StrategyConfig, type VariantRole } from "./plan";

export interface TrafficPathInput {
  strategy: Strategy;
  status: RolloutStatus;
  /** label: the version people know, e.g. "v2"; defaults to the key. */
  variants: { key: string; role: VariantRole; label?: string }[];
  /** Weights served now, in basis points by variant key. */
  weights: Weights;
  config: StrategyConfig;
  /** Shadow: share of requests mirrored now (0 or absent = not mirroring yet). */
  mirrorBasisPoints?: number;
  /** Header that sends a request to a named variant (internal testing, blue-green preview). */
  overrideHeader?: string;
}

export interface TrafficPath {
  /** True when some users get challenger answers. */
  challengerServed: boolean;
  /** Share of live traffic answered by challengers, in basis points. */
  liveShareBasisPoints: number;
  text: string;
}

const TITLES: Record<Strategy, string> = {
  direct: "Direct",
  canary: "Canary",
  blue_green: "Blue-green",
  shadow: "Shadow",
  ab_test: "A/B test",
  feature_flag: "Feature flag",
  champion_challenger: "Champion/challenger",
  bandit: "Bandit",
};

export function describeTrafficPath(input: TrafficPathInput): TrafficPath {
  const champion = input.variants.find((v) => v.role === "champion");
  const old = champion?.label ?? champion?.key ?? "the champion";
  const challengers = input.variants.filter((v) => v.role === "challenger");
  const live = input.strategy === "shadow" ? 0 : challengers.reduce((sum, c) => sum + (input.weights[c.key] ?? 0), 0);
  const text = `${TITLES[input.strategy]}: ${sentences(input, old, live)}`;
  return { challengerServed: live > 0, liveShareBasisPoints: live, text };
}

function sentences(input: TrafficPathInput, old: string, live: number): string {
  const challengers = input.variants.filter((v) => v.role === "challenger");
  const neu = challengers.map((c) => c.label ?? c.key).join(", ") || "the challenger";
  const share = (key: string) => formatPercent(input.weights[key] ?? 0);
  const shares = challengers.map((c) => `${c.label ?? c.key} ${share(c.key)}`).join(", ");
  const header = input.overrideHeader ?? "x-switchyard-variant";
  const serving = input.variants.find((v) => (input.weights[v.key] ?? 0) === 10_000);

  if (["draft", "awaiting_approval", "ready"].includes(input.status)) {
    return `not started; ${neu} receives no traffic. Users see only ${old}.`;
  }
  if (input.status === "aborted" || input.status === "rolled_back") {
    return `${input.status === "aborted" ? "aborted" : "rolled back"}; all live traffic is on ${old}, ${neu} receives none. Nothing left to undo.`;
  }
  if (input.status === "completed") {
    const who = serving?.label ?? serving?.key ?? old;
    return `completed; ${who} serves 100 % of live traffic. To go back, start a new rollout.`;
  }
  const paused = input.status === "paused" ? " The rollout is paused: these weights hold until resumed." : "";
  const backToOld = `Rollback: send all traffic back to ${old} in one config push; users on ${neu} return to ${old} on their next request.`;
  const sticky = stickiness(input.config);

  switch (input.strategy) {
    case "direct":
      return `${formatPercent(live)} of live traffic goes to ${neu}; its answers are served.${paused} ${backToOld}`;
    case "canary":
      if (live === 0) {
        return `no live traffic goes to ${neu}; only requests with header ${header} reach it (internal testing). Users see only ${old}.${paused} Rollback: nothing to undo for users.`;
      }
      return `${formatPercent(live)} of live traffic${sticky} goes to ${neu} and its answers are served; ${formatPercent(10_000 - live)} stays on ${old}.${paused} ${backToOld}`;
    case "blue_green": {
      const warm =
        typeof input.config.warmSeconds === "number" ? `${input.config.warmSeconds} s` : "the configured time";
      if (live === 0) {
        return `${neu} runs in the idle slot and gets no live traffic; preview only with header ${header}. Users see only ${old}.${paused} Rollback: nothing to undo; ${old} keeps serving.`;
      }
      return `all live traffic switched to ${neu} in one move; its answers are served. ${old} stays warm in the other slot for ${warm}.${paused} Rollback: switch back to ${old} at once.`;
    }
    case "shadow": {
      const routes = Array.isArray(input.config.mirrorRoutes)
        ? (input.config.mirrorRoutes as string[]).join(", ")
        : "the mirror-safe routes";
      const mirrored = input.mirrorBasisPoints ?? 0;
      if (mirrored === 0)
        return `mirroring has not started; ${neu} receives no requests. Users see only ${old}. Rollback: nothing to undo for users.`;
      return `${formatPercent(mirrored)} of requests to ${routes} are copied to ${neu}; its answers are logged and compared, never served. Users see only ${old}.${paused} Rollback: stop mirroring; nothing to undo for users.`;
    }
    case "ab_test":
      return `live traffic is split ${old} ${share(input.variants.find((v) => v.role === "champion")?.key ?? "")} / ${shares}${sticky}; each arm's answers are served to its users.${paused} ${backToOld}`;
    case "feature_flag": {
      if (input.config.killSwitch === true) {
        return `kill switch is on: everyone is served ${old}; targeting rules and percentages are ignored. Nothing reaches ${neu}.`;
      }
      const rules = Array.isArray(input.config.rules) ? input.config.rules.length : 0;
      const targeted =
        rules > 0 ? `users matching ${rules} targeting rule${rules === 1 ? "" : "s"} get ${neu}, plus ` : "";
      return `${targeted}${formatPercent(live)} of the remaining traffic${sticky} goes to ${neu}; its answers are served.${paused} Rollback: flip the kill switch; everyone goes back to ${old} at once, rules ignored.`;
    }
    case "champion_challenger":
      return `${old} (champion) answers ${formatPercent(10_000 - live)} of live traffic; challengers ${shares}, and their answers are served.${paused} Rollback: set every challenger to 0; everyone returns to ${old}.`;
    case "bandit": {
      const every =
        typeof input.config.reallocationIntervalSeconds === "number"
          ? `every ${input.config.reallocationIntervalSeconds} s`
          : "on an interval";
      const floor =
        typeof input.config.floorBasisPoints === "number"
          ? ` (floor ${formatPercent(input.config.floorBasisPoints)} per arm)`
          : "";
      return `traffic is reallocated ${every} by reward; now ${old} ${share(input.variants.find((v) => v.role === "champion")?.key ?? "")}, ${shares}${floor}. Every arm's answers are served.${paused} ${backToOld}`;
    }
  }
}

function stickiness(config: StrategyConfig): string {
  const s = config.stickiness as { header?: string; cookie?: string } | undefined;
  if (s?.header) return ` (sticky by header ${s.header})`;
  if (s?.cookie) return ` (sticky by cookie ${s.cookie})`;
  return "";
}
