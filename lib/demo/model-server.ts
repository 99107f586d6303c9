// Demo model server: a support-ticket classifier behind node:http.
//   npx tsx lib/demo/model-server.ts --port=7101 --version=v1
//   npx tsx lib/demo/model-server.ts --port=7102 --version=v2 --flavor=bigram \
//        --latency-ms=40 --error-rate=0.05 --error-ticket-type=billing
// Every flag also reads from env: MODEL_PORT (or PORT), MODEL_HOST, MODEL_VERSION, MODEL_FLAVOR,
// MODEL_ADDED_LATENCY_MS, MODEL_ERROR_RATE, MODEL_ERROR_TICKET_TYPE.
// POST /predict {text, ticket_type?} → {label, score, model_version}; ticket_type may also come
// from the x-ticket-type header. GET /healthz → {status:"ok", model_version}.
// Port 0 picks a free port; the first stdout line is JSON {"msg":"listening","port":...}.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { trainClassifier, type Flavor } from "./classifier";

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((a) => {
    const m = /^--([^=]+)=(.*)$/.exec(a);
    return m ? [[m[1], m[2]]] : [];
  }),
);
const env = process.env;
const opt = (flag: string, name: string, fallback: string) => args[flag] ?? env[name] ?? fallback;

const port = Number(opt("port", "MODEL_PORT", env.PORT ?? "7101"));
const host = opt("host", "MODEL_HOST", "127.0.0.1");
const version = opt("version", "MODEL_VERSION", "v1");
const flavor = opt("flavor", "MODEL_FLAVOR", "unigram") as Flavor;
const addedLatencyMs = Number(opt("latency-ms", "MODEL_ADDED_LATENCY_MS", "0"));
const errorRate = Number(opt("error-rate", "MODEL_ERROR_RATE", "0"));
const errorTicketType = opt("error-ticket-type", "MODEL_ERROR_TICKET_TYPE", "");

if (flavor !== "unigram" && flavor !== "bigram") throw new Error(`unknown flavor ${flavor}`);
const model = trainClassifier(flavor);

const server = createServer((req, res) => {
  handle(req, res).catch(() => json(res, 500, { error: "internal error", model_version: version }));
});

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/healthz") return json(res, 200, { status: "ok", model_version: version });
  if (req.method !== "POST" || path !== "/predict") return json(res, 404, { error: "not found" });
  let body: { text?: unknown; ticket_type?: unknown };
  try {
    body = JSON.parse(await readText(req)) as typeof body;
  } catch {
    return json(res, 400, { error: "body must be JSON {text, ticket_type?}" });
  }
  if (typeof body.text !== "string" || body.text.length === 0) return json(res, 400, { error: "text is required" });
  const header = req.headers["x-ticket-type"];
  const ticketType = typeof body.ticket_type === "string" ? body.ticket_type : typeof header === "string" ? header : "";
  if (addedLatencyMs > 0) await new Promise((r) => setTimeout(r, addedLatencyMs));
  if (errorRate > 0 && (!errorTicketType || ticketType === errorTicketType) && Math.random() < errorRate) {
    return json(res, 503, { error: "model failed", model_version: version });
  }
  const { label, score } = model.predict(body.text);
  json(res, 200, { label, score, model_version: version });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) reject(new Error("too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

server.listen(port, host, () => {
  const bound = (server.address() as AddressInfo).port;
  process.stdout.write(
    JSON.stringify({ msg: "listening", port: bound, version, flavor, addedLatencyMs, errorRate, errorTicketType }) +
      "\n",
  );
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
process.on("SIGINT", () => server.close(() => process.exit(0)));
