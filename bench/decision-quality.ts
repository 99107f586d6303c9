// Decision quality by simulation: the real gate code (evaluateGates with the default gates, and
// the A/B report's winner decision) checked at EVERY 10 s interval on simulated traffic, beside a
// naive fixed-threshold gate checked the same way.
//   npx tsx bench/decision-quality.ts [--rollouts=1000] [--intervals=360] [--seed=1]
// Traffic per interval: 1 000 requests, 10 % to the challenger, segments billing 25 % / other 75 %,
// baseline error rate 1 %, the same latency histogram for both arms, 20 % of requests labelled
// with 90 % accuracy, 5 % conversion. Scenarios:
//   A/A: challenger identical. Wrong rollback = a gate fails at any check; wrong promotion = the
//        A/B report says "ship challenger" at any check. Target: both together ≤ 5 %.
//   bad: the challenger's error rate is doubled (2 %) on all traffic. Target: ≥ 95 % rolled back.
// A rollout stops at its first fail (rollback) or when every gate passes (promotion); after
// `intervals` checks (1 h) it is undecided and held, never promoted.
// Writes bench/results/decision-quality.json and .md.
import { mkdir, writeFile } from "node:fs/promises";
import { abTestReport } from "@/lib/analysis/ab-report";
import { DEFAULT_GATES, gatesSchema } from "@/lib/analysis/default-gates";
import { evaluateGates } from "@/lib/analysis/evaluate-gate";
import { addTotals, emptyTotals, histogramQuantile, type ArmTotals, type WindowData } from "@/lib/analysis/window";
import { round } from "./analysis/setup";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const ROLLOUTS = arg("rollouts", 1_000);
const INTERVALS = arg("intervals", 360);
const SEED = arg("seed", 1);
const PER_INTERVAL = 1_000;
const SHARE = 0.1;
const SEGMENTS = [
  ["billing", 0.25],
  ["other", 0.75],
] as const;
const BASE_ERROR = 0.01;
/** Latency bucket probabilities (bounds 1,2,5,10,25,50,100,250,... ms). */
const LATENCY = [0, 0, 0.02, 0.08, 0.5, 0.3, 0.07, 0.025, 0.005, 0, 0, 0, 0, 0];
const gates = gatesSchema.parse(DEFAULT_GATES).filter((g) => g.metric !== "complaints" || true);

type Outcome = "rollback" | "promote" | "undecided";

function main() {
  const rng = mulberry32(SEED);
  const t0 = Date.now();
  const aa = runScenario(rng, 1, true);
  const bad = runScenario(rng, 2, false);
  const result = {
    benchmark: "decision-quality",
    when: new Date().toISOString(),
    setup: {
      rollouts: ROLLOUTS,
      intervalsChecked: INTERVALS,
      intervalSeconds: 10,
      requestsPerInterval: PER_INTERVAL,
      challengerShare: SHARE,
      baselineErrorRate: BASE_ERROR,
      segments: SEGMENTS,
      gates: gates.map((g) => g.name),
      seed: SEED,
    },
    aa,
    bad,
    targets: {
      aaWrongTotalMax: 0.05,
      aaMet: aa.gates.wrongRollbacks + aa.gates.wrongPromotions <= 0.05 * ROLLOUTS,
      badRolledBackMin: 0.95,
      badMet: bad.gates.rollback >= 0.95 * ROLLOUTS,
    },
    seconds: round((Date.now() - t0) / 1000),
  };
  console.log(JSON.stringify(result, null, 2));
  return result;
}

