// Pure: what `switchyard rollouts watch` shows for one look at a rollout, and when watching ends.
import { stepLabel } from "../../components/rollouts/step-label";
import type { ApiRollout, GateVerdict } from "./api-types";
import type { Colors } from "./output";
import { ago, percent, words } from "./output";

export interface Snapshot {
  rollout: ApiRollout;
  gates: GateVerdict[];
}

const BAR = 30;
const TERMINAL = ["completed", "aborted", "rolled_back"];
/** How far along a rollout is; a target is reached by getting there or past it (except by failing). */
const RANK: Record<string, number> = {
  draft: 0,
  awaiting_approval: 1,
  ready: 2,
  progressing: 3,
  paused: 3,
  promoting: 4,
  completed: 5,
};

export type WatchOutcome = "reached" | "rolled_back" | "aborted" | "pending";

/** Whether watching `--until target` is over. Without a target, any end is the end. */
export function watchOutcome(status: string, target?: string): WatchOutcome {
  if (status === "rolled_back" && target !== "rolled_back") return "rolled_back";
  if (status === "aborted" && target !== "aborted") return "aborted";
  if (!target) return TERMINAL.includes(status) ? "reached" : "pending";
  if (status === target) return "reached";
  if (target === "paused") return "pending";
  const have = RANK[status];
  const want = RANK[target];
  return have !== undefined && want !== undefined && have > want ? "reached" : "pending";
}

/** Share of traffic the challengers get, in basis points. */
export function challengerShare(r: ApiRollout): number {
  const keys = r.variants.filter((v) => v.role === "challenger").map((v) => v.key);
  return keys.reduce((n, k) => n + (r.desiredWeights[k] ?? 0), 0);
}

export function exposureBar(basisPoints: number, c: Colors): string {
  const filled = Math.round((basisPoints / 10_000) * BAR);
  return c.cyan("█".repeat(filled)) + c.dim("░".repeat(BAR - filled));
}

/** The live view: a few lines that fit a terminal. */
export function renderSnapshot({ rollout: r, gates }: Snapshot, c: Colors, now = Date.now()): string[] {
  const champion = r.variants.find((v) => v.role === "champion");
  const challengers = r.variants.filter((v) => v.role === "challenger");
  const share = challengerShare(r);
  const step = r.steps[Math.min(r.currentStepIndex, r.steps.length - 1)];
  const lines = [
    `${c.bold(r.name)} ${c.dim(`· ${r.system.name} · ${words(r.strategy)} · ${champion?.version ?? "?"} → ${challengers.map((v) => v.version).join(", ")}`)}`,
    `${label("Status")}${statusText(r.status, c)} ${c.dim(`(${r.phase} phase, revision ${r.revision})`)}${r.statusReason ? c.dim(` · ${r.statusReason}`) : ""}`,
  ];
  if (step)
    lines.push(
      `${label("Step")}${Math.min(r.currentStepIndex + 1, r.steps.length)} of ${r.steps.length}  ${stepLabel(step.kind, step.params)}` +
        c.dim(
          `  ${words(step.status)}${r.stepStartedAt && !TERMINAL.includes(r.status) ? ` for ${ago(r.stepStartedAt, now)}` : ""}`,
        ),
    );
  lines.push(
    `${label("Exposure")}${exposureBar(share, c)} ${percent(share)} ${c.dim(`to ${challengers.map((v) => v.version).join(", ") || "the challenger"}`)}`,
  );
  lines.push(
    `${label("Gates")}${
      gates.length
        ? gates.map((g) => `${verdictMark(g.verdict, c)} ${g.gate}`).join("  ")
        : c.dim(r.status === "progressing" ? "no verdict yet" : "none run")
    }`,
  );
  const failing = gates.find((g) => g.verdict === "fail");
  if (failing?.reason) lines.push(`${label("")}${c.red(failing.reason)}`);
  lines.push(
    `${label("Routers")}${
      r.routers.length
        ? r.routers
            .map(
              (x) =>
                `${x.inSync ? c.green("✓") : c.yellow("…")} ${x.name} ${c.dim(
                  x.inSync
                    ? `in sync v${x.appliedVersion}`
                    : `applying v${x.desiredVersion} (has v${x.appliedVersion})`,
                )}`,
            )
            .join("  ")
        : c.dim("none")
    }`,
  );
  return lines;
}

/** One line per change, for logs (not a terminal). */
export function snapshotLine({ rollout: r, gates }: Snapshot): string {
  const step = r.steps[Math.min(r.currentStepIndex, r.steps.length - 1)];
  const pass = gates.filter((g) => g.verdict === "pass").length;
  const fail = gates.filter((g) => g.verdict === "fail").length;
  const synced = r.routers.filter((x) => x.inSync).length;
  return [
    words(r.status),
    step
      ? `step ${Math.min(r.currentStepIndex + 1, r.steps.length)}/${r.steps.length} ${stepLabel(step.kind, step.params)}`
      : "",
    `exposure ${percent(challengerShare(r))}`,
    gates.length ? `gates ${pass} pass, ${fail} fail, ${gates.length - pass - fail} waiting` : "",
    `routers ${synced}/${r.routers.length} in sync`,
  ]
    .filter(Boolean)
    .join(" · ");
}

export function statusText(status: string, c: Colors): string {
  const text = words(status);
  if (status === "completed") return c.green(text);
  if (status === "rolled_back" || status === "aborted") return c.red(text);
  if (status === "paused" || status === "awaiting_approval") return c.yellow(text);
  if (status === "progressing" || status === "promoting") return c.cyan(text);
  return text;
}

function verdictMark(v: string, c: Colors): string {
  return v === "pass" ? c.green("✓") : v === "fail" ? c.red("✗") : c.yellow("…");
}

function label(s: string): string {
  return s.padEnd(10);
}
