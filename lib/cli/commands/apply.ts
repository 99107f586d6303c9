// apply -f / diff -f: rollouts as code, and `schema` for the spec's JSON Schema.
import type { Command } from "commander";
import { stringify } from "yaml";
import { rolloutSpecJsonSchema } from "../../rollouts/rollout-spec";
import type { ApplyResult, SpecChange } from "../api-types";
import { contextOf, requireToken, type CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { words } from "../output";
import { readSpec } from "../spec-file";

export function registerApply(program: Command) {
  program
    .command("apply")
    .description("make the spec's rollout match the file: created, updated (not started yet) or unchanged")
    .requiredOption("-f, --file <file>", "rollout spec, YAML or JSON; - for standard input")
    .action(async (opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const result = await ctx.client.post<ApplyResult>("/api/v1/rollout-specs/apply", readSpec(opts.file));
      ctx.out.result(result, () => {
        const { c } = ctx.out;
        const r = result.rollout!;
        const head =
          result.action === "unchanged"
            ? `${c.dim("=")} “${r.name}” unchanged (${words(r.status)})`
            : `${c.green("✓")} “${r.name}” ${result.action} (${words(r.status)})`;
        ctx.out.say(`${head} · spec ${result.specHash.slice(7, 19)} · ${r.id}`);
        if (result.action === "updated") printChanges(ctx, result.changes);
        if (result.voidedApprovals)
          ctx.out.say(
            c.yellow(
              `  ${result.voidedApprovals} approval${result.voidedApprovals === 1 ? "" : "s"} of the old plan no longer count.`,
            ),
          );
      });
    });

  program
    .command("diff")
    .description("what `apply` would change; exit code 1 when it would change something, 0 when not")
    .requiredOption("-f, --file <file>", "rollout spec, YAML or JSON; - for standard input")
    .action(async (opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const result = await ctx.client.post<ApplyResult>("/api/v1/rollout-specs/diff", readSpec(opts.file));
      ctx.out.result(result, () => {
        const name = result.rollout?.name ?? "(new rollout)";
        if (result.action === "unchanged")
          return ctx.out.say(`${ctx.out.c.dim("=")} “${name}” matches the spec: nothing to apply.`);
        ctx.out.say(
          result.action === "create"
            ? `+ a new rollout would be created:`
            : `~ “${name}” (${words(result.rollout?.status)}) would change:`,
        );
        printChanges(ctx, result.changes);
      });
      if (result.action !== "unchanged") process.exitCode = EXIT.changes;
    });

  program
    .command("schema")
    .description("print the JSON Schema of rollout specs (for editors and CI linting)")
    .action(() => {
      process.stdout.write(`${JSON.stringify(rolloutSpecJsonSchema(), null, 2)}\n`);
    });
}

function printChanges(ctx: CliContext, changes: SpecChange[]) {
  const { c, say } = ctx.out;
  for (const ch of changes) {
    if (ch.op === "add") say(c.green(`  + ${ch.field}: ${inline(ch.after)}`));
    else if (ch.op === "remove") say(c.red(`  - ${ch.field}: ${inline(ch.before)}`));
    else say(c.yellow(`  ~ ${ch.field}: ${inline(ch.before)} → ${inline(ch.after)}`));
  }
}

/** A value as a spec would write it, on one line. */
function inline(v: unknown): string {
  if (typeof v === "string") return v;
  return stringify(v, { flow: true, lineWidth: 0 }).trim();
}
