// Demo traffic: labelled support tickets sent through a router at a steady rate, each from one
// of N users (x-user-id, so assignment is sticky) with its ticket type header (x-ticket-type, the
// segment). Bounded by --count and/or --seconds. With --outcome-url, every answer's label (1 when
// the prediction matched the true label, else 0) is POSTed there a few seconds later
// (--outcome-delay-ms, default 3000), named only by the answer's x-switchyard-request-id, as a
// model's consumer would: in batches of {events: [...]} (the /api/v1/ingest/outcomes shape),
// bearer --outcome-token. A failed batch is retried with the same event ids (outcome-poster.ts),
// so nothing is lost or double counted. `npm start` always passes the outcome URL.
//   npx tsx lib/demo/traffic.ts --router=http://127.0.0.1:8080 --rate=20 --count=500 --users=200
// Prints a JSON summary: per variant requests, errors, correct answers, outcomes posted.
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { request } from "undici";
import { EXAMPLES, type LabelledTicket } from "./examples";
import { OutcomePoster, type OutcomeEvent, type SendOutcome } from "./outcome-poster";

export interface TrafficOptions {
  router: string;
  rate: number;
  count?: number;
  seconds?: number;
  users: number;
  outcomeUrl?: string;
  outcomeToken?: string;
  /** How long after each answer its label is posted (default 3 s). */
  outcomeDelayMs?: number;
  /** Only for a router that sends no request id: the rollout its outcomes belong to. */
  rolloutId?: string;
  /** Extra headers on every request, e.g. an override. */
  headers?: Record<string, string>;
}

export interface TrafficSummary {
  sent: number;
  byVariant: Record<string, { requests: number; errors: number; correct: number }>;
  failures: number;
  outcomesPosted: number;
  /** Batches sent again after a failure (same event ids). */
  outcomeRetries: number;
  /** Refused as invalid by the control plane, or dropped when the queue overflowed. */
  outcomeFailures: number;
}

const OUTCOME_PUMP_MS = 1_000;
/** After the last request, how long labels still waiting are retried before the run ends. */
const OUTCOME_FLUSH_DEADLINE_MS = 30_000;

export async function runTraffic(o: TrafficOptions): Promise<TrafficSummary> {
  const max = o.count ?? Number.POSITIVE_INFINITY;
  const deadline = o.seconds ? Date.now() + o.seconds * 1000 : Number.POSITIVE_INFINITY;
  if (!Number.isFinite(max) && !Number.isFinite(deadline)) throw new Error("bound the run with count or seconds");
  const summary: TrafficSummary = {
    sent: 0,
    byVariant: {},
    failures: 0,
    outcomesPosted: 0,
    outcomeRetries: 0,
    outcomeFailures: 0,
  };
  const inflight = new Set<Promise<void>>();
  const outcomes = o.outcomeUrl
    ? new OutcomePoster({ send: (events) => postOutcomes(o, events), delayMs: o.outcomeDelayMs })
    : null;
  const pump = outcomes ? setInterval(() => void outcomes.pump(), OUTCOME_PUMP_MS) : null;
  const runId = randomUUID().slice(0, 8);
  const interval = 1000 / o.rate;
  const start = Date.now();
  while (summary.sent < max && Date.now() < deadline) {
    const i = summary.sent++;
    const p = sendOne(o, {
      index: i,
      ticket: EXAMPLES[i % EXAMPLES.length],
      summary,
      outcomes,
      eventId: `${runId}-${i}`,
    }).finally(() => inflight.delete(p));
    inflight.add(p);
    const wait = start + (i + 1) * interval - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inflight);
  if (pump) clearInterval(pump);
  if (outcomes) {
    await outcomes.flushAll(Date.now() + OUTCOME_FLUSH_DEADLINE_MS);
    summary.outcomesPosted = outcomes.stats.posted;
    summary.outcomeRetries = outcomes.stats.retries;
    summary.outcomeFailures = outcomes.stats.refused + outcomes.stats.dropped + outcomes.queued;
  }
  return summary;
}

/** One labelled ticket through the router; its label goes to `outcomes` (if any) as `eventId`. */
async function sendOne(
  o: TrafficOptions,
  {
    index: i,
    ticket: ex,
    summary,
    outcomes,
    eventId,
  }: {
    index: number;
    ticket: LabelledTicket;
    summary: TrafficSummary;
    outcomes: OutcomePoster | null;
    eventId: string;
  },
): Promise<void> {
  const unitKey = `user-${(i * 7919) % o.users}`;
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
    const requestId = res.headers["x-switchyard-request-id"];
    const v = (summary.byVariant[variant] ??= { requests: 0, errors: 0, correct: 0 });
    v.requests++;
    if (res.statusCode >= 500) {
      v.errors++;
      return;
    }
    const predicted = res.statusCode === 200 ? ((JSON.parse(text) as { label?: string }).label ?? null) : null;
    if (predicted === ex.label) v.correct++;
    if (outcomes && res.statusCode === 200) {
      const value = predicted === ex.label ? 1 : 0;
      const event: OutcomeEvent =
        typeof requestId === "string"
          ? { eventId, requestId, kind: "label", value, segment: ex.ticket_type }
          : { eventId, rolloutId: o.rolloutId, variant, kind: "label", value, segment: ex.ticket_type };
      if (event.requestId || event.rolloutId)
        outcomes.add({ ...event, occurredAt: event.requestId ? undefined : now() });
    }
  } catch {
    summary.failures++;
  }
}

/** One POST of a batch of labels: "ok", "retry" (network, 5xx, 429) or "refused" (other 4xx). */
async function postOutcomes(o: TrafficOptions, events: OutcomeEvent[]): Promise<SendOutcome> {
  const res = await request(o.outcomeUrl!, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(o.outcomeToken ? { authorization: `Bearer ${o.outcomeToken}` } : {}),
    },
    body: JSON.stringify({ events }),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  await res.body.dump();
  if (res.statusCode < 300) return "ok";
  return res.statusCode === 429 || res.statusCode >= 500 ? "retry" : "refused";
}

function now(): string {
  return new Date().toISOString();
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
    outcomeDelayMs: num(a["outcome-delay-ms"] ?? env.TRAFFIC_OUTCOME_DELAY_MS),
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
