// rollouts list | get | watch, and the commands that drive one (create, submit, start, pause,
// resume, promote, advance, abort).
import { Command, Option } from "commander";
import { stepLabel } from "../../../components/rollouts/step-label";
import type { ApiRollout, ApiRolloutRow } from "../api-types";
import { contextOf, requireToken, type CliContext } from "../context";
import { CliError, EXIT } from "../exit-codes";
import { ago, percent, words } from "../output";
import { resolveRollout } from "../resolve-rollout";
import { isSpec, readDocument, readSpec } from "../spec-file";
import { challengerShare, exposureBar, statusText } from "../watch-view";
import { watchRollout, WATCH_TARGETS } from "../watch";
import type { ApplyResult } from "../api-types";

export function registerRollouts(program: Command) {
  const rollouts = program.command("rollouts").alias("rollout").description("list, show and watch rollouts");

  rollouts
    .command("list")
    .alias("ls")
    .description("rollouts, newest first")
    .option("--system <slug>", "only this system")
    .option("--status <statuses>", "comma-separated, e.g. progressing,paused")
    .action(async (opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const { rollouts: rows } = await ctx.client.get<{ rollouts: ApiRolloutRow[] }>("/api/v1/rollouts", {
        system: opts.system,
        status: opts.status,
      });
      ctx.out.result(rows, () => {
        if (!rows.length) return ctx.out.say("No rollouts.");
        ctx.out.table(
          rows.map((r) => {
            const challengers = r.variants.filter((v) => v.role === "challenger");
            const share = challengers.reduce((n, v) => n + (r.desiredWeights[v.key] ?? 0), 0);
            return {
              name: r.name,
              system: r.system,
              strategy: words(r.strategy),
              status: statusText(r.status, ctx.out.c),
              versions: `${r.variants.find((v) => v.role === "champion")?.version ?? "?"} → ${challengers.map((v) => v.version).join(", ")}`,
              exposure: percent(share),
              author: r.author,
              id: ctx.out.c.dim(r.id),
            };
          }),
          [
            { key: "name", label: "name" },
            { key: "system", label: "system" },
            { key: "strategy", label: "strategy" },
            { key: "status", label: "status" },
            { key: "versions", label: "versions" },
            { key: "exposure", label: "exposure" },
            { key: "author", label: "author" },
            { key: "id", label: "id" },
          ],
        );
      });
    });

  rollouts
    .command("get")
    .description("one rollout: status, plan, exposure, routers")
    .argument("<rollout>", "id or name")
    .option("--system <slug>", "when the name is used on several systems")
    .action(async (ref: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const r = await resolveRollout(ctx, ref, opts.system);
      ctx.out.result(r, () => printRollout(ctx, r));
    });

  const watch = (name: string, parent: Command) =>
    parent
      .command(name)
      .description("follow a rollout live until it ends (or reaches --until); the exit code says how it ended")
      .argument("<rollout>", "id or name")
      .option("--system <slug>", "when the name is used on several systems")
      .addOption(new Option("--until <status>", "stop once the rollout gets there").choices([...WATCH_TARGETS]))
      .option("--timeout <duration>", "give up after this long (30s, 10m, 2h), exit code 12")
      .option("--interval <seconds>", "seconds between looks", "2")
      .action(async (ref: string, opts, cmd: Command) => {
        const ctx = contextOf(cmd);
        requireToken(ctx);
        const r = await resolveRollout(ctx, ref, opts.system);
        process.exitCode = await watchRollout(ctx, r.id, {
          until: opts.until,
          timeoutSeconds: opts.timeout ? durationSeconds(opts.timeout) : undefined,
          intervalMs: Math.max(0.2, Number(opts.interval) || 2) * 1000,
        });
      });
  watch("watch", rollouts);
  watch("watch", program);

  program
    .command("create")
    .description("create a draft rollout from a file: a rollout spec, or the body POST /api/v1/rollouts takes")
    .requiredOption("-f, --file <file>", "YAML or JSON; - for standard input")
    .action(async (opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const doc = readDocument(opts.file);
      if (isSpec(doc)) {
        const spec = readSpec(opts.file);
        const plan = await ctx.client.post<ApplyResult>("/api/v1/rollout-specs/diff", spec);
        if (plan.action !== "create")
          throw new CliError(
            `“${plan.rollout?.name}” exists already (${words(plan.rollout?.status)}): use \`switchyard apply\` to change it.`,
            EXIT.refused,
          );
        const applied = await ctx.client.post<ApplyResult>("/api/v1/rollout-specs/apply", spec);
        const r = (await ctx.client.get<{ rollout: ApiRollout }>(`/api/v1/rollouts/${applied.rollout!.id}`)).rollout;
        return ctx.out.result(r, () =>
          ctx.out.say(`${ctx.out.c.green("✓")} Created “${r.name}” (${words(r.status)}) · ${r.id}`),
        );
      }
      const { rollout: r } = await ctx.client.post<{ rollout: ApiRollout }>("/api/v1/rollouts", doc);
      ctx.out.result(r, () => ctx.out.say(`${ctx.out.c.green("✓")} Created draft “${r.name}” · ${r.id}`));
    });

  for (const [action, summary] of [
    ["submit", "ask approvers to sign this plan"],
    ["start", "start a ready rollout"],
    ["pause", "hold at the current step"],
    ["resume", "go on from a pause"],
    ["promote", "send everything to the challenger now (skips remaining steps)"],
    ["advance", "finish the current step now"],
    ["abort", "stop and send everything back to the champion"],
  ] as const) {
    program
      .command(action)
      .description(summary)
      .argument("<rollout>", "id or name")
      .option("--system <slug>", "when the name is used on several systems")
      .option("--reason <text>", "why (kept in the audit trail)")
      .option("--expected-revision <n>", "refuse if someone changed the rollout since you looked (409)")
      .action(async (ref: string, opts, cmd: Command) => {
        const ctx = contextOf(cmd);
        requireToken(ctx);
        const target = await resolveRollout(ctx, ref, opts.system);
        const body = {
          ...(opts.reason ? { reason: opts.reason } : {}),
          ...(opts.expectedRevision !== undefined ? { expectedRevision: Number(opts.expectedRevision) } : {}),
        };
        const { rollout: r } = await ctx.client.post<{ rollout: ApiRollout }>(
          `/api/v1/rollouts/${target.id}/actions/${action}`,
          body,
        );
        ctx.out.result(r, () =>
          ctx.out.say(
            `${ctx.out.c.green("✓")} ${action}: “${r.name}” is ${statusText(r.status, ctx.out.c)}${r.statusReason ? ctx.out.c.dim(` · ${r.statusReason}`) : ""}`,
          ),
        );
      });
  }
}