function runScenario(rng: () => number, errorFactor: number, isAA: boolean) {
  const ours = { rollback: 0, promote: 0, undecided: 0, checksToRollback: [] as number[] };
  const naive = { rollback: 0, promote: 0, undecided: 0 };
  let abWins = 0;
  let naiveAbWins = 0;
  for (let r = 0; r < ROLLOUTS; r++) {
    const arms: WindowData["arms"] = { champion: { "*": emptyTotals() }, challenger: { "*": emptyTotals() } };
    for (const [s] of SEGMENTS) {
      arms.champion[s] = emptyTotals();
      arms.challenger[s] = emptyTotals();
    }
    let oursDone: Outcome | null = null;
    let naiveDone: Outcome | null = null;
    let abDone = false;
    let naiveAbDone = false;
    for (let i = 1; i <= INTERVALS; i++) {
      for (const [variant, share] of [
        ["champion", 1 - SHARE],
        ["challenger", SHARE],
      ] as const) {
        for (const [segment, segShare] of SEGMENTS) {
          const n = Math.round(PER_INTERVAL * share * segShare);
          const err = BASE_ERROR * (variant === "challenger" ? errorFactor : 1);
          const t = simulate(rng, n, err);
          addTotals(arms[variant][segment], t);
          addTotals(arms[variant]["*"], t);
        }
      }
      const window: WindowData = {
        champion: "champion",
        challengers: ["challenger"],
        windowStart: new Date(0),
        windowEnd: new Date(i * 10_000),
        arms,
      };
      if (!oursDone) {
        const results = evaluateGates(gates, window);
        if (results.some((g) => g.verdict === "fail")) {
          oursDone = "rollback";
          ours.checksToRollback.push(i);
        } else if (results.every((g) => g.verdict === "pass")) oursDone = "promote";
      }
      if (!naiveDone) naiveDone = naiveGate(arms.champion["*"], arms.challenger["*"]);
      if (
        isAA &&
        !abDone &&
        abTestReport(window, { primaryMetric: "conversion", light: true }).decision.outcome === "ship_challenger"
      ) {
        abDone = true;
        abWins++;
      }
      if (isAA && !naiveAbDone && naivePeek(arms.champion["*"], arms.challenger["*"])) {
        naiveAbDone = true;
        naiveAbWins++;
      }
      if (oursDone && naiveDone && (!isAA || (abDone && naiveAbDone))) break;
    }
    ours[oursDone ?? "undecided"]++;
    naive[naiveDone ?? "undecided"]++;
  }
  const sorted = ours.checksToRollback.sort((a, b) => a - b);
  const medianChecks = sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
  return {
    gates: {
      rollback: ours.rollback,
      promote: ours.promote,
      undecided: ours.undecided,
      wrongRollbacks: isAA ? ours.rollback : 0,
      wrongPromotions: isAA ? abWins : ours.promote,
      abWinnerDeclared: isAA ? abWins : null,
      medianChecksToRollback: medianChecks,
      medianSecondsToRollback: medianChecks === null ? null : medianChecks * 10,
    },
    naive: {
      rollback: naive.rollback,
      promote: naive.promote,
      undecided: naive.undecided,
      wrongRollbacks: isAA ? naive.rollback : 0,
      wrongPromotions: isAA ? naiveAbWins : naive.promote,
      abWinnerDeclared: isAA ? naiveAbWins : null,
    },
  };
}

/** Seed's triggers as fixed thresholds on point values, once 500 requests are in. */
function naiveGate(c: ArmTotals, t: ArmTotals): Outcome | null {
  if (t.requests < 500) return null;
  const er = (x: ArmTotals) => x.errors / x.requests;
  const acc = (x: ArmTotals) => x.correct / x.labelled;
  const p95 = (x: ArmTotals) => histogramQuantile(x.latencyBuckets, 0.95);
  if (er(t) > er(c) * 1.05 || p95(t) > p95(c) * 1.5 || acc(t) < acc(c) * 0.9) return "rollback";
  return "promote";
}

/** A fixed-horizon z test on conversion, peeked at every interval (the classic mistake). */
function naivePeek(c: ArmTotals, t: ArmTotals): boolean {
  if (t.requests < 100) return false;
  const pa = c.conversions / c.requests;
  const pb = t.conversions / t.requests;
  const p = (c.conversions + t.conversions) / (c.requests + t.requests);
  const se = Math.sqrt(p * (1 - p) * (1 / c.requests + 1 / t.requests));
  return se > 0 && (pb - pa) / se > 1.96;
}

