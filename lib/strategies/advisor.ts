// Strategy advisor (seed 002): "which failure are you most afraid of?" picks the strategy, says
// why, and says what each other strategy is weaker at for that same fear.
import type { Strategy } from "./plan";

export type Fear =
  | "environment_breakage"
  | "silent_quality_regression"
  | "cost_latency_under_load"
  | "unknown_output_shift"
  | "which_candidate_is_better"
  | "continuous_reward_optimisation"
  | "targeted_exposure";

export interface Advice {
  fear: Fear;
  strategy: Strategy;
  /** One paragraph: why this strategy matches the fear. */
  why: string;
  /** Every other strategy, with what it is weaker at for this fear. */
  weaker: { strategy: Strategy; weakness: string }[];
}

export const FEAR_LABELS: Record<Fear, string> = {
  environment_breakage: "The new serving environment crashes or breaks",
  silent_quality_regression: "It stays up but quietly gets answers wrong",
  cost_latency_under_load: "Cost or latency surprises under real load",
  unknown_output_shift: "Unknown shifts in outputs on live traffic",
  which_candidate_is_better: "Which of two candidates is better",
  continuous_reward_optimisation: "Keep optimising a reward continuously",
  targeted_exposure: "Expose only specific users first",
};

type Row = { strategy: Strategy; why: string; weaker: Partial<Record<Strategy, string>> };

