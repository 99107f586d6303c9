import { request } from "undici";

/** POST /predict through a router or model server; test-only. */
export async function predict(
  base: string,
  opts: { user?: string; ticketType?: string; headers?: Record<string, string>; text?: string; path?: string } = {},
): Promise<{
  status: number;
  variant: string | undefined;
  version: string | undefined;
  requestId: string | undefined;
  body: Record<string, unknown>;
}> {
  const res = await request(`${base}${opts.path ?? "/predict"}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(opts.user ? { "x-user-id": opts.user } : {}),
      ...(opts.ticketType ? { "x-ticket-type": opts.ticketType } : {}),
      ...opts.headers,
    },
    body: JSON.stringify({
      text: opts.text ?? "I was charged twice for my subscription",
      ticket_type: opts.ticketType,
    }),
  });
  const text = await res.body.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { raw: text };
  }
  const h = (n: string) => (typeof res.headers[n] === "string" ? (res.headers[n] as string) : undefined);
  return {
    status: res.statusCode,
    variant: h("x-switchyard-variant"),
    version: h("x-switchyard-version"),
    requestId: h("x-switchyard-request-id"),
    body,
  };
}

/** GET an admin path with the router's token; test-only. */
export async function adminGet(
  router: { adminUrl: string; token: string },
  path: string,
): Promise<{ status: number; text: string }> {
  const res = await request(`${router.adminUrl}${path}`, { headers: { authorization: `Bearer ${router.token}` } });
  return { status: res.statusCode, text: await res.body.text() };
}

/** Value of one Prometheus sample, 0 when absent. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(" ").pop());
  }
  return 0;
}

/** Runs `fn` over `items` with at most `n` at once. */
export async function mapLimit<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}
