// Posts the demo traffic's labels to the control plane the way a model's consumer would: each a
// few seconds after its answer (the truth arrives later than the prediction), named only by the
// answer's request id, in batches. A batch that fails (network, 5xx, 429) is sent again, whole and
// with the same event ids, after a growing pause, so the ingest's idempotency means nothing is
// lost or counted twice; a batch the control plane refuses as invalid (other 4xx) is dropped and
// counted, since sending it again can't help. Bounded: past `maxQueued` the oldest are dropped
// (and counted). Pure of any network code: `send` is given.

export interface OutcomeEvent {
  eventId: string;
  /** The answer's x-switchyard-request-id; or, for a router that sends none, rolloutId + variant. */
  requestId?: string;
  rolloutId?: string;
  variant?: string;
  kind: "label";
  value: 0 | 1;
  segment: string;
  occurredAt?: string;
}

/** What a POST came to: delivered, worth retrying, or refused for good. */
export type SendOutcome = "ok" | "retry" | "refused";

export interface OutcomePosterOptions {
  send: (events: OutcomeEvent[]) => Promise<SendOutcome>;
  /** How long after the answer its label is posted (default 3 s). */
  delayMs?: number;
  batchSize?: number;
  maxQueued?: number;
  /** First retry pause; doubles per failure up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

export interface OutcomePosterStats {
  posted: number;
  retries: number;
  refused: number;
  dropped: number;
}

export class OutcomePoster {
  readonly stats: OutcomePosterStats = { posted: 0, retries: 0, refused: 0, dropped: 0 };
  private readonly queue: { due: number; event: OutcomeEvent }[] = [];
  private head = 0;
  private inflight: Promise<void> | null = null;
  private failures = 0;
  private retryAt = 0;
  private readonly o: Required<Omit<OutcomePosterOptions, "send" | "now">> & Pick<OutcomePosterOptions, "send">;
  private readonly now: () => number;

  constructor(options: OutcomePosterOptions) {
    this.o = {
      send: options.send,
      delayMs: options.delayMs ?? 3_000,
      batchSize: options.batchSize ?? 500,
      maxQueued: options.maxQueued ?? 100_000,
      backoffMs: options.backoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
    };
    this.now = options.now ?? Date.now;
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  /** Queues one label, due `delayMs` from now. */
  add(event: OutcomeEvent): void {
    this.queue.push({ due: this.now() + this.o.delayMs, event });
    while (this.queued > this.o.maxQueued) {
      this.head++;
      this.stats.dropped++;
    }
    this.compact();
  }

  /** Sends what is due (one batch at a time, oldest first); call on a timer. Never throws. */
  pump(): Promise<void> {
    if (this.inflight) return this.inflight;
    this.inflight = this.drain(false).finally(() => (this.inflight = null));
    return this.inflight;
  }

  /** Sends everything queued now, due or not, retrying until `deadline` (ms epoch). */
  async flushAll(deadline: number): Promise<void> {
    await this.inflight;
    while (this.queued > 0 && this.now() < deadline) {
      await this.drain(true);
      if (this.queued > 0) await sleep(Math.max(0, Math.min(this.retryAt, deadline) - this.now()));
    }
  }

  private async drain(all: boolean): Promise<void> {
    while (this.queued > 0 && this.now() >= this.retryAt) {
      const batch: OutcomeEvent[] = [];
      for (let i = this.head; i < this.queue.length && batch.length < this.o.batchSize; i++) {
        if (!all && this.queue[i].due > this.now()) break;
        batch.push(this.queue[i].event);
      }
      if (batch.length === 0) return;
      let result: SendOutcome;
      try {
        result = await this.o.send(batch);
      } catch {
        result = "retry";
      }
      if (result === "retry") {
        // The same events, same ids, later: the ingest ignores any it already stored.
        this.failures++;
        this.stats.retries++;
        this.retryAt = this.now() + Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (this.failures - 1));
        return;
      }
      this.failures = 0;
      this.head += batch.length;
      if (result === "ok") this.stats.posted += batch.length;
      else this.stats.refused += batch.length;
      this.compact();
    }
  }

  private compact(): void {
    if (this.head > 4_096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
