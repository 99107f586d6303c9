// Propagation of a weight change through the real HAProxy and NGINX adapters.
//   npx tsx bench/propagation.ts [--haproxy-changes=100] [--nginx-changes=20]
// Setup: two node:http upstreams answering "champion" / "challenger", HAProxy 2.6 (nbthread 1)
// and NGINX 1.22 (1 worker) started in temp dirs (lib/routers/testing). A steady stream of GETs
// without a unit key runs through the router while the adapter flips 100/0 ↔ 0/100.
// Propagation of one change = time from adapter.apply() being called until the first request
// *sent* after that call from which on ≥ 99 % of requests reach the new arm (within the
// observation window up to the next change). Requests sent before apply() are ignored.
// Also: apply() duration, the raw Runtime API "set weight + show servers state" round trip, and
// failed requests during NGINX reloads (fresh connections: must be 0; keep-alive: resets on reused
// connections are re-sent once on a new connection, as browsers do, and counted separately).
// Writes bench/results/propagation.json and .md. Bounded: ≤ 3 minutes (stops early if needed).
import { writeFile, mkdir } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { HaproxyAdapter } from "@/lib/routers/haproxy";
import { HaproxyRuntimeClient } from "@/lib/routers/haproxy-runtime";
import { NginxAdapter } from "@/lib/routers/nginx";
import type { RouterAdapter } from "@/lib/routers/types";
import { twoArmConfig } from "@/lib/routers/testing/routing-config";
import { startHaproxy } from "@/lib/routers/testing/start-haproxy";
import { startNginx } from "@/lib/routers/testing/start-nginx";
import { startRequestStream, type Sample } from "@/lib/routers/testing/traffic";
import { startUpstreamServer } from "@/lib/routers/testing/upstream-server";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const HAPROXY_CHANGES = arg("haproxy-changes", 100);
const NGINX_CHANGES = arg("nginx-changes", 20);
const RUNTIME_ITERATIONS = arg("runtime-iterations", 300);
const BUDGET_MS = 170_000;
const TARGETS = { haproxyP99Ms: 50, nginxP99Ms: 2_000, nginxExtraErrors: 0 };

interface ChangeResult {
  propagationMs: number | null;
  applyMs: number;
}

async function main() {
  const started = Date.now();
  const champion = await startUpstreamServer("champion");
  const challenger = await startUpstreamServer("challenger");
  const up = { champion: champion.url, challenger: challenger.url };
  const cleanup: (() => Promise<void>)[] = [champion.close, challenger.close];
  try {
    const haproxy = await startHaproxy(twoArmConfig(up));
    cleanup.unshift(haproxy.stop);
    const haAdapter = new HaproxyAdapter({
      endpoint: haproxy.runtimeEndpoint,
      settings: { backend: haproxy.backend, servers: haproxy.servers },
    });
    const runtime = await rawRuntime(new HaproxyRuntimeClient(haproxy.runtimeEndpoint), haproxy.backend);
    const ha = await flips(haAdapter, haproxy.url, up, HAPROXY_CHANGES, {
      windowMs: 40,
      keepAlive: true,
      deadline: started + BUDGET_MS / 3,
    });
    await haproxy.stop();
    cleanup.shift();

    const nginx = await startNginx(twoArmConfig(up));
    cleanup.unshift(nginx.stop);
    const ngAdapter = new NginxAdapter({ settings: { ...nginx.settings } });
    const ng = await flips(ngAdapter, nginx.url, up, NGINX_CHANGES, {
      windowMs: 300,
      keepAlive: false,
      deadline: started + BUDGET_MS,
      extraKeepAliveStream: true,
    });

    const result = {
      generatedAt: new Date().toISOString(),
      durationS: Math.round((Date.now() - started) / 1000),
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        haproxy: version("/usr/sbin/haproxy", ["-v"]),
        nginx: version("/usr/sbin/nginx", ["-v"]),
      },
      haproxyRuntime: { iterations: RUNTIME_ITERATIONS, setAndReadBackMs: stats(runtime) },
      haproxy: summary(ha, TARGETS.haproxyP99Ms),
      nginx: { ...summary(ng, TARGETS.nginxP99Ms), extraErrorsTarget: TARGETS.nginxExtraErrors },
    };
    result.nginx.met = result.nginx.met && ng.errors === TARGETS.nginxExtraErrors;
    const dir = path.join(import.meta.dirname, "results");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "propagation.json"), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(path.join(dir, "propagation.md"), markdown(result));
    console.log(markdown(result));
  } finally {
    for (const stop of cleanup) await stop().catch(() => undefined);
  }
}

/** Flip all traffic between the arms `changes` times while a request stream runs. */
async function flips(
  adapter: RouterAdapter,
  url: string,
  up: { champion: string; challenger: string },
  changes: number,
  opts: { windowMs: number; keepAlive: boolean; deadline: number; extraKeepAliveStream?: boolean },
) {
  const stream = startRequestStream(url, { concurrency: 3, keepAlive: opts.keepAlive });
  const kept = opts.extraKeepAliveStream ? startRequestStream(url, { concurrency: 1, keepAlive: true }) : null;
  let version = 1;
  await adapter.apply(twoArmConfig(up, { version: ++version, challengerBasisPoints: 0 }));
  await sleep(200);
  const marks: { t0: number; target: string; applyMs: number }[] = [];
  for (let i = 0; i < changes && Date.now() < opts.deadline; i++) {
    const target = i % 2 === 0 ? "challenger" : "champion";
    const t0 = performance.now();
    await adapter.apply(
      twoArmConfig(up, { version: ++version, challengerBasisPoints: target === "challenger" ? 10_000 : 0 }),
    );
    marks.push({ t0, target, applyMs: performance.now() - t0 });
    await sleep(opts.windowMs);
  }
  const samples = await stream.stop();
  const keptSamples = (await kept?.stop()) ?? [];
  const results: ChangeResult[] = marks.map((m, i) => ({
    applyMs: m.applyMs,
    propagationMs: propagation(samples, m.t0, marks[i + 1]?.t0 ?? Infinity, m.target),
  }));
  return {
    results,
    requests: samples.length + keptSamples.length,
    errors: samples.filter((s) => s.error).length + keptSamples.filter((s) => s.error).length,
    keepAliveRequests: keptSamples.length,
    keepAliveResetsRetried: keptSamples.filter((s) => s.retried).length,
  };
}

