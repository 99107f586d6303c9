// Verifying an audit chain of one million events (target ≤ 10 s).
//   npx tsx bench/audit-verify.ts [--events=1000000] [--runs=3]
// Setup: an ephemeral embedded PostgreSQL (lib/db/embedded-postgres.ts), migrated. Events are
// built in node with correctly chained hashes (the same auditHash() the writer uses) and loaded
// with multi-row INSERT ... SELECT FROM unnest(...) in batches of 10 000. Each event looks like
// a real one: a rollout/approval/rollback action by a user, token or the controller, with before/
// after JSON of a few fields and a requestId in meta. Then verifyChain() runs over node-postgres,
// the one path the audit.verify verb and exports use (lib/audit/verify-chain.ts). A last run
// tampers one row (trigger disabled, as a superuser would) and checks that it is named.
// Writes bench/results/audit-verify.json and .md.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "@/lib/testing/free-port";
import { auditHash, GENESIS_HASH } from "@/lib/audit/audit-hash";
import { toPlainJson } from "@/lib/audit/canonical-json";
import { pgChainQuery, verifyChain } from "@/lib/audit/verify-chain";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const EVENTS = arg("events", 1_000_000);
const RUNS = arg("runs", 3);
const BATCH = 10_000;
const TARGET_MS = 10_000;

const ACTIONS = [
  "rollout.start",
  "rollout.set_weight",
  "analysis.pass",
  "approval.grant",
  "checklist.sign",
  "rollback.request",
  "rollout.promote",
  "registry.version.register",
];
const ACTORS = [
  { actorType: "user", actorId: "cmuser000000000000000001", actorLabel: "Rick Release <release@switchyard.local>" },
  { actorType: "user", actorId: "cmuser000000000000000002", actorLabel: "Alan Approver <approver@switchyard.local>" },
  { actorType: "token", actorId: "cmtoken00000000000000001", actorLabel: "token:demo pipeline" },
  { actorType: "system", actorId: null, actorLabel: "system:controller" },
];

async function main() {
  const dir = path.join(os.tmpdir(), `switchyard-bench-audit-${process.pid}`);
  const pgServer = await startEmbeddedPostgres({ dir, port: await freePort(), ephemeral: true });
  const client = new pg.Pool({ connectionString: pgServer.url, max: 2 });
  client.on("error", () => {}); // idle connections are cut when the database stops at the end
  const query = pgChainQuery(client);
  try {
    await migrate(pgServer.url);
    const load = await loadEvents(pgServer.url);
    const runs: { durationMs: number; cpuMs: number; loadAverage: number; checked: number; ok: boolean }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const cpu = process.cpuUsage();
      const r = await verifyChain(query);
      const used = process.cpuUsage(cpu);
      runs.push({
        durationMs: r.durationMs,
        cpuMs: Math.round((used.user + used.system) / 1000),
        loadAverage: Number(os.loadavg()[0]!.toFixed(2)),
        checked: r.checked,
        ok: r.ok,
      });
      console.log(
        `run ${i + 1}: ${r.checked} events in ${r.durationMs} ms (node CPU ${runs.at(-1)!.cpuMs} ms, load ${runs.at(-1)!.loadAverage}), ok=${r.ok}`,
      );
    }
    const tamperId = Math.floor(EVENTS * 0.73);
    await tamper(pgServer.url, tamperId);
    const tampered = await verifyChain(query);
    console.log(`tampered run: ${tampered.problem} in ${tampered.durationMs} ms`);
    const durations = runs.map((r) => r.durationMs).sort((a, b) => a - b);
    const mid = Math.floor(durations.length / 2);
    const median = durations.length % 2 ? durations[mid]! : Math.round((durations[mid - 1]! + durations[mid]!) / 2);
    const best = durations[0]!;
    const result = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      events: EVENTS,
      load,
      verify: {
        runs,
        medianMs: median,
        bestMs: best,
        eventsPerSecond: Math.round(EVENTS / (median / 1000)),
        targetMs: TARGET_MS,
        pass: median <= TARGET_MS && runs.every((r) => r.ok && r.checked === EVENTS),
      },
      tampered: {
        tamperedId: String(tamperId),
        found: tampered.firstBadId === String(tamperId),
        problem: tampered.problem,
        durationMs: tampered.durationMs,
      },
    };
    await writeResults(result);
    if (!result.verify.pass || !result.tampered.found) process.exitCode = 1;
  } finally {
    await client.end();
    await pgServer.stop();
  }
}

