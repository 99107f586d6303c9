// slots list | add | set: where a system's model servers run (admin), so a rollout can name a slot.
import type { Command } from "commander";
import { contextOf, requireToken, type CliContext } from "../context";
import { CliError, EXIT } from "../exit-codes";

interface Slot {
  id: string;
  environment: string;
  name: string;
  upstreamUrl: string;
  version: { id: string; model: string; version: string } | null;
}

export function registerSlots(program: Command) {
  const slots = program.command("slots").alias("slot").description("a system's slots (model server endpoints)");

  slots
    .command("list")
    .alias("ls")
    .argument("<system>", "the system's slug")
    .description("slots by environment, with the version each runs")
    .action(async (system: string, _opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const { slots: rows } = await ctx.client.get<{ slots: Slot[] }>(`/api/v1/systems/${system}/slots`);
      ctx.out.result(rows, () =>
        ctx.out.table(
          rows.map((s) => ({
            environment: s.environment,
            slot: s.name,
            url: s.upstreamUrl,
            runs: s.version ? `${s.version.model} ${s.version.version}` : "",
            id: ctx.out.c.dim(s.id),
          })),
          ["environment", "slot", "url", "runs", "id"].map((k) => ({ key: k, label: k })),
        ),
      );
    });

  slots
    .command("add")
    .argument("<system>", "the system's slug")
    .argument("<name>", "the slot's name (blue, green, canary...)")
    .requiredOption("--url <url>", "where its model server answers")
    .option("--runs <version>", "the registered version it runs")
    .option("--model <name>", "the model, when several have that version")
    .option("--environment <name>", "environment (created on first use)", "production")
    .description("register a slot (admin)")
    .action(async (system: string, name: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const versionId = opts.runs ? await versionIdOf(ctx, system, opts.runs, opts.model) : undefined;
      const { slot } = await ctx.client.post<{ slot: Slot & { versionId: string | null } }>(
        `/api/v1/systems/${system}/slots`,
        { environment: opts.environment, name, upstreamUrl: opts.url, ...(versionId ? { versionId } : {}) },
      );
      ctx.out.result(slot, () =>
        ctx.out.say(
          `${ctx.out.c.green("✓")} Slot ${name} on ${system} → ${opts.url}${opts.runs ? ` runs ${opts.runs}` : ""}`,
        ),
      );
    });

  slots
    .command("set")
    .argument("<system>", "the system's slug")
    .argument("<name>", "the slot's name")
    .option("--url <url>", "its model server's new address")
    .option("--runs <version>", "the registered version it runs now")
    .option("--model <name>", "the model, when several have that version")
    .description("record what a slot runs now (admin); refused while a rollout routes to it")
    .action(async (system: string, name: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const { slots: rows } = await ctx.client.get<{ slots: Slot[] }>(`/api/v1/systems/${system}/slots`);
      const slot = rows.find((s) => s.name === name);
      if (!slot) throw new CliError(`${system} has no slot “${name}”.`, EXIT.notFound);
      const versionId = opts.runs ? await versionIdOf(ctx, system, opts.runs, opts.model) : undefined;
      const res = await ctx.client.patch<{ slot: unknown }>(`/api/v1/slots/${slot.id}`, {
        ...(opts.url ? { upstreamUrl: opts.url } : {}),
        ...(versionId ? { versionId } : {}),
      });
      ctx.out.result(res.slot, () => ctx.out.say(`${ctx.out.c.green("✓")} Slot ${name} on ${system} updated`));
    });
}

async function versionIdOf(ctx: CliContext, system: string, version: string, model?: string): Promise<string> {
  const { versions } = await ctx.client.get<{ versions: { id: string; version: string; model: string }[] }>(
    "/api/v1/registry/versions",
    { system, model },
  );
  const hits = versions.filter((v) => v.version === version);
  if (hits.length === 1) return hits[0]!.id;
  throw new CliError(
    hits.length
      ? `Several models of ${system} have ${version}: pass --model.`
      : `${version} is not registered for ${system}.`,
    hits.length ? EXIT.usage : EXIT.notFound,
  );
}
