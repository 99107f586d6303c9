// The `switchyard` CLI as people and pipelines use it: the real executable as a subprocess against
// the real product (`npm start` on free ports: built Next.js app, controller, embedded PostgreSQL,
// built-in router, demo model servers and traffic). Each person signs in with their own password
// and keeps their own token; nothing is seeded behind the CLI's back.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../demo/demo-data";
import { EXIT } from "./exit-codes";
import { startRealApp, REPO, type RealApp } from "./testing/real-app";
import { CLI_BIN, person, type Person } from "./testing/run-cli";
import { jobEnvironment, readWorkflow, runStep, type ExpressionContext } from "./testing/run-workflow";

let app: RealApp;
let rick: Person; // release manager, author
let rosa: Person; // release manager, second person for rollbacks
let amy: Person; // approver

interface RolloutJson {
  id: string;
  name: string;
  status: string;
  planHash: string;
  desiredWeights: Record<string, number>;
}

beforeAll(async () => {
  app = await startRealApp();
  rick = person("rick", app.url);
  rosa = person("rosa", app.url);
  amy = person("amy", app.url);
  for (const [p, email] of [
    [rick, "release@switchyard.local"],
    [rosa, "release2@switchyard.local"],
    [amy, "approver2@switchyard.local"],
  ] as const) {
    const login = await p.run(["login", "--email", email, "--password-stdin"], { input: `${DEMO_PASSWORD}\n` });
    expect(login.code, login.stderr).toBe(0);
  }
}, 420_000);

afterAll(async () => {
  await app?.stop();
  for (const p of [rick, rosa, amy]) if (p) fs.rmSync(p.configDir, { recursive: true, force: true });
});

