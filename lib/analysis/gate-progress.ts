// Where each gate of the current step stands, in the words the rollout page uses: its state, how
// far it is towards its sample ("n of N"), when it will get there at the current rate, and one
// line that says it all. Pure and client-safe: the page and the API present the same thing.
import type { Verdict } from "@/lib/strategies/plan";

export interface GateRunInput {
  gate: string;
  verdict: Verdict;
  evidence: unknown;
  windowStart: Date | string;
  windowEnd: Date | string;
  createdAt: Date | string;
}

export interface GateProgress {
  gate: string;
  /** "pending": no run of this gate at this step yet. */
  state: Verdict | "pending";
  /** Samples on the slowest challenger so far, and the sample it waits for (null: none needed or it can't pass at any size). */
  have: number | null;
  need: number | null;
  /** "requests", "labelled answers"... */
  noun: string | null;
  variant: string | null;
  /** Samples per minute on that challenger over the run's window. */
  perMinute: number | null;
  /** Minutes until `need` at that rate; null when not waiting or no traffic yet. */
  etaMinutes: number | null;
  /** One line for the page, e.g. "Waiting for data: 120 of 1 051 requests on challenger, about 12 min at the current rate". */
  line: string;
  reason: string | null;
}

interface SampleProgress {
  variant: string;
  have: number;
  need: number | null;
  noun: string;
}

/**
 * One entry per gate the step requires (or, when it names none, per gate that reported), from
 * the latest run of each at this step. Runs must be of the current step only.
 */
export function gateProgress(runs: GateRunInput[], requiredGates: string[]): GateProgress[] {
  const latest = new Map<string, GateRunInput>();
  for (const r of runs) {
    const seen = latest.get(r.gate);
    if (!seen || time(r.createdAt) > time(seen.createdAt)) latest.set(r.gate, r);
  }
  const names = requiredGates.length ? requiredGates : [...latest.keys()].sort();
  return names.map((gate) => {
    const run = latest.get(gate);
    if (!run)
      return {
        gate,
        state: "pending",
        have: null,
        need: null,
        noun: null,
        variant: null,
        perMinute: null,
        etaMinutes: null,
        line: "Not judged yet: the first run comes once the step's weights are served",
        reason: null,
      };
    const evidence = (run.evidence ?? {}) as { reason?: unknown; progress?: SampleProgress };
    const reason = typeof evidence.reason === "string" ? evidence.reason : null;
    const p = evidence.progress;
    const minutes = (time(run.windowEnd) - time(run.windowStart)) / 60_000;
    const perMinute = p && minutes > 0 ? p.have / minutes : null;
    const missing = p && p.need !== null ? Math.max(0, p.need - p.have) : null;
    const etaMinutes =
      run.verdict === "waiting" && missing !== null && perMinute && perMinute > 0 ? missing / perMinute : null;
    return {
      gate,
      state: run.verdict,
      have: p?.have ?? null,
      need: p?.need ?? null,
      noun: p?.noun ?? null,
      variant: p?.variant ?? null,
      perMinute,
      etaMinutes,
      line: lineOf(run.verdict, reason, p, etaMinutes),
      reason,
    };
  });
}

/** "about 12 min", "about 2 h 5 min", "under a minute". */
export function formatEta(minutes: number): string {
  if (minutes < 1) return "under a minute";
  const m = Math.ceil(minutes);
  if (m < 60) return `about ${m} min`;
  const h = Math.floor(m / 60);
  return `about ${h} h${m % 60 ? ` ${m % 60} min` : ""}`;
}

function lineOf(verdict: Verdict, reason: string | null, p: SampleProgress | undefined, eta: number | null): string {
  switch (verdict) {
    case "pass":
      return "Passes";
    case "fail":
      return `Fails: ${reason ?? "worse than the champion beyond its threshold"}`;
    case "inconclusive":
      return `Inconclusive: ${reason ?? "it has its sample and still can't decide"}`;
    case "waiting": {
      if (!p || p.need === null) return `Waiting for data${reason ? `: ${reason}` : ""}`;
      const where = p.variant === "each arm" ? "per arm" : `on ${p.variant}`;
      const when = eta !== null ? `, ${formatEta(eta)} at the current rate` : ", no traffic on it yet";
      return `Waiting for data: ${count(p.have)} of ${count(p.need)} ${p.noun} ${where}${when}`;
    }
  }
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function time(d: Date | string): number {
  return typeof d === "string" ? Date.parse(d) : d.getTime();
}