/** ms from t0 to the first request sent after t0 from which on ≥ 99 % reach `target`; null if never. */
function propagation(samples: Sample[], t0: number, t1: number, target: string): number | null {
  const window = samples.filter((s) => s.sentAt >= t0 && s.sentAt < t1).sort((a, b) => a.sentAt - b.sentAt);
  if (window.length < 5) return null;
  let onTarget = 0;
  let best: number | null = null;
  // Walk backwards: suffix share of requests reaching the target.
  for (let k = window.length - 1; k >= 0; k--) {
    if (window[k].backend === target) onTarget += 1;
    if (onTarget / (window.length - k) >= 0.99) best = k;
  }
  return best === null ? null : window[best].sentAt - t0;
}

async function rawRuntime(client: HaproxyRuntimeClient, backend: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNTIME_ITERATIONS; i++) {
    const t = performance.now();
    await client.execute(`set server ${backend}/challenger weight ${i % 2}`);
    await client.query(`show servers state ${backend}`);
    out.push(performance.now() - t);
  }
  await client.execute(`set server ${backend}/challenger weight 0`);
  return out;
}

function summary(r: Awaited<ReturnType<typeof flips>>, targetP99: number) {
  const prop = r.results.map((c) => c.propagationMs).filter((v): v is number => v !== null);
  const propagationMs = stats(prop);
  return {
    changes: r.results.length,
    measured: prop.length,
    unresolved: r.results.length - prop.length,
    propagationMs,
    applyMs: stats(r.results.map((c) => c.applyMs)),
    requests: r.requests,
    errors: r.errors,
    keepAliveRequests: r.keepAliveRequests,
    keepAliveResetsRetried: r.keepAliveResetsRetried,
    targetP99Ms: targetP99,
    met: prop.length === r.results.length && propagationMs.p99 <= targetP99,
  };
}

function stats(values: number[]) {
  const v = [...values].sort((a, b) => a - b);
  const q = (p: number) => (v.length ? round(v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)]) : NaN);
  return { n: v.length, p50: q(0.5), p99: q(0.99), max: q(1) };
}

type Result = {
  generatedAt: string;
  durationS: number;
  machine: Record<string, unknown>;
  haproxyRuntime: { iterations: number; setAndReadBackMs: ReturnType<typeof stats> };
  haproxy: ReturnType<typeof summary>;
  nginx: ReturnType<typeof summary> & { extraErrorsTarget: number };
};

function markdown(r: Result) {
  const row = (name: string, s: ReturnType<typeof summary>) =>
    `| ${name} | ${s.changes} | ${s.propagationMs.p50} | ${s.propagationMs.p99} | ${s.propagationMs.max} | ${s.applyMs.p50} | ${s.applyMs.p99} | ${s.requests} | ${s.errors} | ${s.keepAliveResetsRetried} | ${s.targetP99Ms} | ${s.met ? "yes" : "**no**"} |`;
  return [
    "# Weight propagation benchmark",
    "",
    `Generated ${r.generatedAt} by \`npx tsx bench/propagation.ts\` in ${r.durationS} s on ${r.machine.cpus} shared cores (${r.machine.haproxy}; ${r.machine.nginx}; node ${r.machine.node}).`,
    "",
    "- change: the adapter flips all traffic 100/0 ↔ 0/100 (apply() with read-back / served-version check)",
    "- traffic: a steady stream of GETs without a unit key, 3 loops (HAProxy: keep-alive; NGINX: one connection per request, plus 1 keep-alive loop)",
    "- propagation: from apply() call to the first request sent after it from which on ≥ 99 % reach the new arm",
    "- errors: failed requests during the whole run (NGINX: 5xx/resets across every reload); keep-alive resets on reused connections are re-sent once on a new connection and listed apart",
    "",
    "| router | changes | propagation p50 ms | p99 ms | max ms | apply() p50 ms | apply() p99 ms | requests | errors | keep-alive resets re-sent | target p99 ms | met |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    row("HAProxy (Runtime API)", r.haproxy),
    row("NGINX (file + nginx -t + reload)", r.nginx),
    "",
    `HAProxy Runtime API, raw \`set server weight\` + \`show servers state\` (${r.haproxyRuntime.iterations} times, connection per command): p50 ${r.haproxyRuntime.setAndReadBackMs.p50} ms, p99 ${r.haproxyRuntime.setAndReadBackMs.p99} ms, max ${r.haproxyRuntime.setAndReadBackMs.max} ms.`,
    "",
    "NGINX apply() includes `nginx -t` (a process start), SIGHUP, and waiting until the status location serves the new",
    "version after the old workers stop accepting (nginx's master waits 100 ms before telling them; the adapter waits 250 ms).",
    "The machine is shared with other work, so tails move between runs.",
    "",
  ].join("\n");
}

function version(bin: string, args: string[]) {
  const r = spawnSync(bin, args, { encoding: "utf8" });
  return `${r.stdout ?? ""}${r.stderr ?? ""}`.split("\n")[0].trim() || "unknown";
}

function round(v: number) {
  return Math.round(v * 100) / 100;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
