// Shared setup of the analysis benchmarks: a fresh embedded PostgreSQL (fsync on unless asked
// otherwise), migrated, with a Prisma client and the postmaster pid for CPU accounting.
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { freePort } from "@/lib/testing/free-port";

export interface BenchDb {
  url: string;
  db: PrismaClient;
  postmasterPid: number;
  stop(): Promise<void>;
}

export async function startBenchDb(name: string, opts: { fsync?: boolean; pool?: number } = {}): Promise<BenchDb> {
  const dir = path.join(os.tmpdir(), `switchyard-bench-${name}-${process.pid}`);
  const server = await startEmbeddedPostgres({ dir, port: await freePort(), ephemeral: opts.fsync === false });
  await migrate(server.url);
  const db = createPrismaClient(server.url, opts.pool ?? 4);
  const postmasterPid = Number(readFileSync(path.join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    url: server.url,
    db,
    postmasterPid,
    async stop() {
      await db.$disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
}

export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
