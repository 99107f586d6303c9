import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { credentialsFile, readCredentials, resolveConnection, writeCredentials } from "./config";
import { colorWanted } from "./output";

const dirs: string[] = [];
const tmpEnv = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sy-config-"));
  dirs.push(dir);
  return { SWITCHYARD_CONFIG_DIR: path.join(dir, "switchyard") };
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("stored login", () => {
  it("is written readable by its owner only, in a private directory, even over a looser file", () => {
    const env = tmpEnv();
    fs.mkdirSync(env.SWITCHYARD_CONFIG_DIR!, { recursive: true });
    fs.writeFileSync(credentialsFile(env), "{}", { mode: 0o644 });
    writeCredentials({ server: "http://a", token: "sy_x" }, env);
    expect(fs.statSync(credentialsFile(env)).mode & 0o777).toBe(0o600);
    expect(readCredentials(env)).toEqual({ server: "http://a", token: "sy_x" });
    const fresh = tmpEnv();
    writeCredentials({ server: "http://a", token: "sy_y" }, fresh);
    expect(fs.statSync(fresh.SWITCHYARD_CONFIG_DIR!).mode & 0o777).toBe(0o700);
  });

  it("flags beat the environment, which beats the stored login; a stored token only goes to its own server", () => {
    const env = tmpEnv();
    writeCredentials({ server: "http://stored:3000/", token: "sy_stored" }, env);
    expect(resolveConnection({}, env)).toEqual({ server: "http://stored:3000", token: "sy_stored" });
    expect(resolveConnection({}, { ...env, SWITCHYARD_TOKEN: "sy_env" })).toEqual({
      server: "http://stored:3000",
      token: "sy_env",
    });
    expect(resolveConnection({ token: "sy_flag" }, { ...env, SWITCHYARD_TOKEN: "sy_env" }).token).toBe("sy_flag");
    expect(resolveConnection({ server: "http://elsewhere" }, env)).toEqual({ server: "http://elsewhere", token: null });
  });
});

describe("colours", () => {
  it("only on a terminal, never with NO_COLOR or --no-color, forced by FORCE_COLOR", () => {
    expect(colorWanted(undefined, {}, true)).toBe(true);
    expect(colorWanted(undefined, {}, false)).toBe(false);
    expect(colorWanted(undefined, { NO_COLOR: "1" }, true)).toBe(false);
    expect(colorWanted(false, {}, true)).toBe(false);
    expect(colorWanted(undefined, { FORCE_COLOR: "1" }, false)).toBe(true);
  });
});
