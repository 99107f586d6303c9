// records export | list, audit verify, status (public), versions register | list.
import crypto from "node:crypto";
import fs from "node:fs";
import type { Command } from "commander";
import { contextOf, requireToken } from "../context";
import { CliError, EXIT } from "../exit-codes";
import { words } from "../output";

interface RecordRow {
  number: string;
  system: string;
  rollout: string | null;
  fromVersion: string;
  toVersion: string;
  strategy: string;
  outcome: string | null;
  frozenAt: string | null;
  rollbackUsed: boolean;
}

export function registerRecords(program: Command) {
  const records = program.command("records").alias("record").description("deployment records");
  const filters = (cmd: Command) =>
    cmd
      .option("--system <slug>", "one system")
      .option("--from <date>", "started on or after (YYYY-MM-DD)")
      .option("--to <date>", "started on or before (YYYY-MM-DD)")
      .option("--strategy <strategy>", "canary, blue_green, shadow...")
      .option("--outcome <outcome>", "completed, rolled_back or aborted");

  filters(records.command("list").alias("ls").description("records, newest first")).action(
    async (opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const { records: rows } = await ctx.client.get<{ records: RecordRow[] }>("/api/v1/records", pick(opts));
      ctx.out.result(rows, () =>
        ctx.out.table(
          rows.map((r) => ({
            number: r.number,
            system: r.system,
            rollout: r.rollout ?? "",
            versions: `${r.fromVersion} → ${r.toVersion}`,
            strategy: words(r.strategy),
            outcome: words(r.outcome) || "running",
            frozen: r.frozenAt?.slice(0, 16).replace("T", " ") ?? "",
          })),
          ["number", "system", "rollout", "versions", "strategy", "outcome", "frozen"].map((k) => ({
            key: k,
            label: k,
          })),
        ),
      );
    },
  );

  filters(
    records
      .command("export")
      .description("export records (json, ndjson, csv, pdf); the digest the server sends is checked against the bytes")
      .option("--format <format>", "json, ndjson, csv or pdf", "json")
      .option("-o, --output <file>", "write here (default: standard output)"),
  ).action(async (opts, cmd: Command) => {
    const ctx = contextOf(cmd);
    requireToken(ctx);
    const query = new URLSearchParams({ format: opts.format, ...pick(opts) }).toString();
    const res = await ctx.client.raw<Buffer>("GET", `/api/v1/records/export?${query}`, undefined, true);
    const digest = `sha256:${crypto.createHash("sha256").update(res.body).digest("hex")}`;
    const claimed = res.headers.get("x-switchyard-export-digest") ?? "";
    const verified = claimed.replace(/^sha256:/, "") === digest.replace(/^sha256:/, "");
    if (opts.output) fs.writeFileSync(opts.output, res.body);
    else process.stdout.write(res.body);
    const summary = {
      file: opts.output ?? null,
      format: opts.format,
      records: Number(res.headers.get("x-switchyard-record-count") ?? 0),
      digest,
      digestVerified: verified,
      auditHead: res.headers.get("x-switchyard-audit-head"),
    };
    const line = `${verified ? ctx.out.c.green("✓") : ctx.out.c.red("✗")} ${summary.records} record${summary.records === 1 ? "" : "s"}${opts.output ? ` → ${opts.output}` : ""} · ${digest}${verified ? " (matches the server's digest)" : ` (server said ${claimed})`} · audit head ${summary.auditHead?.slice(0, 12)}`;
    if (opts.output && ctx.out.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else process.stderr.write(`${line}\n`);
    if (!verified) throw new CliError("The export's bytes don't match the digest the server sent.", EXIT.tampered);
  });

  program
    .command("audit")
    .description("the audit chain")
    .command("verify")
    .description("recompute every audit event's hash; exit code 13 names tampering")
    .action(async (_opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const { verification: v } = await ctx.client.post<{
        verification: {
          ok: boolean;
          checked: number;
          headHash: string;
          firstBadId?: string;
          problem?: string;
          durationMs: number;
        };
      }>("/api/v1/audit/verify");
      ctx.out.result(v, () =>
        ctx.out.say(
          v.ok
            ? `${ctx.out.c.green("✓")} Audit chain intact: ${v.checked.toLocaleString("en")} events, head ${v.headHash.slice(0, 16)} (${v.durationMs} ms)`
            : `${ctx.out.c.red("✗")} Audit chain broken at event ${v.firstBadId}: ${v.problem}`,
        ),
      );
      if (!v.ok) process.exitCode = EXIT.tampered;
    });

  program
    .command("status")
    .description("the public status of each system (no sign-in needed)")
    .argument("[system]", "one system's slug")
    .action(async (system: string | undefined, _opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      const feed = await ctx.client.get<{
        systems: {
          slug: string;
          name: string;
          status: string;
          serving: string | null;
          rollout: { name: string; strategy: string; status: string; exposurePercent: number; to: string[] } | null;
          incidents: { title: string; status: string }[];
        }[];
      }>("/api/v1/status");
      const systems = feed.systems.filter((s) => !system || s.slug === system);
      if (system && !systems.length) throw new CliError(`No system “${system}” on the status page.`, EXIT.notFound);
      ctx.out.result(system ? systems[0] : feed, () => {
        const { c } = ctx.out;
        const colour = (s: string) =>
          (s === "operational" ? c.green : s === "rollout_in_progress" ? c.cyan : c.red)(words(s));
        ctx.out.table(
          systems.map((s) => ({
            system: s.name,
            status: colour(s.status),
            serving: s.serving ?? "",
            rollout: s.rollout
              ? `${s.rollout.name} (${words(s.rollout.strategy)}, ${s.rollout.exposurePercent} % on ${s.rollout.to.join(", ")})`
              : "",
            incidents: s.incidents
              .filter((i) => i.status !== "resolved")
              .map((i) => i.title)
              .join("; "),
          })),
          ["system", "status", "serving", "rollout", "incidents"].map((k) => ({ key: k, label: k })),
        );
      });
    });

  const versions = program.command("versions").alias("version").description("the model registry");
  versions
    .command("register")
    .description("register a model version built by a pipeline (provenance required)")
    .argument("<version>", "the version, e.g. 1.6.0")
    .requiredOption("--system <slug>", "the system it is for")
    .requiredOption("--model <name>", "the model's name")
    .requiredOption("--artifact <uri>", "s3://, gs://, oci://, https://... where the artifact lives")
    .requiredOption("--digest <sha256>", "sha256:<64 hex> of the artifact")
    .requiredOption("--run <id>", "the pipeline run that built it")
    .option("--run-url <url>", "a link to that run")
    .option("--commit <sha>", "the source commit")
    .option("--metric <name=value...>", "offline metrics, e.g. --metric accuracy=0.93 f1=0.91")
    .option("--if-missing", "succeed quietly when this version is registered already (re-run pipelines)")
    .action(async (versionName: string, opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const offlineMetrics = Object.fromEntries(
        (opts.metric ?? []).map((m: string) => {
          const [k, v] = m.split("=");
          if (!k || v === undefined || !Number.isFinite(Number(v)))
            throw new CliError(`--metric ${m}: write name=number`, EXIT.usage);
          return [k, Number(v)];
        }),
      );
      try {
        const { version } = await ctx.client.post<{ version: { id: string; version: string; model: string } }>(
          "/api/v1/registry/versions",
          {
            system: opts.system,
            model: opts.model,
            version: versionName,
            artifactUri: opts.artifact,
            digest: opts.digest,
            pipelineRunId: opts.run,
            ...(opts.runUrl ? { pipelineRunUrl: opts.runUrl } : {}),
            ...(opts.commit ? { sourceCommit: opts.commit } : {}),
            offlineMetrics,
          },
        );
        ctx.out.result(version, () =>
          ctx.out.say(`${ctx.out.c.green("✓")} Registered ${version.model} ${version.version} · ${version.id}`),
        );
      } catch (error) {
        if (!(opts.ifMissing && error instanceof CliError && error.code === EXIT.refused)) throw error;
        ctx.out.result({ registered: false, reason: error.message }, () =>
          ctx.out.say(`${ctx.out.c.dim("=")} ${error.message}`),
        );
      }
    });

  versions
    .command("list")
    .alias("ls")
    .description("registered versions, newest first")
    .option("--system <slug>", "one system")
    .option("--model <name>", "one model")
    .action(async (opts, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireToken(ctx);
      const { versions: rows } = await ctx.client.get<{
        versions: {
          id: string;
          system: string;
          model: string;
          version: string;
          status: string;
          pipelineRunId: string;
          createdAt: string;
        }[];
      }>("/api/v1/registry/versions", { system: opts.system, model: opts.model });
      ctx.out.result(rows, () =>
        ctx.out.table(
          rows.map((v) => ({
            ...v,
            status: words(v.status),
            registered: v.createdAt.slice(0, 16).replace("T", " "),
            id: ctx.out.c.dim(v.id),
          })),
          ["system", "model", "version", "status", "pipelineRunId", "registered", "id"].map((k) => ({
            key: k,
            label: k === "pipelineRunId" ? "pipeline run" : k,
          })),
        ),
      );
    });
}

function pick(opts: Record<string, string | undefined>) {
  return Object.fromEntries(
    ["system", "from", "to", "strategy", "outcome"].flatMap((k) => (opts[k] ? [[k, opts[k]!]] : [])),
  ) as Record<string, string>;
}
