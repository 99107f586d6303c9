// Runs the real `switchyard` executable (lib/cli/bin.mjs) as a subprocess, as a person or a
// pipeline would, each person with their own config directory (their own stored token).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO } from "./real-app";

export const CLI_BIN = path.join(REPO, "lib/cli/bin.mjs");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

export interface Person {
  name: string;
  configDir: string;
  env: Record<string, string>;
  run(args: string[], options?: { input?: string; env?: Record<string, string> }): Promise<CliRun>;
}

export function person(name: string, server: string): Person {
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), `switchyard-cli-${name}-`));
  const env = { SWITCHYARD_SERVER: server, SWITCHYARD_CONFIG_DIR: configDir, NO_COLOR: "1" };
  return {
    name,
    configDir,
    env,
    run: (args, options) => runCli(args, { ...options, env: { ...env, ...options?.env } }),
  };
}

export function runCli(
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      cwd: options.cwd ?? os.tmpdir(),
      env: { ...cleanEnv(), ...options.env } as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        json<T>() {
          try {
            return JSON.parse(stdout) as T;
          } catch {
            throw new Error(`not JSON (exit ${code}):\n${stdout}\n${stderr}`);
          }
        },
      }),
    );
    child.stdin.end(options.input ?? "");
  });
}

/** The test runner's environment without anything that would point the CLI somewhere else. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith("SWITCHYARD_") && k !== "FORCE_COLOR") env[k] = v;
  return env;
}