describe("switchyard CLI against the real app", () => {
  it("login keeps each person's own token, readable only by them; a wrong password is exit code 3", async () => {
    const file = path.join(amy.configDir, "credentials.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toMatchObject({
      server: app.url,
      user: { name: "Amy Approver", role: "approver" },
      token: expect.stringMatching(/^sy_/),
    });
    const me = (await amy.run(["whoami", "--json"])).json<{ actor: { role: string }; permissions: string[] }>();
    expect(me.actor.role).toBe("approver");
    expect(me.permissions).toContain("approvals.approve");
    expect(me.permissions).not.toContain("rollouts.control");

    const stranger = person("stranger", app.url);
    const wrong = await stranger.run(["login", "--email", "approver2@switchyard.local", "--password-stdin"], {
      input: "not-the-password\n",
    });
    expect(wrong.code).toBe(EXIT.unauthorized);
    expect(wrong.stderr).toMatch(/Wrong email or password/);
    expect(fs.existsSync(path.join(stranger.configDir, "credentials.json"))).toBe(false);
    const anonymous = await stranger.run(["rollouts", "list"]);
    expect(anonymous.code).toBe(EXIT.unauthorized);
    expect(anonymous.stderr).toMatch(/switchyard login/);
  }, 300_000);

  it("a rollback requested by one release manager and confirmed by another; `watch --until completed` exits 10 (tuned plan: an hour-long pause keeps it live)", async () => {
    const spec = writeSpec("rollback", {
      name: "ticket-router 1.5.0 rollback drill",
      version: "1.5.0",
      where: "slot: green",
      plan: ["setWeight: 10", "pause: 1h", "setWeight: 100"],
    });
    const applied = await rick.run(["apply", "-f", spec, "--json"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.json<{ action: string }>().action).toBe("created");
    await approveAsSecondPerson("ticket-router 1.5.0 rollback drill");
    const started = await rick.run(["start", "ticket-router 1.5.0 rollback drill", "--json"]);
    expect(started.code, started.stderr).toBe(0);

    const watching = rick.run(["watch", "ticket-router 1.5.0 rollback drill", "--until", "completed", "--json"]);
    await until(async () => {
      const r = (
        await rick.run(["rollouts", "get", "ticket-router 1.5.0 rollback drill", "--json"])
      ).json<RolloutJson>();
      return (r.desiredWeights.challenger ?? 0) > 0;
    });

    const request = await rick.run([
      "rollback",
      "request",
      "ticket-router 1.5.0 rollback drill",
      "--reason",
      "Billing tickets misrouted since the canary started",
      "--json",
    ]);
    expect(request.code, request.stderr).toBe(0);
    const requestId = request.json<{ id: string; status: string }>().id;

    const own = await rick.run(["rollback", "confirm", requestId]);
    expect(own.code).toBe(EXIT.forbidden);
    expect(own.stderr).toMatch(/confirm/i);

    const confirmed = await rosa.run(["rollback", "confirm", "ticket-router 1.5.0 rollback drill", "--json"]);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    const executed = confirmed.json<{ rollbackRequest: { status: string; weightsAfter: Record<string, number> } }>();
    expect(executed.rollbackRequest.status).toBe("executed");
    expect(executed.rollbackRequest.weightsAfter).toMatchObject({ champion: 10_000 });

    const watched = await watching;
    expect(watched.code, watched.stderr).toBe(EXIT.rolledBack);
    const lines = watched.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { rollout: RolloutJson });
    expect(lines.at(-1)!.rollout.status).toBe("rolled_back");
    const list = (await amy.run(["rollback", "list", "ticket-router 1.5.0 rollback drill", "--json"])).json<
      { status: string; requestedBy: { name: string }; confirmedBy: { name: string } }[]
    >();
    expect(list[0]).toMatchObject({
      status: "executed",
      requestedBy: { name: "Rick Release" },
      confirmedBy: { name: "Rosa Release" },
    });
  }, 300_000);

  it("exit codes a pipeline can branch on, and refusals that name the reason", async () => {
    const registered = await rick.run(["versions", "register", ...versionFlags("1.5.1"), "--metric", "accuracy=0.93"]);
    expect(registered.code, registered.stderr).toBe(0);
    const twice = await rick.run(["versions", "register", ...versionFlags("1.5.1")]);
    expect(twice.code).toBe(EXIT.refused);
    expect(twice.stderr).toMatch(/already registered/);
    const rerun = await rick.run(["versions", "register", ...versionFlags("1.5.1"), "--if-missing"]);
    expect(rerun.code, rerun.stderr).toBe(0);
    const spec = writeSpec("codes", {
      name: "ticket-router codes",
      version: "1.5.1",
      where: `upstreamUrl: ${app.challengerServerUrl}`,
      plan: ["setWeight: 100"],
    });
    const before = await rick.run(["diff", "-f", spec]);
    expect(before.code, before.stderr).toBe(EXIT.changes);
    expect(before.stdout).toMatch(/a new rollout would be created/);

    expect((await amy.run(["apply", "-f", spec])).code).toBe(EXIT.forbidden);
    expect((await rick.run(["rollouts", "get", "no such rollout"])).code).toBe(EXIT.notFound);
    const broken = path.join(path.dirname(spec), "broken.yaml");
    fs.writeFileSync(broken, fs.readFileSync(spec, "utf8").replace("setWeight: 100", "setWeight: 150"));
    const invalid = await rick.run(["apply", "-f", broken]);
    expect(invalid.code).toBe(EXIT.usage);
    expect(invalid.stderr).toMatch(/spec\.plan\.0\.setWeight: At most 100 %/);

    const created = await rick.run(["apply", "-f", spec, "--json"]);
    expect(created.code, created.stderr).toBe(0);
    const notReady = await rick.run(["start", "ticket-router codes"]);
    expect(notReady.code).toBe(EXIT.refused);
    const selfApproval = await rick.run(["approvals", "approve", "ticket-router codes", "--yes"]);
    expect(selfApproval.code).toBe(EXIT.forbidden);
    const timedOut = await rick.run(["watch", "ticket-router codes", "--until", "ready", "--timeout", "2s"]);
    expect(timedOut.code).toBe(EXIT.timedOut);
    const aborted = await rick.run(["abort", "ticket-router codes", "--reason", "drill over"]);
    expect(aborted.code, aborted.stderr).toBe(0);
    expect((await rick.run(["watch", "ticket-router codes"])).code).toBe(EXIT.aborted);

    const audit = await runCliAs(
      { env: { SWITCHYARD_SERVER: app.url, SWITCHYARD_TOKEN: await tokenOf("auditor@switchyard.local") } },
      ["audit", "verify"],
    );
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.stdout).toMatch(/Audit chain intact/);
  }, 300_000);
  it("the documented GitHub Actions workflow, step by step: register → apply → a second person approves with their own token → start → watch until completed (tuned plan: two weight steps, no analysis)", async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-gha-"));
    const bin = path.join(workspace, ".bin");
    fs.mkdirSync(bin);
    // The workflow's install step puts `switchyard` on PATH; here it is this checkout's executable.
    fs.writeFileSync(path.join(bin, "switchyard"), `#!/bin/sh\nexec "${process.execPath}" "${CLI_BIN}" "$@"\n`, {
      mode: 0o755,
    });
    fs.mkdirSync(path.join(workspace, "model"));
    fs.writeFileSync(path.join(workspace, "model/model.onnx"), crypto.randomBytes(4096));
    fs.mkdirSync(path.join(workspace, "deploy"));
    const documented = fs.readFileSync(path.join(REPO, "docs/examples/github-actions/deploy-rollout.yaml"), "utf8");
    // Tuned: the documented plan waits for hundreds of labelled samples per gate; this one doesn't.
    const tuned = documented.replace(
      / {2}plan:\n(?: {4}- .*\n)+/,
      "  plan:\n    - setWeight: 50\n    - pause: 2s\n    - setWeight: 100\n",
    );
    expect(tuned).not.toBe(documented);
    fs.writeFileSync(path.join(workspace, "deploy/rollout.yaml"), tuned);

    const workflow = readWorkflow(path.join(REPO, "docs/examples/github-actions/rollout.yml"), "rollout");
    const rickToken = JSON.parse(fs.readFileSync(path.join(rick.configDir, "credentials.json"), "utf8")).token;
    const ctx: ExpressionContext = {
      vars: {
        SWITCHYARD_SERVER: app.url,
        MODEL_SERVER_URL: app.challengerServerUrl,
        SWITCHYARD_REPOSITORY: "example/switchyard",
      },
      secrets: { SWITCHYARD_TOKEN: rickToken },
      inputs: { version: "1.6.0" },
    };
    const env = {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: workspace,
      NO_COLOR: "1",
      GITHUB_RUN_ID: "9001",
      GITHUB_SHA: "4be91c07a2d3e5f60718293a4b5c6d7e8f901234",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "example/ticket-router",
      GITHUB_WORKFLOW: "Roll out the ticket router",
      ...jobEnvironment(workflow, ctx),
    };
    const steps = workflow.steps.filter((s) => s.run && s.id !== "install-cli");
    expect(steps.map((s) => s.id)).toEqual(["register", "apply", "approval", "start", "watch"]);

    for (const step of steps) {
      const running = runStep(step, { env, cwd: workspace, ctx });
      if (step.id === "approval") await approveAsSecondPerson("ticket-router 1.6.0");
      const result = await running;
      expect(result.code, `step ${step.id}:\n${result.output}`).toBe(0);
      if (step.id === "apply") expect(result.output).toMatch(/“ticket-router 1\.6\.0” created \(awaiting approval\)/);
      if (step.id === "watch") expect(result.output).toMatch(/“ticket-router 1\.6\.0” is completed/);
    }

    // Idempotent: the same spec again is left as it is, and diff says so with exit code 0.
    const again = await runStep(
      steps.find((s) => s.id === "apply")!,
      { env, cwd: workspace, ctx },
    );
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/matches the spec: nothing to apply/);
    expect(again.output).toMatch(/“ticket-router 1\.6\.0” unchanged \(completed\)/);

    const status = (await amy.run(["status", "ticket-classifier", "--json"])).json<{ serving: string }>();
    expect(status.serving).toBe("ticket-router 1.6.0");
    const rollout = (await amy.run(["rollouts", "get", "ticket-router 1.6.0", "--json"])).json<RolloutJson>();
    expect(rollout.status).toBe("completed");

    // The applied spec and its hash are in the deployment record.
    const out = path.join(workspace, "records.json");
    const exported = await runCliAs({ env: { ...env, SWITCHYARD_TOKEN: await tokenOf("admin@switchyard.local") } }, [
      "records",
      "export",
      "--system",
      "ticket-classifier",
      "--outcome",
      "completed",
      "-o",
      out,
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/matches the server's digest/);
    const records = JSON.parse(fs.readFileSync(out, "utf8")) as {
      records: { rolloutName: string; spec: { hash: string; spec: { metadata: { name: string } } } | null }[];
    };
    const record = records.records.find((r) => r.rolloutName === "ticket-router 1.6.0")!;
    expect(record.spec?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(record.spec?.spec.metadata.name).toBe("ticket-router 1.6.0");
    fs.rmSync(workspace, { recursive: true, force: true });
  }, 300_000);
});