async function loadEvents(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  let prevHash = GENESIS_HASH;
  const t0 = Date.UTC(2026, 0, 1);
  try {
    for (let start = 0; start < EVENTS; start += BATCH) {
      const cols: (string | null)[][] = Array.from({ length: 12 }, () => []);
      for (let i = start; i < Math.min(EVENTS, start + BATCH); i++) {
        const actor = ACTORS[i % ACTORS.length]!;
        const action = ACTIONS[i % ACTIONS.length]!;
        const rolloutId = `cmrollout${String(i % 5000).padStart(15, "0")}`;
        const content = {
          at: new Date(t0 + i * 1_000).toISOString(),
          ...actor,
          action,
          entityType: "rollout",
          entityId: rolloutId,
          before: toPlainJson(
            i % 3 === 0
              ? null
              : {
                  status: "progressing",
                  currentStepIndex: i % 9,
                  desiredWeights: { champion: 9000, challenger: 1000 },
                },
          ),
          after: toPlainJson({
            status: "progressing",
            currentStepIndex: (i % 9) + 1,
            desiredWeights: { champion: 5000, challenger: 5000 },
            note: `step ${i}`,
          }),
          meta: toPlainJson({ requestId: `req-${i.toString(36)}`, ip: "10.0.0.1" }),
        };
        const hash = auditHash(prevHash, content);
        const values = [
          content.at,
          actor.actorType,
          actor.actorId,
          actor.actorLabel,
          action,
          content.entityType,
          content.entityId,
          json(content.before),
          json(content.after),
          json(content.meta),
          prevHash,
          hash,
        ];
        values.forEach((v, k) => cols[k]!.push(v));
        prevHash = hash;
      }
      await client.query(
        `INSERT INTO audit_events (at, actor_type, actor_id, actor_label, action, entity_type, entity_id, before, after, meta, prev_hash, hash)
         SELECT a::timestamp, b, c, d, e, f, g, h::jsonb, i::jsonb, j::jsonb, k, l
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
           AS t(a, b, c, d, e, f, g, h, i, j, k, l)`,
        cols,
      );
    }
    await client.query("ANALYZE audit_events");
    const { rows } = await client.query(`SELECT pg_size_pretty(pg_total_relation_size('audit_events')) AS size`);
    return {
      durationMs: Math.round(performance.now() - started),
      tableSize: rows[0].size as string,
      method: "multi-row INSERT … SELECT FROM unnest() in batches of 10 000, hashes computed in node",
    };
  } finally {
    await client.end();
  }
}

async function tamper(url: string, id: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only");
    await client.query(`UPDATE audit_events SET after = jsonb_set(after, '{note}', '"edited"') WHERE id = $1`, [id]);
    await client.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only");
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

async function writeResults(result: {
  generatedAt: string;
  machine: { cpus: number; model?: string; node: string };
  events: number;
  load: { durationMs: number; tableSize: string; method: string };
  verify: {
    runs: { durationMs: number; cpuMs: number; loadAverage: number; checked: number; ok: boolean }[];
    medianMs: number;
    bestMs: number;
    eventsPerSecond: number;
    targetMs: number;
    pass: boolean;
  };
  tampered: { tamperedId: string; found: boolean; problem?: string; durationMs: number };
}) {
  const dir = path.resolve("bench/results");
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "audit-verify.json"), JSON.stringify(result, null, 2) + "\n");
  const md = `# Audit chain verification

${result.events.toLocaleString("en")} hash-chained audit events in an embedded PostgreSQL (${result.load.tableSize}), verified by \`lib/audit/verify-chain.ts\` the way the audit.verify verb does it: Postgres recomputes every hash (the writer's own SQL definition) and checks every link, in two id ranges on two connections concurrently; node only checks the range boundary.
Machine: ${result.machine.cpus} CPUs (${result.machine.model}), Node ${result.machine.node}, generated ${result.generatedAt}. Reproduce: \`npx tsx bench/audit-verify.ts\`.

| measure | value | target |
| --- | --- | --- |
| verification, median of ${result.verify.runs.length} runs | **${(result.verify.medianMs / 1000).toFixed(2)} s** (${result.verify.eventsPerSecond.toLocaleString("en")} events/s) | ≤ ${result.verify.targetMs / 1000} s ${result.verify.pass ? "✅" : "❌"} |
| runs (node CPU time; 1-min load average of this shared 2-core machine) | ${result.verify.runs.map((r) => `${(r.durationMs / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s; load ${r.loadAverage})`).join(", ")} | |
| best run | ${(result.verify.bestMs / 1000).toFixed(2)} s | |
| tampered row ${result.tampered.tamperedId} found | ${result.tampered.found ? "yes" : "NO"}: “${result.tampered.problem}” in ${(result.tampered.durationMs / 1000).toFixed(2)} s | named |
| loading the events (setup, not measured against a target) | ${(result.load.durationMs / 1000).toFixed(1)} s | |

Load method: ${result.load.method}.
`;
  await writeFile(path.join(dir, "audit-verify.md"), md);
}

function json(v: unknown): string | null {
  return v === null ? null : JSON.stringify(v);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
