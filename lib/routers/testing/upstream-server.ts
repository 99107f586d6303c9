// A tiny model server stand-in: answers every request with its own name and counts hits.
import http from "node:http";
import type net from "node:net";

export interface UpstreamServer {
  name: string;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  hits(): number;
  close(): Promise<void>;
}

export function startUpstreamServer(name: string, host = "127.0.0.1"): Promise<UpstreamServer> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits += 1;
    req.resume();
    res.writeHead(200, { "content-type": "text/plain", "x-upstream": name, "content-length": Buffer.byteLength(name) });
    res.end(name);
  });
  server.keepAliveTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        name,
        port,
        url: `http://${host}:${port}`,
        hits: () => hits,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
