import { performance } from "node:perf_hooks";
import type { Pool } from "undici";
import type { Metrics } from "./metrics";
import { extractPrediction } from "./prediction";

// Shadow traffic, fire-and-forget. The proxy offers a job once the primary answer is complete
// (so the primary's prediction is known and the shadow never competes with it for the
// client's latency); a bounded queue with a fixed number of workers sends it. When the queue is
// full the job is dropped and counted. Nothing here can throw into the proxy.

export interface MirrorJob {
  pool: Pool;
  variant: string;
  rolloutId: string | null;
  segment: string;
  method: string;
  path: string;
  headers: string[];
  body: Buffer | null;
  /** The primary's prediction, undefined when it had none (then nothing is compared). */
  primaryPrediction: string | undefined;
  predictionField: string | undefined;
}

export interface MirrorOptions {
  maxQueue: number;
  concurrency: number;
  timeoutMs: number;
  maxBodyBytes: number;
}

export const DEFAULT_MIRROR_OPTIONS: MirrorOptions = {
  maxQueue: 512,
  concurrency: 32,
  timeoutMs: 10_000,
  maxBodyBytes: 1 << 20,
};

/** Methods that may be mirrored. PUT/PATCH/DELETE never are; POST only on routes the config marks
 * mirror-safe, because inference endpoints are POST yet read-only. */
export const MIRROR_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST"]);

export class Mirror {
  private readonly queue: MirrorJob[] = [];
  private active = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly metrics: Metrics,
    readonly options: MirrorOptions = DEFAULT_MIRROR_OPTIONS,
  ) {}

  /** Queues a job; false (and counted as dropped) when the queue is full. */
  offer(job: MirrorJob): boolean {
    if (this.queue.length >= this.options.maxQueue) {
      this.metrics.counters.mirrorDropped++;
      return false;
    }
    this.queue.push(job);
    this.pump();
    return true;
  }

  get depth(): number {
    return this.queue.length + this.active;
  }

  /** Resolves when every queued job has finished (for shutdown and tests). */
  idle(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.active < this.options.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.active++;
      this.send(job).finally(() => {
        this.active--;
        if (this.queue.length > 0) this.pump();
        else if (this.active === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async send(job: MirrorJob): Promise<void> {
    const start = performance.now();
    let failed = true;
    let prediction: string | undefined;
    try {
      const res = await job.pool.request({
        method: job.method as "POST",
        path: job.path,
        headers: job.headers,
        body: job.body,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      const text = await res.body.text();
      failed = res.statusCode >= 500;
      if (res.statusCode < 300) prediction = extractPrediction(text, job.predictionField);
    } catch {
      failed = true;
    }
    try {
      this.metrics.recordRequest(job.rolloutId, job.variant, job.segment, performance.now() - start, failed);
      if (prediction !== undefined && job.primaryPrediction !== undefined) {
        this.metrics.recordComparison(job.rolloutId, job.variant, job.segment, prediction === job.primaryPrediction);
      }
      if (prediction !== undefined && job.predictionField) {
        this.metrics.recordPrediction(job.rolloutId, job.variant, job.segment, prediction);
      }
    } catch {
      // Metrics must never take the router down.
    }
  }
}
