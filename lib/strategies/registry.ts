// Strategy → its module, for code that handles every strategy (controller, plan editor).
import * as abTest from "./ab-test";
import * as bandit from "./bandit";
import * as blueGreen from "./blue-green";
import * as canary from "./canary";
import * as championChallenger from "./champion-challenger";
import * as direct from "./direct";
import * as featureFlag from "./feature-flag";
import type { Strategy, StrategyModule } from "./plan";
import * as shadow from "./shadow";

const modules: Record<Strategy, StrategyModule> = {
  direct,
  canary,
  blue_green: blueGreen,
  shadow,
  ab_test: abTest,
  feature_flag: featureFlag,
  champion_challenger: championChallenger,
  bandit,
};

export function strategyModule(strategy: Strategy): StrategyModule {
  const found = modules[strategy];
  if (!found) throw new Error(`Unknown strategy "${strategy}"`);
  return found;
}
