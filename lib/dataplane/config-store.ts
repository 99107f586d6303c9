import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import type { RoutingConfig } from "@/lib/routers/types";
import { routingConfigSchema } from "./config-schema";

// Static stability: the router writes every accepted config to disk before acknowledging it, and
// serves the last one it finds there at start, so a restart while the control plane is down keeps
// serving what was last agreed. Writes are atomic (temp file, fsync, rename, fsync of the
// directory): a crash leaves the old file or the new one, never half of either.

export interface StoredState {
  config: RoutingConfig | null;
  /** Highest leader epoch ever accepted; survives restarts so a deposed leader stays fenced. */
  highestEpoch: number;
}

const CONFIG_FILE = "routing-config.json";
let tmpCounter = 0;

export class ConfigStore {
  constructor(private readonly dir: string) {}

  /** Last good state; an absent or unreadable file yields no config (never a guess). */
  async load(): Promise<{ state: StoredState; problem?: string }> {
    const empty: StoredState = { config: null, highestEpoch: 0 };
    let raw: string;
    try {
      raw = await readFile(path.join(this.dir, CONFIG_FILE), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return { state: empty };
      return { state: empty, problem: `cannot read stored config: ${(e as Error).message}` };
    }
    try {
      const parsed = JSON.parse(raw) as { config?: unknown; highestEpoch?: unknown };
      const config = parsed.config == null ? null : routingConfigSchema.parse(parsed.config);
      const highestEpoch = typeof parsed.highestEpoch === "number" ? parsed.highestEpoch : (config?.epoch ?? 0);
      return { state: { config, highestEpoch: Math.max(highestEpoch, config?.epoch ?? 0) } };
    } catch (e) {
      return { state: empty, problem: `stored config is invalid, ignoring it: ${(e as Error).message}` };
    }
  }

  async save(state: StoredState): Promise<void> {
    await writeAtomic(this.dir, CONFIG_FILE, JSON.stringify(state, null, 2));
  }
}

/** Writes `name` in `dir` atomically and durably. */
export async function writeAtomic(dir: string, name: string, content: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.${process.pid}.${++tmpCounter}.tmp`);
  const fh = await open(tmp, "w", 0o600);
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  const dh = await open(dir, "r");
  try {
    await dh.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await dh.close();
  }
}
