import { readFile } from "node:fs/promises";
import path from "node:path";
import { request } from "undici";
import { writeAtomic } from "./config-store";
import { LATENCY_BUCKET_BOUNDS_MS } from "./latency-buckets";
import type { Metrics } from "./metrics";
import { reportBatchSchema, type ReportBatch } from "./report-schema";

// Pushes metric deltas to the control plane every interval. A batch gets its sequence number
// when it is cut and keeps it through retries, so the ingest can drop re-sends. Unsent batches
// wait in a bounded queue (oldest dropped and counted when full) and go out in order.
// Sequence numbers are reserved on disk in blocks (hi-lo), so they keep rising across restarts
// without a disk write per batch.

const SEQUENCE_FILE = "report-sequence.json";
const SEQUENCE_BLOCK = 1_000;

export interface ReporterOptions {
  url: string;
  token: string | undefined;
  routerId: string;
  intervalMs: number;
  maxPending: number;
  timeoutMs: number;
  dataDir: string;
  metrics: Metrics;
  /** system and config version currently served, for the batch header. */
  served: () => { system: string | null; configVersion: number | null };
  log: (msg: string, extra?: Record<string, unknown>) => void;
}

export class Reporter {
  private readonly pending: ReportBatch[] = [];
  private next = 0;
  private reservedUpTo = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: ReporterOptions) {}

  async start(): Promise<void> {
    this.reservedUpTo = await readReserved(this.o.dataDir);
    this.next = this.reservedUpTo + 1;
    await this.reserve();
    this.o.metrics.reporting = true;
    this.timer = setInterval(() => void this.tick(), this.o.intervalMs);
    this.timer.unref();
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Cuts a batch from the current deltas and sends everything pending. Never throws. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.cutAndSend().finally(() => (this.running = null));
    return this.running;
  }

  /** Last flush on shutdown. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
    await this.tick();
  }

  private async cutAndSend(): Promise<void> {
    try {
      const { system, configVersion } = this.o.served();
      for (const w of this.o.metrics.drain()) {
        if (w.cells.length === 0) continue;
        if (this.next > this.reservedUpTo) await this.reserve();
        const batch = reportBatchSchema.parse({
          routerId: this.o.routerId,
          sequence: this.next++,
          rolloutId: w.rolloutId,
          system,
          configVersion,
          sentAt: new Date().toISOString(),
          latencyBucketBoundsMs: [...LATENCY_BUCKET_BOUNDS_MS],
          cells: w.cells,
        });
        this.pending.push(batch);
        while (this.pending.length > this.o.maxPending) {
          this.pending.shift();
          this.o.metrics.counters.reportsDropped++;
        }
      }
      while (this.pending.length > 0) {
        if (!(await this.post(this.pending[0]))) break;
        this.pending.shift();
      }
    } catch (e) {
      this.o.log("report cycle failed", { error: (e as Error).message });
    }
  }

  private async post(batch: ReportBatch): Promise<boolean> {
    try {
      const res = await request(this.o.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(this.o.token ? { authorization: `Bearer ${this.o.token}` } : {}),
        },
        body: JSON.stringify(batch),
        headersTimeout: this.o.timeoutMs,
        bodyTimeout: this.o.timeoutMs,
      });
      await res.body.dump();
      // 409 = the ingest already holds this sequence: the batch is delivered.
      if ((res.statusCode >= 200 && res.statusCode < 300) || res.statusCode === 409) {
        this.o.metrics.counters.reportsSent++;
        return true;
      }
      // A batch the ingest refuses as malformed will never succeed: drop it rather than block the queue.
      if (res.statusCode === 400 || res.statusCode === 422) {
        this.o.metrics.counters.reportsDropped++;
        this.o.log("ingest refused a report batch", { sequence: batch.sequence, status: res.statusCode });
        return true;
      }
      this.o.metrics.counters.reportsFailed++;
      return false;
    } catch {
      this.o.metrics.counters.reportsFailed++;
      return false;
    }
  }

  private async reserve(): Promise<void> {
    this.reservedUpTo = this.next - 1 + SEQUENCE_BLOCK;
    await writeAtomic(this.o.dataDir, SEQUENCE_FILE, JSON.stringify({ reservedUpTo: this.reservedUpTo }));
  }
}

async function readReserved(dir: string): Promise<number> {
  try {
    const v = JSON.parse(await readFile(path.join(dir, SEQUENCE_FILE), "utf8")) as { reservedUpTo?: unknown };
    return typeof v.reservedUpTo === "number" && v.reservedUpTo >= 0 ? v.reservedUpTo : 0;
  } catch {
    return 0;
  }
}