function simulate(rng: () => number, n: number, errorRate: number): ArmTotals {
  const t = emptyTotals();
  t.requests = n;
  t.errors = binomial(rng, n, errorRate);
  let left = n;
  let mass = 1;
  for (let b = 0; b < LATENCY.length && left > 0; b++) {
    if (LATENCY[b] === 0) continue;
    const k = mass <= LATENCY[b] ? left : binomial(rng, left, LATENCY[b] / mass);
    t.latencyBuckets[b] = k;
    left -= k;
    mass -= LATENCY[b];
  }
  t.latencySumMs = n * 30;
  t.labelled = binomial(rng, n, 0.2);
  t.correct = binomial(rng, t.labelled, 0.9);
  t.conversions = binomial(rng, n, 0.05);
  return t;
}

/** Exact inversion for small n·p, normal approximation (rounded, clamped) above. */
function binomial(rng: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const mean = n * p;
  const v = mean * (1 - p);
  if (v > 25) {
    const z = Math.sqrt(-2 * Math.log(rng() || 1e-12)) * Math.cos(2 * Math.PI * rng());
    return Math.min(n, Math.max(0, Math.round(mean + z * Math.sqrt(v))));
  }
  const q = 1 - p;
  let prob = q ** n;
  let cum = prob;
  const u = rng();
  let k = 0;
  while (u > cum && k < n) {
    prob *= ((n - k) / (k + 1)) * (p / q);
    cum += prob;
    k++;
  }
  return k;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const result = main();
const pctOf = (x: number) => `${round((100 * x) / ROLLOUTS)} %`;
await mkdir("bench/results", { recursive: true });
await writeFile("bench/results/decision-quality.json", JSON.stringify(result, null, 2) + "\n");
await writeFile(
  "bench/results/decision-quality.md",
  `# Decision quality by simulation

${result.when}. ${ROLLOUTS} simulated rollouts per scenario, gates checked at every 10 s interval for up to ${INTERVALS} intervals (1 h), 1 000 requests per interval, 10 % to the challenger, baseline error rate 1 %, segments billing 25 % / other 75 %. The real \`evaluateGates\` with the five default gates (sequential tests, Holm across metrics and segments) and the real A/B decision, beside a naive gate (the seed's thresholds on point values, promote when none is crossed after 500 requests) and a naive peeked z-test for the A/B winner.

| scenario | gate | rolled back | promoted | undecided (held) | wrong decisions |
| --- | --- | ---: | ---: | ---: | ---: |
| A/A | Switchyard gates + A/B decision | ${pctOf(result.aa.gates.rollback)} | ${pctOf(result.aa.gates.promote)} | ${pctOf(result.aa.gates.undecided)} | **${pctOf(result.aa.gates.wrongRollbacks + result.aa.gates.wrongPromotions)}** (${result.aa.gates.wrongRollbacks} wrong rollbacks + ${result.aa.gates.wrongPromotions} wrong A/B winners) |
| A/A | naive thresholds + peeked z-test | ${pctOf(result.aa.naive.rollback)} | ${pctOf(result.aa.naive.promote)} | ${pctOf(result.aa.naive.undecided)} | ${pctOf(result.aa.naive.wrongRollbacks + result.aa.naive.wrongPromotions)} (${result.aa.naive.wrongRollbacks} + ${result.aa.naive.wrongPromotions}) |
| error rate doubled | Switchyard gates | **${pctOf(result.bad.gates.rollback)}** | ${pctOf(result.bad.gates.promote)} | ${pctOf(result.bad.gates.undecided)} | ${pctOf(result.bad.gates.promote)} promoted |
| error rate doubled | naive thresholds | ${pctOf(result.bad.naive.rollback)} | ${pctOf(result.bad.naive.promote)} | ${pctOf(result.bad.naive.undecided)} | ${pctOf(result.bad.naive.promote)} promoted |

Targets: A/A wrong rollbacks + wrong promotions ≤ 5 %: ${result.targets.aaMet ? "met" : "NOT met"}; doubled error rate rolled back ≥ 95 %: ${result.targets.badMet ? "met" : "NOT met"}. Median time to roll back the doubled-error challenger: ${result.bad.gates.medianSecondsToRollback} s of traffic. In the A/A runs, "promoted" by the gates is the correct outcome (the challenger is as good); the naive gate rolls back most identical challengers because noise alone crosses a 5 % relative threshold.

Run time ${result.seconds} s (seed ${SEED}).
`,
);
