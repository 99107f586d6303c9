// Demo traffic: labelled support tickets sent through a router at a steady rate, each from one
// of N users (x-user-id, so assignment is sticky) with its ticket type header (x-ticket-type, the
// segment). Bounded by --count and/or --seconds. With --outcome-url and --rollout-id, each
// answer's outcome (label event: 1 when the prediction matched the true label, else 0) is POSTed
// there in batches of {events: [...]} (the control plane's /api/v1/ingest/outcomes shape), bearer
// --outcome-token. Event ids are unique per run, so a re-sent batch is never double counted.
//   npx tsx lib/demo/traffic.ts --router=http://127.0.0.1:8080 --rate=20 --count=500 --users=200
// Prints a JSON summary: per variant requests, errors, correct answers.
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { request } from "undici";
import { EXAMPLES, type LabelledTicket } from "./examples";

export interface TrafficOptions {
  router: string;
  rate: number;
  count?: number;
  seconds?: number;
  users: number;
  outcomeUrl?: string;
  outcomeToken?: string;
  /** Rollout the outcomes belong to; outcomes are only posted when it is set. */
  rolloutId?: string;
  /** Extra headers on every request, e.g. an override. */
  headers?: Record<string, string>;
}

export interface TrafficSummary {
  sent: number;
  byVariant: Record<string, { requests: number; errors: number; correct: number }>;
  failures: number;
  outcomesPosted: number;
  outcomeFailures: number;
}

/** One label outcome: did the served model get the user's ticket right (1) or not (0). */
export interface OutcomeEvent {
  eventId: string;
  rolloutId: string;
  variant: string;
  unitKey: string;
  kind: "label";
  value: 0 | 1;
  segment: string;
  occurredAt: string;
}

const OUTCOME_BATCH = 200;
const OUTCOME_FLUSH_MS = 1_000;

export async function runTraffic(o: TrafficOptions): Promise<TrafficSummary> {
  const max = o.count ?? Number.POSITIVE_INFINITY;
  const deadline = o.seconds ? Date.now() + o.seconds * 1000 : Number.POSITIVE_INFINITY;
  if (!Number.isFinite(max) && !Number.isFinite(deadline)) throw new Error("bound the run with count or seconds");
  const summary: TrafficSummary = { sent: 0, byVariant: {}, failures: 0, outcomesPosted: 0, outcomeFailures: 0 };
  const inflight = new Set<Promise<void>>();
  const outcomes = o.outcomeUrl && o.rolloutId ? new OutcomeBuffer(o, summary) : null;
  const runId = randomUUID().slice(0, 8);
  const interval = 1000 / o.rate;
  const start = Date.now();
  while (summary.sent < max && Date.now() < deadline) {
    const i = summary.sent++;
    const p = sendOne(o, i, EXAMPLES[i % EXAMPLES.length], summary, outcomes, `${runId}-${i}`).finally(() =>
      inflight.delete(p),
    );
    inflight.add(p);
    const wait = start + (i + 1) * interval - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inflight);
  await outcomes?.close();
  return summary;
}

async function sendOne(
  o: TrafficOptions,
  i: number,
  ex: LabelledTicket,
  summary: TrafficSummary,
  outcomes: OutcomeBuffer | null,
  eventId: string,
): Promise<void> {
  const unitKey = `user-${(i * 7919) % o.users}`;
  const occurredAt = new Date().toISOString();
  try {
    const res = await request(`${o.router.replace(/\/$/, "")}/predict`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-user-id": unitKey,
        "x-ticket-type": ex.ticket_type,
        ...o.headers,
      },
      body: JSON.stringify({ text: ex.text, ticket_type: ex.ticket_type }),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const text = await res.body.text();
    const variant = String(res.headers["x-switchyard-variant"] ?? "unknown");
    const v = (summary.byVariant[variant] ??= { requests: 0, errors: 0, correct: 0 });
    v.requests++;
    if (res.statusCode >= 500) {
      v.errors++;
      return;
    }
    const predicted = res.statusCode === 200 ? ((JSON.parse(text) as { label?: string }).label ?? null) : null;
    if (predicted === ex.label) v.correct++;
    if (outcomes && res.statusCode === 200) {
      outcomes.add({
        eventId,
        rolloutId: o.rolloutId!,
        variant,
        unitKey,
        kind: "label",
        value: predicted === ex.label ? 1 : 0,
        segment: ex.ticket_type,
        occurredAt,
      });
    }
  } catch {
    summary.failures++;
  }
}

/** Buffers outcome events and POSTs them in batches; a failed batch is counted, not retried. */
class OutcomeBuffer {
  private events: OutcomeEvent[] = [];
  private readonly timer: NodeJS.Timeout;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly o: TrafficOptions,
    private readonly summary: TrafficSummary,
  ) {
    this.timer = setInterval(() => this.flush(), OUTCOME_FLUSH_MS);
    this.timer.unref();
  }

  add(e: OutcomeEvent): void {
    this.events.push(e);
    if (this.events.length >= OUTCOME_BATCH) this.flush();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.flush();
    await this.sending;
  }

  private flush(): void {
    if (this.events.length === 0) return;
    const events = this.events;
    this.events = [];
    this.sending = this.sending.then(() => this.post(events));
  }

  private async post(events: OutcomeEvent[]): Promise<void> {
    try {
      const res = await request(this.o.outcomeUrl!, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(this.o.outcomeToken ? { authorization: `Bearer ${this.o.outcomeToken}` } : {}),
        },
        body: JSON.stringify({ events }),
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      });
      await res.body.dump();
      if (res.statusCode < 300) this.summary.outcomesPosted += events.length;
      else this.summary.outcomeFailures += events.length;
    } catch {
      this.summary.outcomeFailures += events.length;
    }
  }
}

function parseArgs(argv: string[]): TrafficOptions {
  const a = Object.fromEntries(
    argv.flatMap((s) => {
      const m = /^--([^=]+)=(.*)$/.exec(s);
      return m ? [[m[1], m[2]]] : [];
    }),
  );
  const env = process.env;
  const num = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));
  return {
    router: a.router ?? env.TRAFFIC_ROUTER_URL ?? "http://127.0.0.1:8080",
    rate: num(a.rate ?? env.TRAFFIC_RATE) ?? 10,
    count: num(a.count ?? env.TRAFFIC_COUNT),
    seconds: num(a.seconds ?? env.TRAFFIC_SECONDS) ?? ((a.count ?? env.TRAFFIC_COUNT) ? undefined : 60),
    users: num(a.users ?? env.TRAFFIC_USERS) ?? 500,
    outcomeUrl: a["outcome-url"] ?? env.TRAFFIC_OUTCOME_URL,
    outcomeToken: a["outcome-token"] ?? env.TRAFFIC_OUTCOME_TOKEN,
    rolloutId: a["rollout-id"] ?? env.TRAFFIC_ROLLOUT_ID,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runTraffic(parseArgs(process.argv.slice(2)))
    .then((s) => console.log(JSON.stringify(s, null, 2)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
