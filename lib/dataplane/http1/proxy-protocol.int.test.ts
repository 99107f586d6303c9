import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Metrics } from "../metrics";
import { Mirror } from "../mirror";
import { createProxyServer, type ProxyServer } from "../proxy";
import { makeConfig } from "../testing/fixtures";
import { Upstreams, type Runtime } from "../upstreams";
import { setParserForTests } from "./native-parser";

// HTTP/1.1 behaviour of the proxy's own protocol code, in process, against upstreams whose every
// byte the test controls: framing (HEAD, 204, chunked, close-delimited, HTTP/1.0 clients),
// pipelining, Expect: 100-continue, stale keep-alive connections, timeouts and bad requests.

const servers: { close(): unknown }[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

function listen(server: net.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
  );
}

/** A node:http upstream: echoes method, path and body as JSON, with a few special paths. */
async function httpUpstream(): Promise<number> {
  const server: HttpServer = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      if (req.url === "/no-content") {
        res.writeHead(204);
        return res.end();
      }
      if (req.url === "/chunked") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("part-one;");
        setTimeout(() => res.end("part-two"), 10);
        return;
      }
      const text = JSON.stringify({
        method: req.method,
        url: req.url,
        body,
        host: req.headers.host,
        te: req.headers["transfer-encoding"] ?? null,
      });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
  server.keepAliveTimeout = 5_000;
  return listen(server);
}

/** Sends raw bytes; resolves with everything received once `done(text)` holds or the socket closes. */
function raw(
  port: number,
  send: string | ((socket: net.Socket, received: () => string) => void),
  done: (text: string) => boolean = () => false,
): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let text = "";
    let finished = false;
    const finish = (closed: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => reject(new Error(`timed out; received so far: ${JSON.stringify(text)}`)), 5_000);
    socket.on("data", (d: Buffer) => {
      text += d.toString("latin1");
      if (done(text)) finish(false);
    });
    socket.on("end", () => finish(true));
    socket.on("close", () => finish(true));
    socket.on("error", reject);
    if (typeof send === "string") socket.write(send);
    else send(socket, () => text);
  });
}

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

