// `npm run docs:cli-session`: records the terminal sessions shown in docs/cli.md and
// docs/rollouts-as-code.md from a real run. It starts the product (`npm start` on free ports,
// embedded PostgreSQL, demo router and model servers), runs the `switchyard` executable as two
// people with their own logins, and writes each command with its real output between the
// `<!-- session:NAME -->` markers of those pages. Nothing in those blocks is typed by hand.
// The only edits: the random port becomes localhost:3000 and temporary paths become ~/.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_PASSWORD } from "../demo/demo-data";
import { startRealApp, REPO } from "../cli/testing/real-app";
import { CLI_BIN, person, type Person } from "../cli/testing/run-cli";

interface Entry {
  who: string;
  command: string;
  output: string;
  code: number;
}

const SPEC = `apiVersion: switchyard.dev/v1
kind: Rollout
metadata:
  name: ticket-router 1.6.0
  description: Retrained on November's tickets.
spec:
  system: ticket-classifier
  strategy: canary
  challengers:
    - model: ticket-router
      version: "1.6.0"
      slot: canary
  plan: # tuned so the session fits on a page: no analysis steps, short pauses
    - setWeight: 10
    - pause: 5s
    - setWeight: 50
    - pause: 5s
    - setWeight: 100
  approvals:
    required: 1
`;

