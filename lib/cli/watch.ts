// `switchyard rollouts watch`: polls the rollout's read API (the controller is the only writer;
// watching never changes anything) and redraws a live view on a terminal, or prints one line per
// change (NDJSON with --json) in a pipeline log. Ends with an exit code a pipeline can branch on.
import { createLogUpdate } from "log-update";
import type { GateVerdict } from "./api-types";
import type { CliContext } from "./context";
import { CliError, EXIT, type ExitCode } from "./exit-codes";
import { words } from "./output";
import { getRollout } from "./resolve-rollout";
import { renderSnapshot, snapshotLine, statusText, watchOutcome, type Snapshot } from "./watch-view";

export const WATCH_TARGETS = [
  "ready",
  "progressing",
  "paused",
  "promoting",
  "completed",
  "rolled_back",
  "aborted",
] as const;

const MAX_MISSES = 5;

export async function watchRollout(
  ctx: CliContext,
  rolloutId: string,
  options: { until?: string; timeoutSeconds?: number; intervalMs: number },
): Promise<ExitCode> {
  const { out } = ctx;
  const live = !out.json && Boolean(process.stdout.isTTY);
  const draw = live ? createLogUpdate(process.stdout, { showCursor: false }) : null;
  const deadline = options.timeoutSeconds ? Date.now() + options.timeoutSeconds * 1000 : Infinity;
  const stop = () => {
    draw?.done();
    process.exit(130);
  };
  process.once("SIGINT", stop);
  let last = "";
  let misses = 0;
  try {
    for (;;) {
      let snapshot: Snapshot;
      try {
        snapshot = await look(ctx, rolloutId);
        misses = 0;
      } catch (error) {
        // A blip (server restarting, a dropped connection) is not the rollout failing.
        if (!(error instanceof CliError) || error.code !== EXIT.unavailable || ++misses > MAX_MISSES) throw error;
        await sleep(options.intervalMs);
        continue;
      }
      const r = snapshot.rollout;
      const key = JSON.stringify([
        r.status,
        r.currentStepIndex,
        r.desiredWeights,
        r.routers.map((x) => [x.inSync, x.appliedVersion]),
        snapshot.gates.map((g) => [g.gate, g.verdict]),
      ]);
      if (draw) draw(renderSnapshot(snapshot, out.c).join("\n"));
      else if (key !== last) {
        if (out.json) process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...snapshot })}\n`);
        else out.say(`${new Date().toISOString().slice(11, 19)} ${r.name}: ${snapshotLine(snapshot)}`);
      }
      last = key;
      const outcome = watchOutcome(r.status, options.until);
      if (outcome !== "pending") {
        draw?.done();
        const reached = outcome === "reached";
        out.say(
          `${reached ? out.c.green("✓") : out.c.red("✗")} “${r.name}” is ${statusText(r.status, out.c)}${r.statusReason ? out.c.dim(` · ${r.statusReason}`) : ""}`,
        );
        return reached ? EXIT.ok : outcome === "rolled_back" ? EXIT.rolledBack : EXIT.aborted;
      }
      if (Date.now() >= deadline) {
        draw?.done();
        out.say(
          `${out.c.yellow("…")} Gave up waiting: “${r.name}” is still ${words(r.status)}${options.until ? `, not ${words(options.until)}` : ""}.`,
        );
        return EXIT.timedOut;
      }
      await sleep(options.intervalMs);
    }
  } finally {
    process.removeListener("SIGINT", stop);
  }
}

async function look(ctx: CliContext, rolloutId: string): Promise<Snapshot> {
  const [rollout, analysis] = await Promise.all([
    getRollout(ctx, rolloutId),
    ctx.client.get<{ gates: GateVerdict[] }>(`/api/v1/rollouts/${rolloutId}/analysis`, { take: "100" }),
  ]);
  return { rollout, gates: analysis.gates };
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