/** Amy, with her own token: runs the system checks, signs the manual items, approves the plan she saw. */
async function approveAsSecondPerson(name: string) {
  await until(async () => {
    const inbox = (await amy.run(["approvals", "list", "--json"])).json<{
      rollouts: { name: string; status: string }[];
    }>();
    return inbox.rollouts.some((r) => r.name === name && r.status === "awaiting_approval");
  });
  const checks = await amy.run(["checklist", "check", name]);
  expect(checks.code, checks.stdout + checks.stderr).toBe(0);
  const signed = await amy.run(["checklist", "sign", name, "--all", "--note", "Reviewed the evaluation report"]);
  expect(signed.code, signed.stderr).toBe(0);
  const approved = await amy.run(["approvals", "approve", name, "--yes", "--comment", "Plan reviewed", "--json"]);
  expect(approved.code, approved.stderr).toBe(0);
  expect(approved.json<{ ready: boolean }>().ready).toBe(true);
}

function versionFlags(version: string): string[] {
  return [
    version,
    "--system",
    "ticket-classifier",
    "--model",
    "ticket-router",
    "--artifact",
    `s3://models/ticket-router/${version}/model.onnx`,
    "--digest",
    `sha256:${"c".repeat(64)}`,
    "--run",
    "train-drill-1",
  ];
}

