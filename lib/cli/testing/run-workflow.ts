// Runs the `run:` steps of a GitHub Actions workflow file with bash, the way a runner would: job
// and step `env`, `${{ vars.X }}` / `${{ secrets.X }}` / `${{ inputs.X }}` filled in, GITHUB_*
// variables set, steps in order. `uses:` steps (checkout, setup-node) are the runner's business.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { parse as parseYaml } from "yaml";

export interface WorkflowStep {
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}

export interface Workflow {
  jobEnv: Record<string, string>;
  steps: WorkflowStep[];
}

export interface ExpressionContext {
  vars: Record<string, string>;
  secrets: Record<string, string>;
  inputs: Record<string, string>;
}

export function readWorkflow(file: string, job: string): Workflow {
  const doc = parseYaml(fs.readFileSync(file, "utf8")) as {
    jobs: Record<string, { env?: Record<string, string>; steps: WorkflowStep[] }>;
  };
  const j = doc.jobs[job];
  if (!j) throw new Error(`${file} has no job ${job}`);
  return { jobEnv: j.env ?? {}, steps: j.steps };
}

/** `${{ vars.X }}`, `${{ secrets.X }}`, `${{ inputs.X }}`; anything else is an error, not a silent blank. */
export function substitute(text: string, ctx: ExpressionContext): string {
  return text
    .replace(/\$\{\{\s*(vars|secrets|inputs)\.([A-Za-z0-9_]+)\s*\}\}/g, (_m, scope: keyof ExpressionContext, name) => {
      const value = ctx[scope][name];
      if (value === undefined) throw new Error(`the workflow needs ${scope}.${name}`);
      return value;
    })
    .replace(/\$\{\{[^}]*\}\}/g, (m) => {
      throw new Error(`unsupported expression ${m}`);
    });
}

export interface StepRun {
  code: number;
  output: string;
}

export function runStep(
  step: WorkflowStep,
  options: { env: Record<string, string>; cwd: string; ctx: ExpressionContext; timeoutMs?: number },
): Promise<StepRun> {
  const env = { ...options.env };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(String(v), options.ctx);
  const script = substitute(step.run ?? "", options.ctx);
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-e", "-c", script], {
      cwd: options.cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs ?? 300_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

export function jobEnvironment(workflow: Workflow, ctx: ExpressionContext): Record<string, string> {
  return Object.fromEntries(Object.entries(workflow.jobEnv).map(([k, v]) => [k, substitute(String(v), ctx)]));
}
