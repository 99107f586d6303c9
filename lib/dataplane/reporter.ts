import { randomUUID } from "node:crypto";
import { readdir, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { request } from "undici";
import { writeAtomic } from "./config-store";
import { LATENCY_BUCKET_BOUNDS_MS } from "./latency-buckets";
import type { Metrics } from "./metrics";
import { reportBatchSchema, type ReportBatch } from "./report-schema";

// Pushes metric deltas to the control plane every interval. Every batch is written to a spool on
// disk (one file per batch, atomically) when it is cut, and deleted once the ingest has it, so
// batches the ingest could not take survive a restart of the router, a SIGKILL included, and go
// out in order when it comes back. A batch keeps its id (`batchId`, the ingest's idempotency key)
// and sequence through retries and restarts, so a resend never counts twice. The spool is bounded
// (`maxPending` batches): past it the oldest are deleted and counted in a counter that is kept on
// disk and travels in every batch (`droppedBatches`), so a loss is itself reported.
// Sequence numbers are reserved on disk in blocks (hi-lo), so they keep rising across restarts
// without a disk write per batch. Two router processes on one data directory (the old and the new
// one during a zero-downtime restart) may both send a spooled batch; the ingest keeps one.

const SEQUENCE_FILE = "report-sequence.json";
const DROPPED_FILE = "report-dropped.json";
const SPOOL_DIR = "report-spool";
const SEQUENCE_BLOCK = 1_000;
/** At shutdown, how long the last delivery attempt may take (everything is on disk anyway). */
const STOP_SEND_MS = 3_000;

export interface ReporterOptions {
  url: string;
  token: string | undefined;
  routerId: string;
  intervalMs: number;
  /** Batches kept on disk while the ingest is unreachable; beyond, the oldest are dropped. */
  maxPending: number;
  timeoutMs: number;
  dataDir: string;
  metrics: Metrics;
  /** system and config version currently served, for the batch header. */
  served: () => { system: string | null; configVersion: number | null };
  log: (msg: string, extra?: Record<string, unknown>) => void;
}

export class Reporter {
  private next = 0;
  private reservedUpTo = 0;
  private dropped = 0;
  private spooled = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly spoolDir: string;

  constructor(private readonly o: ReporterOptions) {
    this.spoolDir = path.join(o.dataDir, SPOOL_DIR);
  }

  async start(): Promise<void> {
    this.reservedUpTo = await readNumber(this.o.dataDir, SEQUENCE_FILE, "reservedUpTo");
    this.next = this.reservedUpTo + 1;
    await this.reserve();
    this.dropped = await readNumber(this.o.dataDir, DROPPED_FILE, "dropped");
    this.o.metrics.counters.reportsDropped = this.dropped;
    this.spooled = (await this.spoolFiles()).length;
    if (this.spooled) this.o.log("metric batches waiting in the spool", { batches: this.spooled });
    this.o.metrics.reporting = true;
    this.timer = setInterval(() => void this.tick(), this.o.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Batches cut but not yet taken by the ingest. */
  get pendingCount(): number {
    return this.spooled;
  }

  /** Cuts a batch from the current deltas and sends everything spooled. Never throws. A tick asked
   * for while one runs follows it (at most one waits), so what was counted before the call is cut. */
  tick(deadline = Infinity): Promise<void> {
    if (this.queued) return this.queued;
    if (this.running) {
      this.queued = this.running.then(() => {
        this.queued = null;
        return this.tick(deadline);
      });
      return this.queued;
    }
    this.running = this.cutAndSend(deadline).finally(() => (this.running = null));
    return this.running;
  }

  /** Last cut on shutdown, then one bounded delivery attempt; what is not delivered stays on disk. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await (this.queued ?? this.running);
    await this.tick(Date.now() + STOP_SEND_MS);
  }

  private async cutAndSend(deadline: number): Promise<void> {
    try {
      await this.cut();
      const files = await this.bound(await this.spoolFiles());
      this.spooled = files.length;
      for (const file of files) {
        if (Date.now() > deadline) break;
        const delivered = await this.deliver(file);
        if (!delivered) break;
        this.spooled--;
      }
    } catch (e) {
      this.o.log("report cycle failed", { error: (e as Error).message });
    }
  }

  /** Turns the deltas since the last cut into batches on disk. */
  private async cut(): Promise<void> {
    const { system, configVersion } = this.o.served();
    for (const w of this.o.metrics.drain()) {
      if (w.cells.length === 0) continue;
      if (this.next > this.reservedUpTo) await this.reserve();
      const batch = reportBatchSchema.parse({
        routerId: this.o.routerId,
        batchId: randomUUID(),
        sequence: this.next++,
        rolloutId: w.rolloutId,
        system,
        configVersion,
        sentAt: new Date().toISOString(),
        droppedBatches: this.dropped,
        latencyBucketBoundsMs: [...LATENCY_BUCKET_BOUNDS_MS],
        cells: w.cells,
      });
      await writeAtomic(this.spoolDir, spoolName(batch), JSON.stringify(batch));
    }
  }

  /** Keeps the newest `maxPending` batches; deletes and counts the rest. */
  private async bound(files: string[]): Promise<string[]> {
    const excess = files.length - this.o.maxPending;
    if (excess <= 0) return files;
    for (const f of files.slice(0, excess)) await unlink(path.join(this.spoolDir, f)).catch(() => {});
    await this.countDropped(excess);
    this.o.log("metric spool full: oldest batches dropped", { dropped: excess, totalDropped: this.dropped });
    return files.slice(excess);
  }

  private async countDropped(n: number): Promise<void> {
    this.dropped += n;
    this.o.metrics.counters.reportsDropped = this.dropped;
    await writeAtomic(this.o.dataDir, DROPPED_FILE, JSON.stringify({ dropped: this.dropped }));
  }

  /** Sends one spooled batch; true when the ingest has it (or it can never be taken). */
  private async deliver(file: string): Promise<boolean> {
    const full = path.join(this.spoolDir, file);
    let body: string;
    try {
      body = await readFile(full, "utf8");
    } catch (e) {
      // Another router process on this data directory delivered it meanwhile.
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return true;
      throw e;
    }
    const status = await this.post(body);
    if (status === null) return false;
    // 409 = the ingest already holds this batch: it is delivered.
    if ((status >= 200 && status < 300) || status === 409) {
      this.o.metrics.counters.reportsSent++;
    } else if (status === 400 || status === 422) {
      // A batch the ingest refuses as malformed will never succeed: drop it rather than block the spool.
      this.o.log("ingest refused a report batch", { file, status });
      await this.countDropped(1);
    } else {
      this.o.metrics.counters.reportsFailed++;
      return false;
    }
    await unlink(full).catch(() => {});
    return true;
  }

  private async post(body: string): Promise<number | null> {
    try {
      const res = await request(this.o.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(this.o.token ? { authorization: `Bearer ${this.o.token}` } : {}),
        },
        body,
        headersTimeout: this.o.timeoutMs,
        bodyTimeout: this.o.timeoutMs,
      });
      await res.body.dump();
      return res.statusCode;
    } catch {
      this.o.metrics.counters.reportsFailed++;
      return null;
    }
  }

  /** Spooled batch files, oldest first. */
  private async spoolFiles(): Promise<string[]> {
    try {
      return (await readdir(this.spoolDir)).filter((f) => f.endsWith(".json") && !f.startsWith(".")).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
  }

  private async reserve(): Promise<void> {
    // Another process on this data directory may have reserved past us: start after its block.
    const onDisk = await readNumber(this.o.dataDir, SEQUENCE_FILE, "reservedUpTo");
    if (onDisk >= this.next) this.next = onDisk + 1;
    this.reservedUpTo = this.next - 1 + SEQUENCE_BLOCK;
    await writeAtomic(this.o.dataDir, SEQUENCE_FILE, JSON.stringify({ reservedUpTo: this.reservedUpTo }));
  }
}

/** Sorts by cut time, then sequence: the order batches were cut in, across restarts too. */
function spoolName(batch: ReportBatch): string {
  return `${Date.parse(batch.sentAt).toString().padStart(15, "0")}-${String(batch.sequence).padStart(12, "0")}-${batch.batchId}.json`;
}

async function readNumber(dir: string, file: string, key: string): Promise<number> {
  try {
    const v = JSON.parse(await readFile(path.join(dir, file), "utf8")) as Record<string, unknown>;
    const n = v[key];
    return typeof n === "number" && n >= 0 ? n : 0;
  } catch {
    return 0;
  }
}