function writeSpec(file: string, s: { name: string; version: string; where: string; plan: string[] }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-spec-"));
  const out = path.join(dir, `${file}.yaml`);
  fs.writeFileSync(
    out,
    [
      "apiVersion: switchyard.dev/v1",
      "kind: Rollout",
      "metadata:",
      `  name: ${s.name}`,
      "spec:",
      "  system: ticket-classifier",
      "  strategy: canary",
      "  challengers:",
      `    - version: "${s.version}"`,
      `      ${s.where}`,
      "  plan:",
      ...s.plan.map((p) => `    - ${p}`),
      "",
    ].join("\n"),
  );
  return out;
}

async function tokenOf(email: string): Promise<string> {
  const p = person(email.split("@")[0]!, app.url);
  const login = await p.run(["login", "--email", email, "--password-stdin", "--json"], { input: DEMO_PASSWORD });
  expect(login.code, login.stderr).toBe(0);
  const token = JSON.parse(fs.readFileSync(path.join(p.configDir, "credentials.json"), "utf8")).token as string;
  fs.rmSync(p.configDir, { recursive: true, force: true });
  return token;
}

async function runCliAs(options: { env: Record<string, string> }, args: string[]) {
  const { runCli } = await import("./testing/run-cli");
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-cli-env-"));
  try {
    return await runCli(args, {
      env: { SWITCHYARD_SERVER: app.url, NO_COLOR: "1", SWITCHYARD_CONFIG_DIR: configDir, ...options.env },
    });
  } finally {
    fs.rmSync(configDir, { recursive: true, force: true });
  }
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 500));
  }
}
