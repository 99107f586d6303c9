// Exporting 1 000 deployment records as CSV (target ≤ 5 s).
//   npx tsx bench/records-export.ts [--records=1000] [--runs=5]
// Setup: an ephemeral embedded PostgreSQL, migrated; one system, then N frozen canary records
// with five stages, a dozen timeline entries, metrics per stage for two variants and an issue
// each (about the size a real 48-hour canary produces), inserted with createMany. Measured: the
// export path the API uses (renderRecordsExport: paged reads through Prisma, csv-stringify, sha256
// of the body), end to end; JSON and PDF of the same records for comparison.
// Writes bench/results/records-export.json and .md.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { freePort } from "@/lib/testing/free-port";
import { renderRecordsExport } from "@/lib/records/render-export";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const RECORDS = arg("records", 1_000);
const RUNS = arg("runs", 5);
const TARGET_MS = 5_000;

async function main() {
  const pgServer = await startEmbeddedPostgres({
    dir: path.join(os.tmpdir(), `switchyard-bench-records-${process.pid}`),
    port: await freePort(),
    ephemeral: true,
  });
  const db = createPrismaClient(pgServer.url, 4);
  process.env.DATABASE_URL = pgServer.url; // the export reads the audit chain head over its own connection
  try {
    await migrate(pgServer.url);
    await seed(db);
    const csv: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const out = await renderRecordsExport(db, { format: "csv" });
      csv.push(Math.round(performance.now() - t0));
      bytes = out.chunks.reduce((n, c) => n + c.length, 0);
      if (out.count !== RECORDS) throw new Error(`exported ${out.count} records, expected ${RECORDS}`);
    }
    const other: Record<string, { ms: number; bytes: number }> = {};
    for (const format of ["json", "pdf"] as const) {
      const t0 = performance.now();
      const out = await renderRecordsExport(db, { format });
      other[format] = { ms: Math.round(performance.now() - t0), bytes: out.chunks.reduce((n, c) => n + c.length, 0) };
    }
    const sorted = [...csv].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const result = {
      generatedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model,
        node: process.version,
        loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
      },
      records: RECORDS,
      csv: {
        runsMs: csv,
        medianMs: median,
        maxMs: sorted.at(-1),
        bytes,
        targetMs: TARGET_MS,
        pass: sorted.at(-1)! <= TARGET_MS,
      },
      other,
    };
    console.log(JSON.stringify(result, null, 2));
    const dir = path.resolve("bench/results");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "records-export.json"), JSON.stringify(result, null, 2) + "\n");
    await writeFile(
      path.join(dir, "records-export.md"),
      `# Deployment records export

${RECORDS.toLocaleString("en")} frozen canary records (5 stages, 12 timeline entries, metrics per stage for 2 variants, 1 issue each) in an embedded PostgreSQL, exported through \`renderRecordsExport\` (the code behind \`GET /api/v1/records/export\`: paged Prisma reads, csv-stringify, sha256 of the body).
Machine: ${result.machine.cpus} CPUs (${result.machine.model}), Node ${result.machine.node}, load average ${result.machine.loadAverage.join(" / ")} (the machine is shared), generated ${result.generatedAt}. Reproduce: \`npx tsx bench/records-export.ts\`.

| export | time | size | target |
| --- | --- | --- | --- |
| CSV, median of ${RUNS} runs | **${median} ms** (runs: ${csv.join(", ")} ms) | ${(bytes / 1024).toFixed(0)} KiB | ≤ ${TARGET_MS} ms ${result.csv.pass ? "✅ (slowest run too)" : "❌"} |
| JSON (one run) | ${other.json!.ms} ms | ${(other.json!.bytes / 1024).toFixed(0)} KiB | |
| PDF (one run, ${RECORDS + 1} pages) | ${other.pdf!.ms} ms | ${(other.pdf!.bytes / 1024).toFixed(0)} KiB | |
`,
    );
    if (!result.csv.pass) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await pgServer.stop();
  }
}

async function seed(db: PrismaClient) {
  const author = await db.user.create({
    data: { email: "bench@example.test", name: "Bench Author", role: "release_manager" },
  });
  const system = await db.system.create({ data: { slug: "bench", name: "Bench Classifier", mirrorSafeRoutes: [] } });
  const model = await db.model.create({ data: { systemId: system.id, name: "bench-model" } });
  const version = await db.modelVersion.create({
    data: {
      modelId: model.id,
      version: "1.0.0",
      artifactUri: "s3://m/1",
      digest: `sha256:${"a".repeat(64)}`,
      pipelineRunId: "run-1",
    },
  });
  const t0 = Date.UTC(2026, 0, 1);
  const labels = ["internal 0 %", "1 %", "10 %", "50 %", "100 %"];
  for (let start = 0; start < RECORDS; start += 250) {
    const n = Math.min(250, RECORDS - start);
    const rollouts = Array.from({ length: n }, (_, k) => ({
      id: `bench-rollout-${start + k}`,
      systemId: system.id,
      name: `canary ${start + k}`,
      strategy: "canary" as const,
      status: "completed" as const,
      authorId: author.id,
      planHash: "p",
      salt: "s",
    }));
    await db.rollout.createMany({ data: rollouts });
    await db.rolloutVariant.createMany({
      data: rollouts.flatMap((r) => [
        { rolloutId: r.id, key: "champion", role: "champion" as const, versionId: version.id, upstreamUrl: "http://a" },
        {
          rolloutId: r.id,
          key: "challenger",
          role: "challenger" as const,
          versionId: version.id,
          upstreamUrl: "http://b",
        },
      ]),
    });
    await db.deploymentRecord.createMany({
      data: rollouts.map((r, k) => {
        const i = start + k;
        const at = (h: number) => new Date(t0 + i * 86_400_000 + h * 3_600_000).toISOString();
        return {
          number: `DR-2026-${String(i + 1).padStart(4, "0")}`,
          rolloutId: r.id,
          systemId: system.id,
          fromVersion: `3.${i}`,
          toVersion: `3.${i + 1}`,
          strategy: "canary" as const,
          stages: labels.map((label, s) => ({
            index: s,
            label,
            phase: ["internal", "alpha", "beta", "beta", "ga"][s],
            weights: { champion: 10_000 - s * 2_000, challenger: s * 2_000 },
            status: "completed",
            startedAt: at(s * 6),
            completedAt: at(s * 6 + 6),
            steps: [],
          })),
          timeline: Array.from({ length: 12 }, (_, e) => ({
            at: at(e * 2),
            action: e % 3 ? "rollout.set_weight" : "analysis.pass",
            actor: "system:controller",
            detail: "metrics stable, expand",
            auditId: String(i * 12 + e),
          })),
          metrics: labels.slice(1).map((label, s) => ({
            stage: s + 1,
            label,
            from: at(s * 6),
            to: at(s * 6 + 6),
            variants: Object.fromEntries(
              ["champion", "challenger"].map((v) => [
                v,
                {
                  requests: 10_000,
                  errors: 10,
                  errorRate: 0.001,
                  p95LatencyMs: 50,
                  labelled: 5_000,
                  accuracy: 0.872,
                },
              ]),
            ),
          })),
          issues: [{ at: at(3), kind: "analysis_failed", summary: "Gate latency inconclusive then passed" }],
          rollbackUsed: i % 10 === 0,
          notes: "Smooth deployment. Model performance consistent with testing.",
          outcome: "completed",
          startedAt: new Date(at(0)),
          frozenAt: new Date(at(30)),
          digest: "d".repeat(64),
          auditHash: "e".repeat(64),
        };
      }),
    });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
