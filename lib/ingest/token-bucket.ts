// Per-caller token buckets that throttle ingest floods (429) instead of queueing them until the
// process falls over. In memory per web process: N web processes allow N times the rate, which is
// what a load-balanced ingest wants anyway.

export interface TokenBucketOptions {
  /** Tokens (events) refilled per second. */
  ratePerSecond: number;
  /** Largest burst. */
  burst: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly opts: TokenBucketOptions) {}

  /**
   * Takes `cost` tokens from `key`'s bucket. Returns 0 when allowed, otherwise the seconds to wait
   * (for Retry-After). A cost above the burst can never pass and is refused at once.
   */
  take(key: string, cost: number, now = Date.now()): number {
    const { ratePerSecond, burst } = this.opts;
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: burst, at: now };
      this.buckets.set(key, b);
      if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value!);
    }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * ratePerSecond);
    b.at = now;
    if (cost <= b.tokens) {
      b.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - b.tokens) / ratePerSecond));
  }
}

/** Limits from the environment: SWITCHYARD_INGEST_RATE events/s (default 200 000) and SWITCHYARD_INGEST_BURST (default 2× rate). */
export function ingestLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): TokenBucketOptions {
  const rate = positive(env.SWITCHYARD_INGEST_RATE, 200_000);
  return { ratePerSecond: rate, burst: positive(env.SWITCHYARD_INGEST_BURST, rate * 2) };
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