// Every case runs with Node's own parser (llhttp) and with the JavaScript one the router falls back
// to where Node's internal parser is not available.
describe.each(["native", "js"] as const)("the proxy's HTTP/1.1 handling (%s parser)", (parser) => {
  let upstreams: Upstreams;
  let runtime: Runtime | null;
  let metrics: Metrics;
  let proxy: ProxyServer;
  let port: number;

  const route = (upstreamPort: number, timeoutMs = 2_000, connections = 8) => {
    upstreams = new Upstreams({ connections, headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs });
    runtime = upstreams.runtimeFor(
      makeConfig({
        variants: [
          { key: "champion", role: "champion", upstream: `http://127.0.0.1:${upstreamPort}`, version: "v1" },
          { key: "challenger", role: "challenger", upstream: `http://127.0.0.1:${upstreamPort}`, version: "v2" },
        ],
        weights: { champion: 10_000, challenger: 0 },
      }),
    );
  };

  beforeAll(async () => {
    setParserForTests(parser);
    metrics = new Metrics();
    proxy = createProxyServer({ runtime: () => runtime, metrics, mirror: new Mirror(metrics) });
    port = await listen(proxy);
  });
  afterEach(async () => {
    await upstreams?.close();
  });
  afterAll(() => setParserForTests("native"));

  it("answers HEAD with the upstream's headers and no body, and the connection stays usable", async () => {
    route(await httpUpstream());
    const r = await raw(port, "HEAD /a HTTP/1.1\r\nhost: x\r\n\r\nGET /b HTTP/1.1\r\nhost: x\r\n\r\n", (t) =>
      t.includes('"url":"/b"'),
    );
    const [head, rest] = r.text.split(/\r\n\r\n/, 2);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(head).toMatch(/content-length: \d+/i);
    expect(head).toContain("x-switchyard-variant: champion");
    expect(rest).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(r.text).toContain('"method":"GET","url":"/b"');
  });

  it("passes 204 without a body and keeps the connection", async () => {
    route(await httpUpstream());
    const r = await raw(
      port,
      "GET /no-content HTTP/1.1\r\nhost: x\r\n\r\nGET /after HTTP/1.1\r\nhost: x\r\n\r\n",
      (t) => t.includes('"url":"/after"'),
    );
    expect(r.text).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
    expect(r.text).not.toMatch(/transfer-encoding/i);
    expect(countOf(r.text, "HTTP/1.1 ")).toBe(2);
  });

  it("re-chunks a chunked answer for HTTP/1.1 clients and ends the body by closing for HTTP/1.0 ones", async () => {
    route(await httpUpstream());
    const v11 = await (await fetch(`http://127.0.0.1:${port}/chunked`)).text();
    expect(v11).toBe("part-one;part-two");
    const rawV11 = await raw(port, "GET /chunked HTTP/1.1\r\nhost: x\r\n\r\n", (t) => t.endsWith("0\r\n\r\n"));
    expect(rawV11.text).toMatch(/transfer-encoding: chunked/i);
    const v10 = await raw(port, "GET /chunked HTTP/1.0\r\nhost: x\r\n\r\n");
    expect(v10.closed).toBe(true);
    expect(v10.text).toMatch(/connection: close/i);
    expect(v10.text).not.toMatch(/transfer-encoding/i);
    expect(v10.text.endsWith("\r\n\r\npart-one;part-two")).toBe(true);
  });

  it("keeps an HTTP/1.0 keep-alive client's connection open and says so", async () => {
    route(await httpUpstream());
    const r = await raw(port, "GET /one HTTP/1.0\r\nconnection: keep-alive\r\n\r\nGET /two HTTP/1.0\r\n\r\n");
    expect(countOf(r.text, "HTTP/1.1 200")).toBe(2);
    expect(r.text).toMatch(/connection: keep-alive/i);
    expect(r.closed).toBe(true);
  });

  it("forwards a close-delimited upstream answer whole", async () => {
    const up = await listen(
      net.createServer((s) =>
        s.once("data", () => s.end("HTTP/1.0 200 OK\r\ncontent-type: text/plain\r\n\r\nuntil-the-end")),
      ),
    );
    route(up);
    const res = await fetch(`http://127.0.0.1:${port}/x`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("until-the-end");
  });

  it("answers pipelined requests in order on one connection", async () => {
    route(await httpUpstream());
    const r = await raw(port, ["/p1", "/p2", "/p3"].map((p) => `GET ${p} HTTP/1.1\r\nhost: x\r\n\r\n`).join(""), (t) =>
      t.includes('"url":"/p3"'),
    );
    const order = [...r.text.matchAll(/"url":"(\/p\d)"/g)].map((m) => m[1]);
    expect(order).toEqual(["/p1", "/p2", "/p3"]);
  });

  it("answers Expect: 100-continue itself, then forwards the body (also when chunked)", async () => {
    route(await httpUpstream());
    const r = await raw(
      port,
      (socket, received) => {
        socket.write("POST /e HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: 5\r\n\r\n");
        const wait = setInterval(() => {
          if (received().includes("100 Continue")) {
            clearInterval(wait);
            socket.write("hello");
          }
        }, 5);
      },
      (t) => t.includes('"body":"hello"'),
    );
    expect(r.text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK/);
    const chunked = await raw(
      port,
      "POST /c HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
      (t) => t.includes('"body":"abcde"'),
    );
    expect(chunked.text).toContain('"te":"chunked"');
  });

  it("resends an idempotent request once when a reused keep-alive connection turns out to be closed, and never a POST", async () => {
    // Each upstream connection answers its first request and silently drops the second.
    let connections = 0;
    const seen: string[] = [];
    const up = await listen(
      net.createServer((s) => {
        connections++;
        let n = 0;
        let buf = "";
        s.on("data", (d: Buffer) => {
          buf += d.toString();
          while (buf.includes("\r\n\r\n")) {
            const end = buf.indexOf("\r\n\r\n") + 4;
            const length = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
            if (buf.length < end + length) return;
            const request = buf.slice(0, end + length);
            buf = buf.slice(end + length);
            n++;
            if (n > 1) return void s.destroy();
            seen.push(request.split(" ")[1] + " " + request.slice(end));
            s.write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok");
          }
        });
      }),
    );
    route(up);
    const url = `http://127.0.0.1:${port}`;
    expect((await fetch(`${url}/first`)).status).toBe(200);
    expect((await fetch(`${url}/second`)).status).toBe(200);
    expect((await fetch(`${url}/third`, { method: "PUT", body: "small-body" })).status).toBe(200);
    // The upstream may have acted on a POST before the connection died: never sent twice (RFC 9110 9.2.2).
    expect((await fetch(`${url}/fourth`, { method: "POST", body: "once" })).status).toBe(502);
    expect(seen).toEqual(["/first ", "/second ", "/third small-body"]);
    expect(connections).toBe(3);
  });

  it("does not reuse a connection past the idle time the upstream announced", async () => {
    let connections = 0;
    const up = await listen(
      net.createServer((s) => {
        connections++;
        s.on("data", () => s.write("HTTP/1.1 200 OK\r\nkeep-alive: timeout=1\r\ncontent-length: 2\r\n\r\nok"));
      }),
    );
    route(up);
    await fetch(`http://127.0.0.1:${port}/a`);
    await fetch(`http://127.0.0.1:${port}/b`);
    // timeout=1 leaves no safe idle time (one second is kept in hand): a new connection each time.
    expect(connections).toBe(2);
  });

  it("answers 504 with the variant when the upstream is silent, and 502 when it hangs up", async () => {
    const silent = await listen(net.createServer(() => {}));
    route(silent, 300);
    const timedOut = await fetch(`http://127.0.0.1:${port}/slow`);
    expect(timedOut.status).toBe(504);
    expect(timedOut.headers.get("x-switchyard-variant")).toBe("champion");
    expect(await timedOut.json()).toEqual({ error: "upstream timeout", variant: "champion" });
    await upstreams.close();
    const rude = await listen(net.createServer((s) => s.once("data", () => s.destroy())));
    route(rude);
    const hungUp = await fetch(`http://127.0.0.1:${port}/x`);
    expect(hungUp.status).toBe(502);
  });

  it("refuses a malformed request with 400, an oversized head with 431 and an upgrade with 501", async () => {
    route(await httpUpstream());
    const bad = await raw(port, "NOT HTTP AT ALL\r\n\r\n");
    expect(bad.text).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(bad.closed).toBe(true);
    const big = await raw(port, `GET / HTTP/1.1\r\nhost: x\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(big.text).toMatch(/^HTTP\/1\.1 431/);
    const upgrade = await raw(port, "GET /ws HTTP/1.1\r\nhost: x\r\nconnection: upgrade\r\nupgrade: websocket\r\n\r\n");
    expect(upgrade.text).toMatch(/^HTTP\/1\.1 501/);
    expect(upgrade.closed).toBe(true);
  });

  it("closes the connection after the answer when the client asked for it", async () => {
    route(await httpUpstream());
    const r = await raw(port, "GET /bye HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
    expect(r.closed).toBe(true);
    expect(r.text).toMatch(/connection: close/i);
    expect(r.text).toContain('"url":"/bye"');
  });

  it("sends the upstream its own Host and strips hop-by-hop headers", async () => {
    const upPort = await httpUpstream();
    route(upPort);
    const r = await raw(
      port,
      "GET /h HTTP/1.1\r\nhost: public.example\r\nkeep-alive: timeout=5\r\nproxy-connection: x\r\n\r\n",
      (t) => t.includes("}"),
    );
    expect(r.text).toContain(`"host":"127.0.0.1:${upPort}"`);
  });

  it("survives an upstream that sends more than one answer, and never hands the extra bytes to the next request", async () => {
    // Every answer is followed, in the same write, by a second one nobody asked for.
    let connections = 0;
    const up = await listen(
      net.createServer((s) => {
        connections++;
        s.on("data", () =>
          s.write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nokHTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nextra"),
        );
      }),
    );
    route(up, 2_000, 1);
    const url = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${url}/alone`)).text()).toBe("ok");
    // With one connection, /b waits for /a's: the extra answer must not become /b's.
    const answers = await Promise.all([fetch(`${url}/a`), fetch(`${url}/b`)].map(async (p) => (await p).text()));
    expect(answers).toEqual(["ok", "ok"]);
    expect(await (await fetch(`${url}/c`)).text()).toBe("ok");
    expect(connections).toBe(4);
  });

  it("keeps reading and dropping a request body the upstream answered early, also once it had pushed back", async () => {
    // The upstream stops reading at the head, answers 413 a little later, and keeps the connection.
    const up = await listen(
      net.createServer((s) => {
        s.on("error", () => {});
        s.once("data", (d: Buffer) => {
          if (d.toString().startsWith("POST")) {
            s.pause();
            setTimeout(() => s.write("HTTP/1.1 413 Payload Too Large\r\ncontent-length: 0\r\n\r\n"), 300);
          } else s.write("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nafter");
        });
      }),
    );
    route(up);
    const size = 64 << 20;
    const r = await raw(
      port,
      (socket) => {
        socket.write(`POST /upload HTTP/1.1\r\nhost: x\r\ncontent-length: ${size}\r\n\r\n`);
        const piece = Buffer.alloc(1 << 20, 97);
        let sent = 0;
        const pump = () => {
          while (sent < size) {
            sent += piece.length;
            if (!socket.write(piece)) return void socket.once("drain", pump);
          }
          socket.write("GET /after HTTP/1.1\r\nhost: x\r\n\r\n");
        };
        pump();
      },
      (t) => t.endsWith("after"),
    );
    expect(r.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(countOf(r.text, "HTTP/1.1 ")).toBe(2);
  });

  it("stops reading a request body while it waits for a free upstream connection", async () => {
    // One connection, held by a request the upstream answers only after a while.
    const up = await listen(
      net.createServer((s) => {
        s.once("data", () =>
          setTimeout(() => s.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok"), 1_500),
        );
      }),
    );
    route(up, 5_000, 1);
    const held = fetch(`http://127.0.0.1:${port}/hold`);
    await new Promise((r) => setTimeout(r, 100));
    const size = 128 << 20;
    let accepted = 0;
    const socket = net.connect(port, "127.0.0.1");
    socket.on("error", () => {});
    socket.write(`POST /big HTTP/1.1\r\nhost: x\r\ncontent-length: ${size}\r\n\r\n`);
    const piece = Buffer.alloc(1 << 20, 98);
    const pump = () => {
      while (accepted < size) {
        if (!socket.write(piece)) return void socket.once("drain", () => ((accepted += piece.length), pump()));
        accepted += piece.length;
      }
    };
    pump();
    await new Promise((r) => setTimeout(r, 1_000));
    socket.destroy();
    // Socket buffers on both sides hold a few MiB; the proxy itself must not take in the rest.
    expect(accepted).toBeLessThan(32 << 20);
    expect((await held).status).toBe(200);
    // And a body held that way is forwarded whole once a connection is free.
    await upstreams.close();
    const counting = createHttpServer((req, res) => {
      let n = 0;
      req.on("data", (c: Buffer) => (n += c.length));
      req.on("end", () => setTimeout(() => res.end(String(n)), req.url === "/hold" ? 300 : 0));
    });
    route(await listen(counting), 5_000, 1);
    const first = fetch(`http://127.0.0.1:${port}/hold`);
    await new Promise((r) => setTimeout(r, 50));
    const big = await fetch(`http://127.0.0.1:${port}/big`, { method: "POST", body: Buffer.alloc(4 << 20, 99) });
    expect(await big.text()).toBe(String(4 << 20));
    expect(await (await first).text()).toBe("0");
  });

  it("answers a request that asked to close, and forwards nothing after it", async () => {
    const seen: string[] = [];
    const up = await listen(
      net.createServer((s) => {
        s.on("data", (d: Buffer) => {
          seen.push(d.toString().split(" ")[1]);
          s.write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok");
        });
      }),
    );
    route(up);
    // A client that keeps its side open (half-close) and goes on sending.
    const halfOpen = () => {
      const client = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
      const state = { text: "", client };
      client.on("data", (d: Buffer) => (state.text += d.toString("latin1")));
      client.on("error", () => {});
      return state;
    };
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    // A request sent after the "connection: close" answer is not forwarded.
    const one = halfOpen();
    one.client.write("GET /a HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
    await until(() => one.text.endsWith("ok"));
    one.client.write("GET /late HTTP/1.1\r\nhost: x\r\n\r\n");
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual(["/a"]);
    expect(countOf(one.text, "HTTP/1.1 200")).toBe(1);
    // One pipelined behind it is not forwarded, but the one before it is still answered in full.
    const two = await raw(
      port,
      "GET /b HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\nGET /c HTTP/1.1\r\nhost: x\r\n\r\n",
    );
    expect(two.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*connection: close\r\n\r\nok$/);
    expect(two.closed).toBe(true);
    expect(seen).toEqual(["/a", "/b"]);
    // The same for an HTTP/1.0 client without keep-alive.
    const old = await raw(port, "GET /d HTTP/1.0\r\n\r\nGET /e HTTP/1.0\r\n\r\n");
    expect(old.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*connection: close\r\n\r\nok$/);
    expect(seen).toEqual(["/a", "/b", "/d"]);
    one.client.destroy();
  });

  it("forwards an absolute-form request target in origin form, under the upstream's base path", async () => {
    const upPort = await httpUpstream();
    upstreams = new Upstreams({ connections: 8, headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000 });
    runtime = upstreams.runtimeFor(
      makeConfig({
        variants: [
          { key: "champion", role: "champion", upstream: `http://127.0.0.1:${upPort}/v1`, version: "v1" },
          { key: "challenger", role: "challenger", upstream: `http://127.0.0.1:${upPort}/v1`, version: "v2" },
        ],
        weights: { champion: 10_000, challenger: 0 },
      }),
    );
    const r = await raw(
      port,
      "GET http://public.example/predict?x=1 HTTP/1.1\r\nhost: public.example\r\n\r\nGET HTTP://public.example HTTP/1.1\r\nhost: public.example\r\n\r\n",
      (t) => countOf(t, "}") === 2,
    );
    expect([...r.text.matchAll(/"url":"([^"]*)"/g)].map((m) => m[1])).toEqual(["/v1/predict?x=1", "/v1/"]);
  });

  it("closes a client connection that stalls halfway through a request no upstream is waiting for", async () => {
    const up = await listen(
      net.createServer((s) =>
        s.once("data", () => s.write("HTTP/1.1 413 Payload Too Large\r\ncontent-length: 0\r\n\r\n")),
      ),
    );
    route(up);
    const stalling = createProxyServer({
      runtime: () => runtime,
      metrics,
      mirror: new Mirror(metrics),
      clientTimeoutMs: 300,
    });
    const stallingPort = await listen(stalling);
    // The upstream answers at once; the client never sends the rest of its body.
    const started = Date.now();
    const r = await raw(stallingPort, "POST /x HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n0123456789");
    expect(r.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("resends a request whose reused connection died while every connection was busy, with the body that came meanwhile", async () => {
    // The first upstream connection answers one request, then drops the next one 100 ms after it
    // arrives; the others answer everything (/slow after 300 ms), echoing the body.
    let connections = 0;
    const up = createHttpServer((req, res) => {
      const first = (req.socket as net.Socket & { n?: number }).n === 1;
      const served = ((req.socket as net.Socket & { count?: number }).count =
        ((req.socket as net.Socket & { count?: number }).count ?? 0) + 1);
      if (first && served > 1) return void setTimeout(() => req.socket.destroy(), 100);
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () =>
        setTimeout(() => res.end(Buffer.concat(chunks).toString() || "empty"), req.url === "/slow" ? 300 : 0),
      );
    });
    up.on("connection", (s: net.Socket & { n?: number }) => (s.n = ++connections));
    route(await listen(up), 2_000, 1);
    const url = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${url}/warm`)).text()).toBe("empty");
    // A chunked upload takes the reused connection; a second request waits for it.
    let slow: Promise<Response> | null = null;
    const r = await raw(
      port,
      (socket) => {
        socket.write("PUT /upload HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n");
        setTimeout(() => (slow = fetch(`${url}/slow`)), 20);
        // Sent once the first connection is gone and the upload waits for /slow's connection.
        setTimeout(() => socket.write("5\r\nworld\r\n0\r\n\r\n"), 200);
      },
      (t) => t.endsWith("helloworld"),
    );
    expect(r.text).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(await (await slow!).text()).toBe("empty");
  });

  it("on shutdown, closes idle connections but answers a request whose head is still arriving", async () => {
    route(await httpUpstream());
    const closing = createProxyServer({ runtime: () => runtime, metrics, mirror: new Mirror(metrics) });
    const closingPort = await listen(closing);
    const idle = await new Promise<net.Socket>((resolve) => {
      const s = net.connect(closingPort, "127.0.0.1", () => resolve(s));
    });
    const idleClosed = new Promise<void>((resolve) => idle.on("close", () => resolve()));
    const r = await raw(closingPort, (socket) => {
      socket.write("GET /half HTTP/1.1\r\nhost: x\r\n");
      setTimeout(() => {
        closing.close();
        closing.closeIdleConnections();
        setTimeout(() => socket.write("\r\n"), 20);
      }, 50);
    });
    await idleClosed;
    expect(r.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*connection: close\r\n/);
    expect(r.text).toContain('"url":"/half"');
    expect(r.closed).toBe(true);
  });

  it("forwards nothing a client sends after an answer that closed the connection on shutdown", async () => {
    const seen: string[] = [];
    const up = await listen(
      net.createServer((s) => {
        s.on("data", (d: Buffer) => {
          seen.push(d.toString().split(" ")[1]);
          setTimeout(() => s.write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"), 50);
        });
      }),
    );
    route(up);
    const closing = createProxyServer({ runtime: () => runtime, metrics, mirror: new Mirror(metrics) });
    const closingPort = await listen(closing);
    // The client keeps its side open and sends its next request as soon as the answer is in.
    const client = net.connect({ port: closingPort, host: "127.0.0.1", allowHalfOpen: true });
    client.on("error", () => {});
    let text = "";
    client.on("data", (d: Buffer) => {
      text += d.toString("latin1");
      if (text.endsWith("ok")) client.write("POST /after HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n");
    });
    client.write("GET /during HTTP/1.1\r\nhost: x\r\n\r\n");
    await new Promise((r) => setTimeout(r, 20));
    closing.close();
    await new Promise((r) => setTimeout(r, 300));
    client.destroy();
    expect(text).toMatch(/connection: close\r\n\r\nok$/);
    expect(seen).toEqual(["/during"]);
  });

  it("a failure in the router's own code cuts that one answer, never the process, and the next request is served", async () => {
    route(await httpUpstream());
    const flaky = new Metrics();
    let failures = 1;
    const record = flaky.recordRequest.bind(flaky);
    flaky.recordRequest = (...args: Parameters<Metrics["recordRequest"]>) => {
      if (failures-- > 0) throw new Error("metrics broke");
      record(...args);
    };
    const fragile = createProxyServer({ runtime: () => runtime, metrics: flaky, mirror: new Mirror(flaky) });
    const fragilePort = await listen(fragile);
    const cut = await raw(fragilePort, "GET /first HTTP/1.1\r\nhost: x\r\n\r\n");
    expect(cut.closed).toBe(true);
    const next = await fetch(`http://127.0.0.1:${fragilePort}/second`);
    expect(next.status).toBe(200);
    expect(await next.json()).toMatchObject({ url: "/second" });
  });

  it("drops the headers a Connection header lists, both ways", async () => {
    let received = "";
    const up = await listen(
      net.createServer((s) =>
        s.on("data", (d: Buffer) => {
          received += d.toString("latin1");
          if (received.includes("\r\n\r\n"))
            s.write(
              "HTTP/1.1 200 OK\r\nconnection: x-upstream-hop\r\nx-upstream-hop: secret\r\nx-kept: yes\r\ncontent-length: 2\r\n\r\nok",
            );
        }),
      ),
    );
    route(up);
    const r = await raw(
      port,
      "GET /c HTTP/1.1\r\nhost: x\r\nconnection: keep-alive, x-client-hop\r\nx-client-hop: private\r\nx-other: fine\r\n\r\n",
      (t) => t.endsWith("ok"),
    );
    expect(received).toMatch(/x-other: fine/i);
    expect(received).not.toMatch(/x-client-hop/i);
    expect(r.text).toMatch(/x-kept: yes/i);
    expect(r.text).not.toMatch(/x-upstream-hop/i);
  });

  it("refuses transfer codings it would have to drop: 501 for a request, 502 for an answer, and 502 for an unasked protocol switch", async () => {
    route(await httpUpstream());
    const request = await raw(
      port,
      "POST /gz HTTP/1.1\r\nhost: x\r\ntransfer-encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    );
    expect(request.text).toMatch(/^HTTP\/1\.1 501 /);
    expect(request.text).toContain("transfer coding not supported: gzip, chunked");
    expect(request.closed).toBe(true);
    await upstreams.close();

    const answers = [
      "HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
      "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n\r\n",
    ];
    for (const answer of answers) {
      const up = await listen(net.createServer((s) => s.once("data", () => s.write(answer))));
      route(up);
      const res = await fetch(`http://127.0.0.1:${port}/x`);
      expect(res.status).toBe(502);
      expect(res.headers.get("x-switchyard-variant")).toBe("champion");
      await upstreams.close();
    }
  });

  it("proxies to an https model server whose certificate a configured CA signed, and refuses one it can't verify", async () => {
    // A private CA and a server certificate for 127.0.0.1, made by openssl.
    const dir = await mkdtemp(path.join(tmpdir(), "switchyard-tls-"));
    const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
    ssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=Switchyard test CA",
    );
    ssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
      "-subj",
      "/CN=127.0.0.1",
    );
    await writeFile(path.join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1\n");
    ssl(
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "server.pem",
      "-days",
      "2",
      "-extfile",
      "san.ext",
    );
    const [ca, key, cert] = await Promise.all(
      ["ca.pem", "server.key", "server.pem"].map((f) => readFile(path.join(dir, f), "utf8")),
    );
    const secure = createHttpsServer({ key, cert }, (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ secure: (req.socket as { encrypted?: boolean }).encrypted === true, url: req.url }));
    });
    const securePort = await listen(secure);
    const config = makeConfig({
      variants: [
        { key: "champion", role: "champion", upstream: `https://127.0.0.1:${securePort}`, version: "v1" },
        { key: "challenger", role: "challenger", upstream: `https://127.0.0.1:${securePort}`, version: "v2" },
      ],
      weights: { champion: 10_000, challenger: 0 },
    });

    upstreams = new Upstreams({ connections: 4, headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000, ca });
    runtime = upstreams.runtimeFor(config);
    const ok = await fetch(`http://127.0.0.1:${port}/tls?x=1`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ secure: true, url: "/tls?x=1" });
    await upstreams.close();

    // Without the CA the certificate can't be verified: 502, nothing sent in the clear.
    upstreams = new Upstreams({ connections: 4, headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000 });
    runtime = upstreams.runtimeFor(config);
    expect((await fetch(`http://127.0.0.1:${port}/tls`)).status).toBe(502);
  });
});