function printRollout(ctx: CliContext, r: ApiRollout) {
  const { c, say } = ctx.out;
  const champion = r.variants.find((v) => v.role === "champion");
  say(`${c.bold(r.name)} ${c.dim(r.id)}`);
  say(`${"System".padEnd(10)}${r.system.name} (${r.system.slug})`);
  say(`${"Strategy".padEnd(10)}${words(r.strategy)} · by ${r.author.name} · plan ${r.planHash.slice(0, 10)}`);
  say(
    `${"Status".padEnd(10)}${statusText(r.status, c)} (${r.phase} phase, revision ${r.revision})${r.statusReason ? c.dim(` · ${r.statusReason}`) : ""}`,
  );
  say(
    `${"Versions".padEnd(10)}${champion?.model} ${champion?.version} → ${r.variants
      .filter((v) => v.role === "challenger")
      .map((v) => v.version)
      .join(", ")}`,
  );
  say(`${"Exposure".padEnd(10)}${exposureBar(challengerShare(r), c)} ${percent(challengerShare(r))}`);
  say("Plan");
  for (const s of r.steps) {
    const here = s.index === r.currentStepIndex && !["draft", "awaiting_approval", "ready"].includes(r.status);
    const mark = s.status === "completed" ? c.green("✓") : here ? c.cyan("▶") : c.dim("·");
    say(`  ${mark} ${String(s.index + 1).padStart(2)}. ${stepLabel(s.kind, s.params)} ${c.dim(words(s.status))}`);
  }
  if (r.routers.length) say("Routers");
  for (const x of r.routers)
    say(
      `  ${x.inSync ? c.green("✓") : c.yellow("…")} ${x.name} (${x.type}, ${x.health}) ${c.dim(x.inSync ? `in sync v${x.appliedVersion}` : `applying v${x.desiredVersion}`)}${x.lastError ? c.red(` ${x.lastError}`) : ""}`,
    );
  if (r.allowedCommands.length)
    say(c.dim(`Next: ${r.allowedCommands.join(", ")} · started ${r.startedAt ? ago(r.startedAt) + " ago" : "—"}`));
}

function durationSeconds(text: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!m) throw new CliError(`--timeout: "${text}" is not a duration like 90s, 10m or 2h.`, EXIT.usage);
  return Number(m[1]) * ({ "": 1, s: 1, m: 60, h: 3600, d: 86_400 } as Record<string, number>)[m[2]!]!;
}
