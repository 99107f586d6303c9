// Demo traffic: labelled support tickets sent through a router at a steady rate, each from one
// of N users (x-user-id, so assignment is sticky) with its ticket type header (x-ticket-type, the
// segment). Bounded by --count and/or --seconds. With --outcome-url, each answer's outcome
// (the true label vs the prediction) is POSTed there, bearer --outcome-token.
//   npx tsx lib/demo/traffic.ts --router=http://127.0.0.1:8080 --rate=20 --count=500 --users=200
// Prints a JSON summary: per variant requests, errors, accuracy.
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

/** One outcome: what the user's ticket really was vs what the served model predicted. */
export interface Outcome {
  unitKey: string;
  variant: string;
  version: string;
  ticketType: string;
  predicted: string | null;
  actual: string;
  correct: boolean;
  at: string;
}

export async function runTraffic(o: TrafficOptions): Promise<TrafficSummary> {
  const max = o.count ?? Number.POSITIVE_INFINITY;
  const deadline = o.seconds ? Date.now() + o.seconds * 1000 : Number.POSITIVE_INFINITY;
  if (!Number.isFinite(max) && !Number.isFinite(deadline)) throw new Error("bound the run with count or seconds");
  const summary: TrafficSummary = { sent: 0, byVariant: {}, failures: 0, outcomesPosted: 0, outcomeFailures: 0 };
  const inflight = new Set<Promise<void>>();
  const interval = 1000 / o.rate;
  const start = Date.now();
  while (summary.sent < max && Date.now() < deadline) {
    const i = summary.sent++;
    const p = sendOne(o, i, EXAMPLES[i % EXAMPLES.length], summary).finally(() => inflight.delete(p));
    inflight.add(p);
    const wait = start + (i + 1) * interval - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inflight);
  return summary;
}

async function sendOne(o: TrafficOptions, i: number, ex: LabelledTicket, summary: TrafficSummary): Promise<void> {
  const unitKey = `user-${(i * 7919) % o.users}`;
  try {
    const res = await request(`${o.router.replace(/\/$/, "")}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-user-id": unitKey, "x-ticket-type": ex.ticket_type, ...o.headers },
      body: JSON.stringify({ text: ex.text, ticket_type: ex.ticket_type }),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const text = await res.body.text();
    const variant = String(res.headers["x-switchyard-variant"] ?? "unknown");
    const version = String(res.headers["x-switchyard-version"] ?? "unknown");
    const v = (summary.byVariant[variant] ??= { requests: 0, errors: 0, correct: 0 });
    v.requests++;
    if (res.statusCode >= 500) {
      v.errors++;
      return;
    }
    const predicted = res.statusCode === 200 ? (JSON.parse(text) as { label?: string }).label ?? null : null;
    if (predicted === ex.label) v.correct++;
    if (o.outcomeUrl) {
      await postOutcome(o, { unitKey, variant, version, ticketType: ex.ticket_type, predicted, actual: ex.label, correct: predicted === ex.label, at: new Date().toISOString() }, summary);
    }
  } catch {
    summary.failures++;
  }
}

async function postOutcome(o: TrafficOptions, outcome: Outcome, summary: TrafficSummary): Promise<void> {
  try {
    const res = await request(o.outcomeUrl!, {
      method: "POST",
      headers: { "content-type": "application/json", ...(o.outcomeToken ? { authorization: `Bearer ${o.outcomeToken}` } : {}) },
      body: JSON.stringify(outcome),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    await res.body.dump();
    if (res.statusCode < 300) summary.outcomesPosted++;
    else summary.outcomeFailures++;
  } catch {
    summary.outcomeFailures++;
  }
}

function parseArgs(argv: string[]): TrafficOptions {
  const a = Object.fromEntries(argv.flatMap((s) => {
    const m = /^--([^=]+)=(.*)$/.exec(s);
    return m ? [[m[1], m[2]]] : [];
  }));
  const env = process.env;
  const num = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));
  return {
    router: a.router ?? env.TRAFFIC_ROUTER_URL ?? "http://127.0.0.1:8080",
    rate: num(a.rate ?? env.TRAFFIC_RATE) ?? 10,
    count: num(a.count ?? env.TRAFFIC_COUNT),
    seconds: num(a.seconds ?? env.TRAFFIC_SECONDS) ?? (a.count ?? env.TRAFFIC_COUNT ? undefined : 60),
    users: num(a.users ?? env.TRAFFIC_USERS) ?? 500,
    outcomeUrl: a["outcome-url"] ?? env.TRAFFIC_OUTCOME_URL,
    outcomeToken: a["outcome-token"] ?? env.TRAFFIC_OUTCOME_TOKEN,
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
