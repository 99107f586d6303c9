import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigStore } from "./config-store";
import { makeConfig } from "./testing/fixtures";

async function dir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "switchyard-store-"));
}

describe("ConfigStore", () => {
  it("starts empty when nothing was stored", async () => {
    expect(await new ConfigStore(await dir()).load()).toEqual({ state: { config: null, highestEpoch: 0 } });
  });

  it("round-trips the last good config and the highest epoch, leaving no temp files", async () => {
    const d = await dir();
    const store = new ConfigStore(d);
    const config = makeConfig({ version: 3, epoch: 2 });
    await store.save({ config, highestEpoch: 4 });
    expect(await new ConfigStore(d).load()).toEqual({ state: { config, highestEpoch: 4 } });
    expect(await readdir(d)).toEqual(["routing-config.json"]);
  });

  it("ignores a corrupt or invalid file rather than serving a guess", async () => {
    const d = await dir();
    await writeFile(path.join(d, "routing-config.json"), "{not json");
    const corrupt = await new ConfigStore(d).load();
    expect(corrupt.state.config).toBeNull();
    expect(corrupt.problem).toMatch(/invalid/);
    await writeFile(
      path.join(d, "routing-config.json"),
      JSON.stringify({ config: { ...makeConfig(), weights: { champion: 1 } } }),
    );
    expect((await new ConfigStore(d).load()).state.config).toBeNull();
  });

  it("overwrites atomically", async () => {
    const d = await dir();
    const store = new ConfigStore(d);
    await Promise.all([1, 2, 3, 4, 5].map((v) => store.save({ config: makeConfig({ version: v }), highestEpoch: 1 })));
    const parsed = JSON.parse(await readFile(path.join(d, "routing-config.json"), "utf8"));
    expect([1, 2, 3, 4, 5]).toContain(parsed.config.version);
    expect(await readdir(d)).toEqual(["routing-config.json"]);
  });
});