async function main() {
  const app = await startRealApp();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-session-"));
  try {
    const rick = person("rick", app.url);
    const amy = person("amy", app.url);
    const ada = person("ada", app.url);
    fs.writeFileSync(path.join(work, "rollout.yaml"), SPEC);
    const clean = (text: string) =>
      text
        .replaceAll(app.url, "http://localhost:3000")
        .replaceAll(app.challengerServerUrl, "http://10.0.3.12:8000")
        .replaceAll(app.championServerUrl, "http://10.0.3.11:8000")
        .replaceAll(rick.configDir, "~/.config/switchyard")
        .replaceAll(amy.configDir, "~/.config/switchyard")
        .replaceAll(ada.configDir, "~/.config/switchyard")
        .replaceAll(work + "/", "");
    const entries: Record<string, Entry[]> = { cli: [], apply: [], rollback: [] };
    const run = async (session: string, p: Person, args: string[], input?: string) => {
      const res = await p.run(args, { input });
      const shown = args.map((a) => (/[\s"'$]/.test(a) ? `"${a}"` : a)).join(" ");
      entries[session]!.push({
        who: p.name,
        command: clean(`switchyard ${shown}${input ? " <<< ********" : ""}`),
        output: clean(res.stdout + res.stderr).trimEnd(),
        code: res.code,
      });
      return res;
    };
    const inWork = (file: string) => path.join(work, file);

    await run("cli", rick, ["login", "--email", "release@switchyard.local", "--password-stdin"], DEMO_PASSWORD);
    await run("cli", amy, ["login", "--email", "approver2@switchyard.local", "--password-stdin"], DEMO_PASSWORD);
    await run("cli", ada, ["login", "--email", "admin@switchyard.local", "--password-stdin"], DEMO_PASSWORD);
    // First a rollout rolled back by two people (1.5.0 runs in slot green), then the journey with
    // 1.6.0, whose model server an admin gives a slot.
    fs.writeFileSync(
      inWork("drill.yaml"),
      SPEC.replace("ticket-router 1.6.0", "ticket-router 1.5.0 drill")
        .replace('version: "1.6.0"', 'version: "1.5.0"')
        .replace("slot: canary", "slot: green")
        .replace("pause: 5s\n    - setWeight: 50", "pause: 1h\n    - setWeight: 50"),
    );
    await run("rollback", rick, ["apply", "-f", inWork("drill.yaml")]);
    await run("rollback", amy, ["checklist", "check", "ticket-router 1.5.0 drill"]);
    await run("rollback", amy, ["checklist", "sign", "ticket-router 1.5.0 drill", "--all", "--note", "Checked"]);
    await run("rollback", amy, ["approvals", "approve", "ticket-router 1.5.0 drill", "--yes"]);
    await run("rollback", rick, ["start", "ticket-router 1.5.0 drill"]);
    await run("rollback", rick, [
      "rollback",
      "request",
      "ticket-router 1.5.0 drill",
      "--reason",
      "Billing tickets misrouted since the canary started",
    ]);
    await run("rollback", rick, ["rollback", "confirm", "ticket-router 1.5.0 drill"]);
    await run("rollback", amy, ["rollback", "confirm", "ticket-router 1.5.0 drill"]);
    await run("rollback", rick, ["watch", "ticket-router 1.5.0 drill", "--until", "completed"]);

    await run("cli", rick, [
      "versions",
      "register",
      "1.6.0",
      "--system",
      "ticket-classifier",
      "--model",
      "ticket-router",
      "--artifact",
      "s3://models/ticket-router/1.6.0/model.onnx",
      "--digest",
      `sha256:${"9d2c4b1f0e7a6c5b".repeat(4)}`,
      "--run",
      "train-2026-12-02-0518",
      "--metric",
      "accuracy=0.934",
      "f1=0.921",
      "p95_latency_ms=37",
    ]);
    await run("cli", ada, [
      "slots",
      "add",
      "ticket-classifier",
      "canary",
      "--url",
      app.challengerServerUrl,
      "--runs",
      "1.6.0",
    ]);
    await run("cli", ada, ["slots", "list", "ticket-classifier"]);
    await run("apply", rick, ["diff", "-f", inWork("rollout.yaml")]);
    await run("apply", rick, ["apply", "-f", inWork("rollout.yaml")]);
    await run("apply", rick, ["apply", "-f", inWork("rollout.yaml")]);
    entries.apply!.push({
      who: "",
      command: "",
      output: "rollout.yaml edited: the first step now sends 20 %",
      code: 0,
    });
    fs.writeFileSync(
      inWork("rollout.yaml"),
      SPEC.replace("- setWeight: 10\n    - pause: 5s", "- setWeight: 20\n    - pause: 5s"),
    );
    await run("apply", rick, ["diff", "-f", inWork("rollout.yaml")]);
    await run("apply", rick, ["apply", "-f", inWork("rollout.yaml")]);

    await run("cli", amy, ["approvals", "list"]);
    await run("cli", amy, ["checklist", "check", "ticket-router 1.6.0"]);
    await run("cli", amy, [
      "checklist",
      "sign",
      "ticket-router 1.6.0",
      "--all",
      "--note",
      "Evaluation report reviewed",
    ]);
    await run("cli", amy, ["approvals", "approve", "ticket-router 1.6.0", "--yes", "--comment", "Plan reviewed"]);
    await run("cli", rick, ["start", "ticket-router 1.6.0"]);
    const frame = liveFrame(rick, "ticket-router 1.6.0", clean);
    await run("cli", rick, ["watch", "ticket-router 1.6.0", "--until", "completed"]);
    await run("cli", rick, ["rollouts", "get", "ticket-router 1.6.0"]);
    await run("cli", rick, ["status"]);

    const failed = Object.values(entries)
      .flat()
      .filter((e) => e.code !== 0 && !expectedFailure(e));
    if (failed.length)
      throw new Error(`unexpected failures:\n${failed.map((e) => `${e.command}\n${e.output}`).join("\n")}`);

    const frameBlock = frame
      ? `\n\n<!-- the live view, captured from a terminal mid-rollout -->\n\`\`\`text\n${frame}\n\`\`\``
      : "";
    write("docs/cli.md", "session:cli", render(entries.cli!) + frameBlock);
    write("docs/cli.md", "session:rollback", render(entries.rollback!));
    write("docs/rollouts-as-code.md", "session:apply", render(entries.apply!));
    console.log("recorded docs/cli.md and docs/rollouts-as-code.md sessions");
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    await app.stop();
  }
}

/** Refusals the session shows on purpose: the requester confirming their own rollback; diff's "changes" code. */
function expectedFailure(e: Entry): boolean {
  return (
    (e.command.includes("rollback confirm") && e.who === "rick") ||
    (e.command.includes(" diff ") && e.code === 1) ||
    (e.command.includes(" watch ") && e.code === 10)
  );
}

function render(entries: Entry[]): string {
  const blocks = entries.map((e) => {
    if (!e.command) return `# ${e.output}`;
    const exit = e.code === 0 ? "" : `\n# exit code ${e.code}`;
    return `# ${label(e.who)}\n$ ${e.command}\n${e.output}${exit}`;
  });
  return `\`\`\`console\n${blocks.join("\n\n")}\n\`\`\``;
}

function label(who: string) {
  return { rick: "Rick (release manager)", amy: "Amy (approver, her own login)", ada: "Ada (admin)" }[who] ?? who;
}

function write(file: string, marker: string, body: string) {
  const full = path.join(REPO, file);
  const text = fs.readFileSync(full, "utf8");
  const start = `<!-- ${marker} -->`;
  const end = `<!-- /${marker} -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`${file} has no ${start} … ${end} markers`);
  fs.writeFileSync(full, `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`);
}

/** The live view as a terminal shows it: `watch` in a detached tmux pane, captured once the rollout moves. */
function liveFrame(p: Person, rollout: string, clean: (s: string) => string): string | null {
  if (spawnSync("tmux", ["-V"]).status !== 0) return null;
  const session = `sy-${process.pid}`;
  const env = Object.entries({ ...p.env, NO_COLOR: "" })
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}='${v}'`)
    .join(" ");
  const cmd = `env -u NO_COLOR ${env} TERM=xterm-256color ${process.execPath} ${CLI_BIN} watch '${rollout}' --until completed; sleep 30`;
  spawnSync("tmux", ["new-session", "-d", "-s", session, "-x", "110", "-y", "9", cmd]);
  try {
    let frame = "";
    for (let i = 0; i < 40; i++) {
      spawnSync("sleep", ["0.5"]);
      frame = spawnSync("tmux", ["capture-pane", "-p", "-t", session], { encoding: "utf8" }).stdout ?? "";
      if (/Exposure\s+█{3}/.test(frame)) break;
    }
    return clean(frame).trimEnd() || null;
  } finally {
    spawnSync("tmux", ["kill-session", "-t", session]);
  }
}

await main();