const TABLE: Record<Fear, Row> = {
  environment_breakage: {
    strategy: "blue_green",
    why: "The fear is the environment, not the model's judgement: a new image, runtime or GPU stack that may fail the moment it takes traffic. Blue-green verifies the idle slot before any user reaches it, moves traffic in one atomic switch and keeps the old slot warm, so rollback is one switch back, seconds, with nothing to drain.",
    weaker: {
      canary:
        "exposes a slice of users to the broken stack and rolls back by lowering weights across many steps, slower than one switch.",
      shadow:
        "shows crashes under mirrored load but never proves the new slot can serve users, and leaves the cut-over itself unprotected.",
      direct: "puts everyone on the new stack at once with no verified standby to return to.",
      ab_test: "is built to compare outcomes over days, not to guard a cut-over.",
      feature_flag:
        "targets users by attribute; a broken environment fails them all the same and there is no warm slot.",
      champion_challenger: "runs a long comparison on live users while the stack may be failing.",
      bandit: "keeps sending a floor of traffic to every arm, including a broken one.",
    },
  },
  silent_quality_regression: {
    strategy: "canary",
    why: "A model that stays up but is quietly worse only shows itself on real users and real outcomes. A canary serves a small sticky slice (1 %, then 10 %, 50 %) and compares it with the champion over the same window at every step, with gates that roll back automatically, so a regression offline tests missed is caught while the blast radius is small.",
    weaker: {
      blue_green:
        "switches everyone at once; its verification has no live outcomes, so a quiet regression reaches all users.",
      shadow: "compares outputs but never sees user outcomes, because its answers are never served.",
      direct: "finds the regression only after every user has had it.",
      ab_test:
        "holds a fixed split (often 50 %) for the whole test, exposing far more users than needed to catch a regression.",
      feature_flag: "is about who gets the model, not about measuring whether it is worse.",
      champion_challenger: "compares continuously but at fixed shares, without the small-then-larger exposure steps.",
      bandit: "optimises one reward and can drift traffic toward an arm that wins on it while regressing elsewhere.",
    },
  },
  cost_latency_under_load: {
    strategy: "canary",
    why: "Cost and latency depend on real traffic volume, so the risk grows with exposure. A percentage rollout raises load in controlled steps (1 → 10 → 50 → 100 %) and checks p95 latency, errors and cost per request against the champion at each step, so a surprise stops the climb before it becomes a bill or an outage.",
    weaker: {
      shadow:
        "measures latency on mirrored copies but doubles serving cost while it runs and never shows the serving path at full share.",
      blue_green: "goes from 0 to 100 % of the load in one move, so a cost or latency cliff hits at full scale.",
      direct: "learns the real cost only at full load.",
      ab_test: "runs at a fixed share, so it says little about how cost grows with load.",
      feature_flag: "exposes chosen users, who may not be representative of real load.",
      champion_challenger: "fixed shares never test the load levels in between.",
      bandit: "moves load by reward, not by what the infrastructure can take.",
    },
  },
  unknown_output_shift: {
    strategy: "shadow",
    why: "When you don't yet know how the new model's answers differ, look before anyone is affected. Shadow copies live requests on read-only routes to the challenger, logs its answers next to the champion's and measures agreement, latency and errors, while users see only the champion. Follow with a canary once the shifts are understood.",
    weaker: {
      canary: "serves the unknown answers to real users while you are still learning what they look like.",
      blue_green: "has only a pre-switch check, then every user gets the new outputs.",
      direct: "shows users the new outputs before anyone has looked at them.",
      ab_test: "serves both arms' answers to users and measures outcomes, not where outputs differ.",
      feature_flag: "serves the new answers to the targeted users.",
      champion_challenger: "serves challenger answers to its share of users throughout.",
      bandit: "serves every arm's answers and optimises a reward rather than explaining shifts.",
    },
  },
  which_candidate_is_better: {
    strategy: "ab_test",
    why: "Choosing between two candidates is a measurement question. An A/B test fixes the split and sticky assignment by user, plans sample size and duration up front, and ends with a statistical report and a winner decision, so the answer is significant and not an artefact of watching too early.",
    weaker: {
      canary: "keeps shifting exposure, so the two arms are never compared at a fixed, powered split.",
      shadow: "never serves the challenger, so user outcomes can't be compared.",
      blue_green: "runs one version at a time, never both side by side.",
      direct: "never runs both versions at once.",
      feature_flag: "assigns by attributes, so the groups are not comparable without randomisation.",
      champion_challenger: "suits ongoing comparison against an incumbent, not a planned one-off decision.",
      bandit:
        "moves traffic toward the leader while measuring, which biases the comparison and weakens the final report.",
    },
  },
  continuous_reward_optimisation: {
    strategy: "bandit",
    why: "When the goal is to keep earning the most reward rather than to prove one winner, a multi-armed bandit reallocates traffic on an interval by Thompson sampling, sending more to arms that do better, while a floor per arm keeps exploring and guardrail gates roll back on harm. Less traffic is wasted on the loser than in a fixed split.",
    weaker: {
      ab_test: "holds a fixed split to the end, paying the cost of the losing arm for the whole test.",
      canary: "only ever moves one challenger up a fixed schedule, never toward a reward.",
      shadow: "collects no reward, because its answers are never served.",
      blue_green: "serves one version at a time and never learns from reward.",
      direct: "has no exploration at all.",
      feature_flag: "exposure follows rules, not results.",
      champion_challenger: "keeps fixed shares until a winner is declared instead of adapting them.",
    },
  },
  targeted_exposure: {
    strategy: "feature_flag",
    why: "When who sees the model matters more than how many, targeting rules on user, segment, region or header send exactly those users to the challenger, plus an optional percentage of the rest. Scheduled changes widen the audience on a timetable and the kill switch sends everyone back to the champion at once.",
    weaker: {
      canary: "picks users by hash, not by who they are, so you can't choose the internal team or one region.",
      shadow: "serves no one, so targeted users never see the new model.",
      blue_green: "is all or nothing for every user.",
      direct: "is everyone at once.",
      ab_test: "randomises users on purpose, the opposite of targeting.",
      champion_challenger: "splits by share, not by audience.",
      bandit: "assigns by reward, not by audience.",
    },
  },
};

/** The strategy for the failure the release manager fears most. */
export function adviseStrategy(fear: Fear): Advice {
  const row = TABLE[fear];
  if (!row) throw new Error(`Unknown fear "${fear}"`);
  const weaker = (Object.entries(row.weaker) as [Strategy, string][]).map(([strategy, weakness]) => ({
    strategy,
    weakness,
  }));
  return { fear, strategy: row.strategy, why: row.why, weaker };
}

export const FEARS = Object.keys(TABLE) as Fear[];
